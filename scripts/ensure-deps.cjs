'use strict';
// First thing `npm start` and `npm test` run, before any dependency exists: Node built-ins only.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const MIN_NODE = [20, 19];
const root = path.resolve(__dirname, '..');

function checkNodeVersion() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1])) return;
  console.error(
    `xietong needs Node.js >= ${MIN_NODE.join('.')}, but this is ${process.version} (${process.execPath}).\n` +
      `Install Node ${MIN_NODE.join('.')}+ or 22 LTS (e.g. with nvm: \`nvm install 22\`) and run the command again.`,
  );
  process.exit(1);
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Why an install is needed, or null when node_modules matches the lock file. */
function installReason(lockFile) {
  const installed = mtime(path.join(root, 'node_modules', '.package-lock.json'));
  if (mtime(path.join(root, 'node_modules')) === undefined) return 'node_modules is missing';
  // npm writes node_modules/.package-lock.json at the end of every install, so it dates the last one.
  if (installed === undefined) return 'node_modules looks incomplete';
  const wanted = lockFile ?? path.join(root, 'package.json');
  if (mtime(wanted) > installed) return `${path.basename(wanted)} changed since the last install`;
  return null;
}

checkNodeVersion();
const lockFile = path.join(root, 'package-lock.json');
const hasLock = mtime(lockFile) !== undefined;
const reason = installReason(hasLock ? lockFile : undefined);
if (reason) {
  // Not `npm ci`: npm leaves other platforms' optional native packages out of the lock file it writes
  // (npm/cli#4828) and `npm ci` then refuses that lock; `npm install` installs the locked versions.
  const args = ['install', '--no-audit', '--no-fund'];
  console.log(`${reason}: running \`npm ${args[0]}\` (this can take a few minutes)…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // A dependency of form-js reports installs to its vendor from a postinstall step; this opts out.
  const env = { ...process.env, IBM_TELEMETRY_DISABLED: 'true' };
  const result = spawnSync(npm, args, { cwd: root, env, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`\`npm ${args[0]}\` failed (${result.error ? result.error.message : `exit code ${result.status}`}); fix the error above and try again.`);
    process.exit(1);
  }
}
