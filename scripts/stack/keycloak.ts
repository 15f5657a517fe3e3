// Fetches, prepares and describes how to run the local Keycloak (realm `xietong`) for the stack launcher.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const KEYCLOAK_VERSION = '26.4.7';

const MAVEN_ARTIFACT = `org.keycloak:keycloak-quarkus-dist:${KEYCLOAK_VERSION}:zip`;
// Pinned so a fresh machine resolves the same goal as ours instead of the super-POM's old default.
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';
const ZIP_NAME = `keycloak-quarkus-dist-${KEYCLOAK_VERSION}.zip`;
const REALM_FILE_NAME = 'realm-xietong.json';
const REALM_HASH_FILE = 'xietong-realm.sha256';
const PROGRESS_EVERY_MS = 5000;
const ABANDONED_AFTER_MS = 30 * 60 * 1000;
// Keycloak 26.4 runs on Java 17 and 21; newer majors are not supported by this release.
const JAVA_MIN_MAJOR = 17;
const JAVA_MAX_MAJOR = 21;
// What --db=dev-mem would use: an H2 database in the JVM's memory, gone when Keycloak stops.
const IN_MEMORY_DB_URL = 'jdbc:h2:mem:keycloakdb;NON_KEYWORDS=VALUE;DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=-1';

const repoRoot = path.resolve(__dirname, '..', '..');
const cacheDir = path.join(repoRoot, '.cache', 'keycloak');
const realmSource = path.join(repoRoot, 'keycloak', REALM_FILE_NAME);

export function keycloakHome(): string {
  return path.join(cacheDir, `keycloak-${KEYCLOAK_VERSION}`);
}

/** Makes sure Keycloak is unpacked under .cache/keycloak and holds the current realm file; returns its home. */
export async function ensureKeycloak(log: (line: string) => void): Promise<string> {
  const home = keycloakHome();
  if (!fs.existsSync(path.join(home, 'bin', 'kc.sh'))) {
    fs.mkdirSync(cacheDir, { recursive: true });
    removeAbandonedWork();
    const zip = path.join(cacheDir, ZIP_NAME);
    if (!isUsableZip(zip)) await downloadDistribution(zip, log);
    unpackDistribution(zip, home, log);
  }
  installRealm(home, log);
  return home;
}

async function downloadDistribution(zip: string, log: (line: string) => void): Promise<void> {
  // A private output directory per run, so two launchers starting at once never share a half-written zip.
  const outputDir = fs.mkdtempSync(path.join(cacheDir, 'download-'));
  const args = [
    '-B',
    '--no-transfer-progress',
    `${DEPENDENCY_PLUGIN}:copy`,
    `-Dartifact=${MAVEN_ARTIFACT}`,
    `-DoutputDirectory=${outputDir}`,
  ];
  log(`keycloak: fetching ${MAVEN_ARTIFACT} through Maven (about 160 MB, first run only)`);
  const started = Date.now();
  const watchedDir = path.join(localMavenRepository(), 'org', 'keycloak', 'keycloak-quarkus-dist', KEYCLOAK_VERSION);
  const progress = setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000);
    const bytes = directorySize(watchedDir);
    const size = bytes > 0 ? `, ${(bytes / 1024 / 1024).toFixed(1)} MB so far` : '';
    log(`keycloak: still fetching (${seconds} s${size})`);
  }, PROGRESS_EVERY_MS);
  try {
    const { code, output } = await run('mvn', args, repoRoot);
    if (code !== 0) {
      throw new Error(`keycloak: Maven could not fetch ${MAVEN_ARTIFACT} (exit ${code}):\n${tail(output, 30)}`);
    }
    const fetched = path.join(outputDir, ZIP_NAME);
    if (!fs.existsSync(fetched)) throw new Error(`keycloak: Maven finished but ${fetched} is missing`);
    fs.renameSync(fetched, zip);
    log(`keycloak: fetched in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    clearInterval(progress);
    fs.rmSync(outputDir, { recursive: true, force: true });
  }
}

function unpackDistribution(zip: string, home: string, log: (line: string) => void): void {
  log(`keycloak: unpacking ${path.basename(zip)}`);
  // Unpack beside the final home and rename, so an interrupted run never leaves a half-unpacked home.
  const staging = fs.mkdtempSync(path.join(cacheDir, 'unpack-'));
  try {
    const unzip = hasCommand('unzip')
      ? spawnSync('unzip', ['-q', zip, '-d', staging], { encoding: 'utf8' })
      : spawnSync('jar', ['xf', zip], { cwd: staging, encoding: 'utf8' });
    if (unzip.status !== 0) {
      fs.rmSync(zip, { force: true }); // a corrupt zip would fail the same way next time
      throw new Error(`keycloak: could not unpack ${zip}: ${unzip.error?.message ?? unzip.stderr}`);
    }
    const unpacked = path.join(staging, path.basename(home));
    const binDir = path.join(unpacked, 'bin');
    for (const script of fs.readdirSync(binDir).filter((name) => name.endsWith('.sh'))) {
      fs.chmodSync(path.join(binDir, script), 0o755); // jar xf drops the executable bit
    }
    try {
      fs.renameSync(unpacked, home);
    } catch (error) {
      // Another launcher finished first: its home is as good as ours.
      if (!fs.existsSync(path.join(home, 'bin', 'kc.sh'))) throw error;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Drops download/unpack directories left by a run that was killed (not those of a run still going). */
function removeAbandonedWork(): void {
  const cutoff = Date.now() - ABANDONED_AFTER_MS;
  for (const name of fs.readdirSync(cacheDir)) {
    const dir = path.join(cacheDir, name);
    if (/^(download|unpack)-/.test(name) && fs.statSync(dir).mtimeMs < cutoff) fs.rmSync(dir, { recursive: true, force: true });
  }
}

function installRealm(home: string, log: (line: string) => void): void {
  const importDir = path.join(home, 'data', 'import');
  fs.mkdirSync(importDir, { recursive: true });
  fs.copyFileSync(realmSource, path.join(importDir, REALM_FILE_NAME));

  // --import-realm skips a realm that already exists, so a changed realm file needs a fresh dev-file database.
  const hash = createHash('sha256').update(fs.readFileSync(realmSource)).digest('hex');
  const hashFile = path.join(home, 'data', REALM_HASH_FILE);
  const recorded = fs.existsSync(hashFile) ? fs.readFileSync(hashFile, 'utf8').trim() : '';
  const database = path.join(home, 'data', 'h2');
  if (recorded !== hash) {
    if (fs.existsSync(database)) {
      log('keycloak: realm-xietong.json changed: resetting the dev-file database so it is imported again (demo data only)');
      fs.rmSync(database, { recursive: true, force: true });
    }
    fs.writeFileSync(hashFile, `${hash}\n`);
  }
}

export function keycloakCommand(opts: {
  home: string;
  port: number;
  managementPort: number;
  db: 'dev-file' | 'dev-mem';
  /** Public base URL that fixes the token issuer; defaults to http://localhost:<port>. */
  publicUrl?: string;
}): { command: string; args: string[]; env: Record<string, string> } {
  const args = [
    'start-dev',
    `--http-port=${opts.port}`,
    `--http-management-port=${opts.managementPort}`,
    // Loopback only: this instance has admin/admin and demo users with password demo.
    '--http-host=127.0.0.1',
    // A fixed hostname keeps `iss` the same whether a caller uses localhost or 127.0.0.1.
    `--hostname=${opts.publicUrl ?? `http://localhost:${opts.port}`}`,
    '--health-enabled=true',
    '--import-realm',
    // `db` is a build-time option: switching it re-augments the shared home for ~15 s (and rewrites lib/quarkus
    // under any instance still running from it), so both modes build as dev-file and dev-mem only swaps the URL.
    '--db=dev-file',
    ...(opts.db === 'dev-mem' ? [`--db-url=${IN_MEMORY_DB_URL}`] : []),
    // Only warnings, plus the lines that say the realm was imported and the server is up.
    '--log-level=WARN,org.keycloak.exportimport:INFO,io.quarkus:INFO',
  ];
  const env: Record<string, string> = {
    KC_BOOTSTRAP_ADMIN_USERNAME: 'admin', // local only
    KC_BOOTSTRAP_ADMIN_PASSWORD: 'admin', // local only
    // A small fixed heap and the serial GC suit one local instance on 2 cores better than G1's threads.
    JAVA_OPTS_KC_HEAP: '-Xms128m -Xmx768m',
    JAVA_OPTS_APPEND: '-XX:-UseG1GC -XX:+UseSerialGC',
  };
  const javaHome = findJavaHome(JAVA_MIN_MAJOR, JAVA_MAX_MAJOR);
  if (javaHome) env.JAVA_HOME = javaHome;
  return { command: path.join(opts.home, 'bin', 'kc.sh'), args, env };
}

export function keycloakReadyUrl(managementPort: number): string {
  return `http://127.0.0.1:${managementPort}/health/ready`;
}

/**
 * Returns a JAVA_HOME to use when the Java that kc.sh would pick is outside [minMajor, maxMajor],
 * or undefined when that Java is fine. Prefers the newest supported JDK under /usr/lib/jvm.
 */
export function findJavaHome(minMajor: number, maxMajor = Number.MAX_SAFE_INTEGER): string | undefined {
  const current = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const currentMajor = javaMajor(current);
  if (currentMajor !== undefined && currentMajor >= minMajor && currentMajor <= maxMajor) return undefined;

  const jvmRoot = '/usr/lib/jvm';
  const candidates = fs.existsSync(jvmRoot) ? fs.readdirSync(jvmRoot) : [];
  const usable = candidates
    .map((name) => path.join(jvmRoot, name))
    .filter((home) => fs.existsSync(path.join(home, 'bin', 'java')) && !fs.lstatSync(home).isSymbolicLink())
    .map((home) => ({ home, major: javaMajor(path.join(home, 'bin', 'java')) }))
    .filter((jdk): jdk is { home: string; major: number } => jdk.major !== undefined && jdk.major >= minMajor && jdk.major <= maxMajor)
    .sort((a, b) => b.major - a.major);
  if (usable.length > 0) return usable[0].home;
  // Nothing in range: an unsupported newer Java still beats failing outright.
  const newer = candidates
    .map((name) => path.join(jvmRoot, name))
    .map((home) => ({ home, major: javaMajor(path.join(home, 'bin', 'java')) }))
    .find((jdk) => jdk.major !== undefined && jdk.major >= minMajor);
  if (newer) return newer.home;
  const wanted = maxMajor === Number.MAX_SAFE_INTEGER ? `${minMajor} or newer` : `${minMajor} to ${maxMajor}`;
  throw new Error(`keycloak: needs Java ${wanted} (found ${currentMajor ?? 'none'}); install such a JDK under /usr/lib/jvm`);
}

function javaMajor(javaBinary: string): number | undefined {
  const result = spawnSync(javaBinary, ['-version'], { encoding: 'utf8' });
  if (result.status !== 0) return undefined;
  // `java -version` prints e.g. `openjdk version "17.0.15"` or `java version "1.8.0_392"` on stderr.
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${result.stderr}${result.stdout}`);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

function localMavenRepository(): string {
  const fromOpts = /-Dmaven\.repo\.local=(\S+)/.exec(process.env.MAVEN_OPTS ?? '');
  return fromOpts ? fromOpts[1] : path.join(os.homedir(), '.m2', 'repository');
}

function directorySize(dir: string): number {
  try {
    return fs.readdirSync(dir).reduce((sum, name) => {
      const stat = fs.statSync(path.join(dir, name), { throwIfNoEntry: false });
      return sum + (stat?.isFile() ? stat.size : 0);
    }, 0);
  } catch {
    return 0;
  }
}

function isUsableZip(zip: string): boolean {
  if (!fs.existsSync(zip)) return false;
  if (!hasCommand('unzip')) return true;
  return spawnSync('unzip', ['-tqq', zip]).status === 0;
}

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => reject(new Error(`keycloak: cannot run ${command}: ${error.message}`)));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
