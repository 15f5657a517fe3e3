// Spawning, watching and stopping the launcher's child processes, each the leader of its own process group.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { repoRoot } from './profiles';
import { StackError } from './stack-error';

/** A pid plus its kernel start time, so a pid the system has since given to someone else is not ours. */
export interface ProcessRecord {
  pid: number;
  startTime: string | null;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

const POLL_MS = 200;
const KILL_WAIT_MS = 5000;
const hasProc = fs.existsSync('/proc/self/stat');

/** Start time in clock ticks from /proc (Linux); null where there is no /proc or the pid is gone. */
function startTimeOf(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the command) may hold spaces and parentheses; the fields after its closing ')' are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] === 'Z' ? null : fields[19];
  } catch {
    return null;
  }
}

export function recordOf(pid: number): ProcessRecord {
  return { pid, startTime: startTimeOf(pid) };
}

function signalled(target: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(target, signal);
    return true;
  } catch {
    return false;
  }
}

function isReused(record: ProcessRecord): boolean {
  const now = startTimeOf(record.pid);
  return now !== null && record.startTime !== null && now !== record.startTime;
}

/** Whether the recorded process itself still runs (a zombie does not count). */
export function isProcessAlive(record: ProcessRecord): boolean {
  if (!hasProc) return signalled(record.pid, 0);
  const now = startTimeOf(record.pid);
  return now !== null && (record.startTime === null || now === record.startTime);
}

/** Whether anything of the recorded group still runs: a wrapper script may exit before its java child. */
export function isGroupAlive(record: ProcessRecord): boolean {
  return !isReused(record) && signalled(-record.pid, 0);
}

export function signalProcess(record: ProcessRecord, signal: NodeJS.Signals): boolean {
  return isProcessAlive(record) && signalled(record.pid, signal);
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return true;
}

export function waitForProcessExit(record: ProcessRecord, timeoutMs: number): Promise<boolean> {
  return waitUntil(() => !isProcessAlive(record), timeoutMs);
}

/** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves with how it ended. */
export async function stopGroup(record: ProcessRecord, graceMs: number): Promise<'gone' | 'stopped' | 'killed'> {
  if (!isGroupAlive(record)) return 'gone';
  signalled(-record.pid, 'SIGTERM');
  if (await waitUntil(() => !isGroupAlive(record), graceMs)) return 'stopped';
  signalled(-record.pid, 'SIGKILL');
  await waitUntil(() => !isGroupAlive(record), KILL_WAIT_MS);
  return 'killed';
}

/** SIGKILL to the whole group at once, for a user who does not want to wait. */
export function killGroup(record: ProcessRecord): void {
  if (isGroupAlive(record)) signalled(-record.pid, 'SIGKILL');
}

export function exitOf(child: ChildProcess): Promise<Exit> {
  return new Promise((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

export function describeExit(exit: Exit): string {
  if (exit.error) return `could not start (${exit.error.message})`;
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

/** Output goes to log files, where colour codes are noise. */
function withoutColor(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, NO_COLOR: '1', FORCE_COLOR: '0' };
}

export interface SpawnOptions {
  env: NodeJS.ProcessEnv;
  logFile: string;
}

export interface ComponentSpawnOptions extends SpawnOptions {
  /** Keep what earlier runs wrote, e.g. when a test restarts one component. */
  appendLog?: boolean;
}

/**
 * Starts a long-running component with stdout and stderr going straight to its log file, in its own
 * process group: Ctrl-C in the terminal reaches only the launcher, which then stops children in order,
 * and the children outlive a test's globalSetup that spawned them.
 */
export function spawnComponent(command: string, args: string[], options: ComponentSpawnOptions): ChildProcess {
  const fd = fs.openSync(options.logFile, options.appendLog ? 'a' : 'w');
  fs.writeSync(fd, `=== ${new Date().toISOString()}: ${[command, ...args].join(' ')}\n`);
  try {
    return spawn(command, args, { cwd: repoRoot, env: withoutColor(options.env), stdio: ['ignore', fd, fd], detached: true });
  } finally {
    fs.closeSync(fd);
  }
}

export interface RunOptions extends SpawnOptions {
  /** Called with every output line, e.g. to track progress. */
  onLine?: (line: string) => void;
  signal?: AbortSignal;
  /** How the command is named in a failure message. */
  label: string;
}

/** Runs a command to completion, output to its log file; throws a StackError naming the log when it fails. */
export function runLogged(command: string, args: string[], options: RunOptions): Promise<void> {
  options.signal?.throwIfAborted();
  const log = fs.createWriteStream(options.logFile);
  const child = spawn(command, args, { cwd: repoRoot, env: withoutColor(options.env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let pending = '';
  const onData = (chunk: Buffer) => {
    log.write(chunk);
    if (!options.onLine) return;
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    lines.forEach((line) => options.onLine?.(line.trimEnd()));
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const abort = () => void (child.pid && stopGroup(recordOf(child.pid), KILL_WAIT_MS));
  options.signal?.addEventListener('abort', abort, { once: true });

  return exitOf(child).then(async (exit) => {
    options.signal?.removeEventListener('abort', abort);
    if (pending && options.onLine) options.onLine(pending);
    await new Promise((resolve) => log.end(resolve));
    options.signal?.throwIfAborted();
    if (exit.code === 0) return;
    if (exit.error && (exit.error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new StackError(`${options.label}: \`${command}\` was not found; install it or put it on PATH`);
    }
    throw new StackError(`${options.label} failed: \`${[command, ...args].join(' ')}\` ${describeExit(exit)}`, {
      logFile: options.logFile,
    });
  });
}
