// Starting and stopping a whole stack: shared by `npm start` (foreground) and the tests' globalSetup (detached).
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildEngine, buildServer, buildUi, type BuildContext } from './builds';
import { componentFor, engineJar, runningEngineJar, stopGraceMs, stopOrder, type Component, type ComponentName } from './components';
import { ensureSchemas, resetSchemas } from './database';
import { ensureKeycloak } from './keycloak';
import { isStackRunning, liveChildren, lockPath, readLock, removeLock, tryCreateLock, updateLock, type StackLock } from './lock';
import { startProgress, type Log } from './log';
import { assertPortsFree } from './ports';
import {
  exitOf,
  isGroupAlive,
  isProcessAlive,
  killGroup,
  recordOf,
  runLogged,
  signalProcess,
  spawnComponent,
  stopGroup,
  waitForProcessExit,
  type Exit,
  type ProcessRecord,
} from './processes';
import { parseDatabaseUrl, repoRoot, type Profile } from './profiles';
import { waitForReady, type Starting } from './readiness';
import { StackError } from './stack-error';

/** foreground: `npm start` stays and supervises; detached: the children outlive the caller (jest globalSetup). */
export type StartMode = 'foreground' | 'detached';

export interface StartOptions {
  log: Log;
  mode: StartMode;
  /** Aborting cancels the start; what was started is stopped again. */
  signal?: AbortSignal;
  /** Drop and recreate the test schemas first, so a test run starts from nothing. */
  freshDatabase?: boolean;
}

export interface RunningChild {
  component: Component;
  child: ChildProcess;
  exit: Promise<Exit>;
}

export type StartResult = { status: 'started'; children: RunningChild[] } | { status: 'already-running'; lock: StackLock };

export async function startStack(profile: Profile, options: StartOptions): Promise<StartResult> {
  const { log, signal } = options;
  log.step(`Starting xietong (${profile.name})`);
  const running = await claimLock(profile, options);
  if (running) return { status: 'already-running', lock: running };

  const children: RunningChild[] = [];
  try {
    await assertPortsFree(profile);

    log.step('Database');
    await prepareDatabase(profile, options);

    log.step('Builds and Keycloak');
    await buildEverything(profile, options);

    log.step('Migrations');
    await runNodeCommand(profile, 'migrate', [path.join('dist', 'src', 'database', 'migrate.js'), 'up'], options);

    log.step('Starting Keycloak and the engine');
    const backends = (['keycloak', 'engine'] as const).map((name) => launch(profile, name, options.mode));
    children.push(...backends);
    await waitForReady(log, backends.map(readiness), signal);

    log.step('Starting the API and the workers');
    const front = (['api', 'workers'] as const).map((name) => launch(profile, name, options.mode));
    children.push(...front);
    await waitForReady(log, front.map(readiness), signal);

    log.step('Deploying the shipped models');
    await runNodeCommand(profile, 'deploy', [path.join('dist', 'src', 'deployments', 'deploy-shipped.js')], options);
    return { status: 'started', children };
  } catch (error) {
    const started = Object.keys(readLock(profile)?.children ?? {}).length > 0;
    if (started) log.step(signal?.aborted ? 'Cancelled: stopping what was started' : 'Start failed: stopping what was started');
    await stopRecorded(profile, log);
    throw error;
  }
}

/**
 * Takes `.stack/<profile>/stack.json`, or returns the lock of the stack that already runs. A lock
 * left by a launcher that died is cleaned up, stopping whatever it had started.
 */
async function claimLock(profile: Profile, options: StartOptions): Promise<StackLock | null> {
  const mine: StackLock = {
    profile: profile.name,
    launcher: options.mode === 'foreground' ? recordOf(process.pid) : null,
    owner: options.mode === 'foreground' ? `npm start (pid ${process.pid})` : `the tests (pid ${process.pid})`,
    startedAt: new Date().toISOString(),
    children: {},
  };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (tryCreateLock(profile, mine)) return null;
    const existing = readLock(profile);
    if (!existing) continue;
    if (isStackRunning(existing)) return existing;
    const leftovers = liveChildren(existing);
    if (leftovers.length > 0) {
      options.log.warn(`a previous run (${existing.owner}) ended without stopping ${leftovers.join(', ')}: stopping them`);
    } else {
      options.log.info(`removing the stale lock of a previous run (${existing.owner})`);
    }
    await stopChildren(profile, existing, options.log);
    removeLock(profile);
  }
  throw new StackError(`Could not take ${path.relative(repoRoot, lockPath(profile))}: another launcher keeps changing it`);
}

async function prepareDatabase(profile: Profile, options: StartOptions): Promise<void> {
  const server = parseDatabaseUrl(profile.database.url);
  if (options.freshDatabase) {
    await resetSchemas(profile);
    options.log.info(`recreated ${profile.database.name} and ${profile.database.engineName} on ${server.host}:${server.port}`);
    return;
  }
  const created = await ensureSchemas(profile);
  options.log.info(
    created.length > 0
      ? `created ${created.join(' and ')} on ${server.host}:${server.port}`
      : `${profile.database.name} and ${profile.database.engineName} are there on ${server.host}:${server.port}`,
  );
}

/** Three lanes at once: tsc then vite (CPU), the Maven engine build, the Keycloak download (network). */
async function buildEverything(profile: Profile, options: StartOptions): Promise<void> {
  fs.mkdirSync(profile.logDir, { recursive: true });
  const lanes = new AbortController();
  const signal = AbortSignal.any([lanes.signal, ...(options.signal ? [options.signal] : [])]);
  const context: BuildContext = { log: options.log, logDir: profile.logDir, signal };
  // The first failure is the one to report; the lanes it cancels fail after it with AbortErrors.
  let failure: unknown;
  const lane = (work: Promise<unknown>) =>
    work.catch((error: unknown) => {
      failure ??= error;
      lanes.abort();
      throw error;
    });
  try {
    await Promise.all([
      lane(buildServer(context).then(() => buildUi(context))),
      lane(buildEngine(context)),
      lane(abortable(ensureKeycloak((line) => options.log.info(line)), signal)),
    ]);
  } catch (error) {
    throw failure ?? error;
  }
}

/** Stops waiting for work that cannot be cancelled itself (the Keycloak download) once `signal` aborts. */
function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** A one-shot Node command of dist/ (migrations, deployment) with the profile's env; its output is echoed. */
async function runNodeCommand(
  profile: Profile,
  name: string,
  args: string[],
  options: { log: Log; signal?: AbortSignal },
): Promise<void> {
  fs.mkdirSync(profile.logDir, { recursive: true });
  const stopProgress = startProgress(options.log, (seconds) => `${name}: running (${seconds}s)`);
  try {
    await runLogged(process.execPath, args, {
      env: { ...process.env, ...profile.env },
      logFile: path.join(profile.logDir, `${name}.log`),
      onLine: (line) => line && options.log.info(`${name}: ${line}`),
      signal: options.signal,
      label: name,
    });
  } finally {
    stopProgress();
  }
}

function launch(
  profile: Profile,
  name: ComponentName,
  mode: StartMode,
  options: { extraEnv?: Record<string, string>; appendLog?: boolean } = {},
): RunningChild {
  const component = componentFor(profile, name, options.extraEnv);
  fs.mkdirSync(profile.logDir, { recursive: true });
  if (name === 'engine') fs.copyFileSync(path.join(repoRoot, engineJar), runningEngineJar(profile));
  const child = spawnComponent(component.command, component.args, {
    env: component.env,
    logFile: component.logFile,
    appendLog: options.appendLog,
  });
  const exit = exitOf(child);
  if (child.pid) {
    const record = recordOf(child.pid);
    updateLock(profile, (lock) => (lock.children[name] = record));
  }
  // Only a foreground launcher waits for its children; a detached caller must be free to exit.
  if (mode === 'detached') child.unref();
  return { component, child, exit };
}

function readiness(running: RunningChild): Starting {
  return { ...running.component, exit: running.exit };
}

/** Stops the recorded children in order (workers first), each SIGKILLed after its grace period. */
async function stopChildren(profile: Profile, lock: StackLock, log: Log): Promise<void> {
  for (const name of stopOrder) {
    const record = lock.children[name];
    if (!record) continue;
    if (isGroupAlive(record)) await stopOne(name, record, log);
    updateLock(profile, (current) => delete current.children[name]);
  }
}

async function stopOne(name: ComponentName, record: ProcessRecord, log: Log): Promise<void> {
  log.info(`stopping ${name} (pid ${record.pid})`);
  const grace = stopGraceMs(name);
  const stopProgress = startProgress(log, (seconds) => `still stopping ${name} (${seconds}s)`);
  try {
    if ((await stopGroup(record, grace)) === 'killed') log.warn(`${name} did not stop within ${grace / 1000}s: killed`);
  } finally {
    stopProgress();
  }
}

/** Stops every child the lock file names and removes it; what `npm start` does on Ctrl-C. */
export async function stopRecorded(profile: Profile, log: Log): Promise<void> {
  const lock = readLock(profile);
  if (lock) await stopChildren(profile, lock, log);
  removeLock(profile);
}

/** SIGKILL to everything at once, for a second Ctrl-C. */
export function killRecorded(profile: Profile): void {
  const lock = readLock(profile);
  for (const record of Object.values(lock?.children ?? {})) {
    if (record) killGroup(record);
  }
  removeLock(profile);
}

/** `npm stop`: asks a foreground launcher to stop and waits for it, or stops a detached stack itself. */
export async function stopStack(profile: Profile, log: Log): Promise<'stopped' | 'not-running'> {
  const lock = readLock(profile);
  if (!lock) return 'not-running';
  const wasRunning = isStackRunning(lock) || liveChildren(lock).length > 0;
  if (lock.launcher && isProcessAlive(lock.launcher)) {
    log.info(`asking the launcher (pid ${lock.launcher.pid}) to stop`);
    signalProcess(lock.launcher, 'SIGTERM');
    const budget = stopOrder.reduce((sum, name) => sum + stopGraceMs(name), 10_000);
    const stopProgress = startProgress(log, (seconds) => `waiting for the launcher to stop its processes (${seconds}s)`);
    const stopped = await waitForProcessExit(lock.launcher, budget);
    stopProgress();
    if (!stopped) {
      log.warn(`the launcher did not stop within ${budget / 1000}s: stopping its processes directly`);
      signalProcess(lock.launcher, 'SIGKILL');
    }
  }
  // Whatever is still recorded: a detached stack, or what a dead launcher left behind.
  await stopRecorded(profile, log);
  return wasRunning ? 'stopped' : 'not-running';
}

/** Stops one component of a running stack, e.g. the stack's own workers while a test runs its own. */
export async function stopComponent(profile: Profile, name: ComponentName, log: Log): Promise<void> {
  const lock = readLock(profile);
  const record = lock?.children[name];
  if (!record) return;
  if (isGroupAlive(record)) await stopOne(name, record, log);
  updateLock(profile, (current) => delete current.children[name]);
}

/** Starts one component of a running stack if it is not running, detached and recorded in the lock; waits until it is ready. */
export async function startComponent(
  profile: Profile,
  name: ComponentName,
  options: { log: Log; extraEnv?: Record<string, string> },
): Promise<void> {
  const lock = readLock(profile);
  if (!lock || !isStackRunning(lock)) throw new StackError(`xietong (${profile.name}) is not running`);
  const running = lock.children[name];
  // Already there: nothing to do (stop it first to run it with another env).
  if (running && isGroupAlive(running)) return;
  options.log.info(`starting ${name}`);
  const child = launch(profile, name, 'detached', { extraEnv: options.extraEnv, appendLog: true });
  await waitForReady(options.log, [readiness(child)]);
}

export async function migrate(profile: Profile, direction: 'up' | 'down-all', log: Log): Promise<void> {
  log.step('Database');
  const created = await ensureSchemas(profile);
  if (created.length > 0) log.info(`created ${created.join(' and ')}`);
  log.step('Build');
  await buildServer({ log, logDir: profile.logDir });
  log.step(`Migrations (${direction}) on ${profile.database.name}`);
  await runNodeCommand(profile, 'migrate', [path.join('dist', 'src', 'database', 'migrate.js'), direction], { log });
}
