// The three builds the stack runs from: API and workers (tsc), UI (vite), engine (Maven); each skipped when current.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { engineJar } from './components';
import { findJavaHome } from './keycloak';
import { startProgress, type Log } from './log';
import { repoRoot } from './profiles';
import { runLogged } from './processes';
import { StackError } from './stack-error';

/** Written into the output folder after a successful build, dated when that build began. */
const STAMP = '.xietong-build';
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'target', '.git']);
const ENGINE_JAVA_MIN_MAJOR = 17;
const UI_CONFIG = path.join('modeler-ui', 'vite.config.ts');

export interface BuildContext {
  log: Log;
  logDir: string;
  signal?: AbortSignal;
}

interface Build {
  name: string;
  label: string;
  /** Files and folders (relative to the repo) whose change calls for a rebuild. */
  sources: string[];
  /** A file the build must leave behind. */
  product: string;
  outputDir: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Progress line for the console, given the seconds so far. */
  describe: (seconds: number) => string;
  onLine?: (line: string) => void;
}

const npmBin = (name: string) => path.join(repoRoot, 'node_modules', '.bin', name);

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(entry)
    .filter((name) => !SKIPPED_DIRS.has(name))
    .reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

function isCurrent(build: Build): boolean {
  const stamp = fs.statSync(path.join(repoRoot, build.outputDir, STAMP), { throwIfNoEntry: false });
  if (!stamp || !fs.existsSync(path.join(repoRoot, build.product))) return false;
  const newestSource = Math.max(...build.sources.map((source) => newestMtime(path.join(repoRoot, source))));
  return newestSource <= stamp.mtimeMs;
}

async function run(build: Build, context: BuildContext): Promise<void> {
  if (isCurrent(build)) {
    context.log.info(`${build.label}: up to date`);
    return;
  }
  fs.mkdirSync(context.logDir, { recursive: true });
  const logFile = path.join(context.logDir, `${build.name}-build.log`);
  context.log.info(`${build.label}: \`${path.relative(repoRoot, build.command) || build.command} ${build.args.join(' ')}\` (log: ${path.relative(repoRoot, logFile)})`);
  const startedAt = new Date();
  const stopProgress = startProgress(context.log, build.describe);
  try {
    await runLogged(build.command, build.args, {
      env: { ...process.env, ...build.env },
      logFile,
      onLine: build.onLine,
      signal: context.signal,
      label: `${build.label} build`,
    });
  } finally {
    stopProgress();
  }
  if (!fs.existsSync(path.join(repoRoot, build.product))) {
    throw new StackError(`${build.label} build finished but ${build.product} is missing`, { logFile });
  }
  // Dated at the start, so a source edited during the build still counts as newer next time.
  const stamp = path.join(repoRoot, build.outputDir, STAMP);
  fs.writeFileSync(stamp, '');
  fs.utimesSync(stamp, startedAt, startedAt);
  context.log.info(`${build.label}: built in ${Math.round((Date.now() - startedAt.getTime()) / 1000)}s`);
}

/** `tsc -p tsconfig.build.json` → dist/ (the API, the workers, the migration and deployment commands). */
export async function buildServer(context: BuildContext): Promise<void> {
  return run(
    {
      name: 'server',
      label: 'API and workers',
      sources: ['src', 'workers', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
      product: path.join('dist', 'src', 'main.js'),
      outputDir: 'dist',
      command: npmBin('tsc'),
      args: ['-p', 'tsconfig.build.json'],
      describe: (seconds) => `API and workers: compiling with tsc (${seconds}s)`,
    },
    context,
  );
}

/** `vite build` → modeler-ui/dist, which the API serves at `/`. */
export async function buildUi(context: BuildContext): Promise<void> {
  if (!fs.existsSync(path.join(repoRoot, UI_CONFIG))) {
    context.log.warn(`${UI_CONFIG} does not exist yet: skipping the UI build, the API will serve no UI`);
    return;
  }
  let latest = 'starting';
  return run(
    {
      name: 'ui',
      label: 'UI',
      sources: ['modeler-ui', 'package-lock.json'],
      product: path.join('modeler-ui', 'dist', 'index.html'),
      outputDir: path.join('modeler-ui', 'dist'),
      command: npmBin('vite'),
      args: ['build', '--config', UI_CONFIG],
      onLine: (line) => (latest = line.trim() || latest),
      describe: (seconds) => `UI: ${latest} (${seconds}s)`,
    },
    context,
  );
}

/** `mvn package` → engine/target/xietong-engine.jar; the first run downloads a few hundred artifacts. */
export async function buildEngine(context: BuildContext): Promise<void> {
  if (!fs.existsSync(path.join(repoRoot, 'engine', 'pom.xml'))) {
    throw new StackError('engine/pom.xml is missing: the engine cannot be built');
  }
  let downloaded = 0;
  let phase = 'resolving the build';
  const javaHome = findJavaHome(ENGINE_JAVA_MIN_MAJOR);
  return run(
    {
      name: 'engine',
      label: 'engine',
      sources: ['engine'],
      product: engineJar,
      outputDir: path.join('engine', 'target'),
      command: 'mvn',
      args: ['-B', '-f', path.join('engine', 'pom.xml'), 'package', '-DskipTests'],
      env: javaHome ? { JAVA_HOME: javaHome } : {},
      onLine: (line) => {
        if (/Downloaded from [^:]+:/.test(line)) downloaded += 1;
        // e.g. "[INFO] --- maven-compiler-plugin:3.14.0:compile (default-compile) @ xietong-engine ---"
        const execution = /^\[INFO\] --- ([\w.-]+):[\w.-]+:([\w-]+)/.exec(line);
        if (execution) phase = `${execution[1]}:${execution[2]}`;
      },
      describe: (seconds) =>
        `engine: ${downloaded > 0 ? `${downloaded} artifacts downloaded, ` : ''}${phase} (${seconds}s)`,
    },
    context,
  );
}
