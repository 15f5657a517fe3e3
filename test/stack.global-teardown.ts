import { reusesStack, stopStack } from './support/stack';

export default async function globalTeardown(): Promise<void> {
  if (reusesStack()) {
    // Left up on purpose: the next run with XIETONG_REUSE_STACK=1 skips the start.
    console.log('test stack left running (XIETONG_REUSE_STACK=1); stop it with `npm stop -- --profile test`');
    return;
  }
  await stopStack('test');
}
