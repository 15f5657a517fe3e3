// `npm start|stop|status|migrate`: the command line of the stack launcher; the work is done in scripts/stack/.
import * as path from 'node:path';
import { printBanner } from './stack/banner';
import { killRecorded, migrate, startStack, stopRecorded, stopStack, type RunningChild } from './stack/launcher';
import { createLog, explain, tailOf } from './stack/log';
import { describeExit } from './stack/processes';
import { isProfileName, repoRoot, resolveProfile, type Profile, type ProfileName } from './stack/profiles';
import { StackError } from './stack/stack-error';
import { printStatus } from './stack/status';

const USAGE = 'usage: tsx scripts/stack.ts start|stop|status|migrate [up|down-all] [--profile dev|test]';
const DEATH_TAIL_LINES = 10;
const SIGNAL_ECHO_MS = 1000;

const log = createLog();
const relative = (file: string) => path.relative(repoRoot, file);

function parseArgs(argv: string[]): { command: string; profile: ProfileName; rest: string[] } {
  let profile = 'dev';
  const positional: string[] = [];
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '--profile') profile = argv[++index] ?? '';
    else if (arg.startsWith('--profile=')) profile = arg.slice('--profile='.length);
    else positional.push(arg);
  }
  if (!isProfileName(profile)) throw new StackError(`Unknown profile "${profile}".\n${USAGE}`);
  const [command = '', ...rest] = positional;
  return { command, profile, rest };
}

function stopCommand(profile: Profile): string {
  return profile.name === 'dev' ? '`npm stop`' : `\`npm stop -- --profile ${profile.name}\``;
}

async function start(profile: Profile): Promise<void> {
  const cancel = new AbortController();
  let phase: 'starting' | 'running' | 'stopping' = 'starting';

  const shutdown = async () => {
    log.step('Stopping');
    await stopRecorded(profile, log);
    log.plain(`xietong (${profile.name}) stopped.`);
    process.exit(0);
  };
  let stoppingSince = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    if (phase === 'stopping') {
      // tsx relays the terminal's Ctrl-C a moment after the terminal delivered it: that is no second Ctrl-C.
      if (Date.now() - stoppingSince < SIGNAL_ECHO_MS) return;
      log.warn(`${signal} again: killing everything now`);
      killRecorded(profile);
      process.exit(1);
    }
    log.info(`${signal} received`);
    const wasRunning = phase === 'running';
    phase = 'stopping';
    stoppingSince = Date.now();
    if (wasRunning) void shutdown();
    else cancel.abort();
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);

  let result;
  try {
    result = await startStack(profile, { log, mode: 'foreground', signal: cancel.signal });
  } catch (error) {
    if (!cancel.signal.aborted) throw error;
    log.plain(`xietong (${profile.name}) stopped.`);
    // The Keycloak download cannot be cancelled and would keep the process alive.
    process.exit(0);
  }
  if (result.status === 'already-running') {
    const by = result.lock.launcher ? `pid ${result.lock.launcher.pid}` : `started by ${result.lock.owner}`;
    log.plain(`xietong (${profile.name}) is already running at ${profile.urls.app} (${by}) — use ${stopCommand(profile)} to stop it`);
    process.exit(0);
  }
  phase = 'running';
  printBanner(profile, log);
  supervise(profile, result.children, () => phase === 'running');
}

/** Says which child died and where its log is; with nothing left running, cleans up and exits. */
function supervise(profile: Profile, children: RunningChild[], watching: () => boolean): void {
  let alive = children.length;
  for (const { component, exit } of children) {
    void exit.then(async (result) => {
      alive -= 1;
      if (!watching()) return;
      log.error(`${component.name} ${describeExit(result)}; its log: ${relative(component.logFile)}`);
      log.plain(tailOf(component.logFile, DEATH_TAIL_LINES));
      if (alive > 0) return;
      log.error('nothing is running any more');
      await stopRecorded(profile, log);
      process.exit(1);
    });
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const profile = resolveProfile(args.profile);
  switch (args.command) {
    case 'start':
      return start(profile);
    case 'stop': {
      const outcome = await stopStack(profile, log);
      log.plain(outcome === 'stopped' ? `xietong (${profile.name}) stopped.` : `xietong (${profile.name}) is not running.`);
      return;
    }
    case 'status':
      return printStatus(profile, log);
    case 'migrate': {
      const direction = args.rest[0] ?? 'up';
      if (direction !== 'up' && direction !== 'down-all') throw new StackError(`Unknown migration direction "${direction}".\n${USAGE}`);
      return migrate(profile, direction, log);
    }
    default:
      throw new StackError(USAGE);
  }
}

main().catch((error: unknown) => {
  log.error(explain(error));
  process.exit(1);
});
