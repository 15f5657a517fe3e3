// The stack for jest: the launcher of `npm start`, run detached so the stack outlives globalSetup.
import { readyUrlOf, type ComponentName } from '../../scripts/stack/components';
import * as launcher from '../../scripts/stack/launcher';
import { isStackRunning, readLock } from '../../scripts/stack/lock';
import { createLog, explain } from '../../scripts/stack/log';
import { resolveProfile, type ProfileName, type ProfileUrls } from '../../scripts/stack/profiles';
import { probe } from '../../scripts/stack/readiness';

/** The env the stack's processes run with; use it for processes a test starts itself. */
export function profileEnv(profile: ProfileName = 'test'): NodeJS.ProcessEnv {
  return { ...process.env, ...resolveProfile(profile).env };
}

export function profileUrls(profile: ProfileName = 'test'): ProfileUrls {
  return resolveProfile(profile).urls;
}

/** Whether a running stack is to be reused instead of restarted (and left running afterwards). */
export function reusesStack(): boolean {
  return process.env.XIETONG_REUSE_STACK === '1';
}

/**
 * Starts the whole stack of `profile` in the background and returns once it is ready. A stack of that
 * profile that already runs is restarted, or reused as it is when XIETONG_REUSE_STACK=1.
 */
export async function startStack(profile: ProfileName = 'test', options: { freshDatabase?: boolean } = {}): Promise<ProfileUrls> {
  const resolved = resolveProfile(profile);
  const log = createLog();
  const lock = readLock(resolved);
  if (lock && isStackRunning(lock)) {
    if (reusesStack()) {
      // Someone may be restarting one part of it: wait, and never throw away a stack others are using.
      if (!(await apiAnswersWithin(resolved, 90_000))) {
        throw new Error(`the running ${profile} stack (${lock.owner}) is not ready after 90 s; XIETONG_REUSE_STACK=1 never restarts it: check \`npm run status -- --profile ${profile}\``);
      }
      log.info(`reusing the running ${profile} stack (${lock.owner}) as XIETONG_REUSE_STACK=1 asks; its data and build stay as they are`);
      return resolved.urls;
    }
    log.step(`Stopping the running ${profile} stack (${lock.owner}) for a clean run`);
    await launcher.stopStack(resolved, log);
  }
  try {
    const result = await launcher.startStack(resolved, { log, mode: 'detached', freshDatabase: options.freshDatabase });
    if (result.status === 'already-running') throw new Error(`another ${profile} stack started meanwhile (${result.lock.owner})`);
  } catch (error) {
    // Jest shows only the message: make it carry the log tail the command line would print.
    throw new Error(explain(error));
  }
  return resolved.urls;
}

async function apiAnswersWithin(profile: ReturnType<typeof resolveProfile>, timeoutMs: number): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 2_000))) {
    if ((await probe(readyUrlOf(profile, 'api'))).ok) return true;
  }
  return false;
}

export async function stopStack(profile: ProfileName = 'test'): Promise<void> {
  await launcher.stopStack(resolveProfile(profile), createLog());
}

/** Stops one part of the running stack, e.g. its workers while a test runs its own; no-op if it is not running. */
export async function stopComponent(profile: ProfileName, name: ComponentName): Promise<void> {
  await launcher.stopComponent(resolveProfile(profile), name, createLog({ quiet: true }));
}

/** Starts one part of the running stack again (with `extraEnv` laid over the profile's env) and waits until it is ready. */
export async function startComponent(profile: ProfileName, name: ComponentName, extraEnv?: Record<string, string>): Promise<void> {
  try {
    await launcher.startComponent(resolveProfile(profile), name, { log: createLog({ quiet: true }), extraEnv });
  } catch (error) {
    throw new Error(explain(error));
  }
}
