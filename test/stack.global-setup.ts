import { startStack } from './support/stack';

/** One test stack for the whole run, on fresh test schemas; the tests reach it through test/support. */
export default async function globalSetup(): Promise<void> {
  await startStack('test', { freshDatabase: true });
}
