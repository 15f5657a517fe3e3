// `npm run status`: which parts of a stack run, and whether they answer.
import * as path from 'node:path';
import { readyUrlOf, stopOrder, type ComponentName } from './components';
import { databaseAnswers } from './database';
import { isStackRunning, liveChildren, readLock } from './lock';
import type { Log } from './log';
import { isGroupAlive } from './processes';
import { parseDatabaseUrl, redact, repoRoot, type Profile } from './profiles';
import { probe } from './readiness';

function urlOf(profile: Profile, name: ComponentName): string {
  switch (name) {
    case 'keycloak':
      return profile.urls.keycloakAdmin;
    case 'engine':
      return profile.urls.engineRest;
    case 'api':
      return profile.urls.app;
    case 'workers':
      return '';
  }
}

export async function printStatus(profile: Profile, log: Log): Promise<void> {
  const lock = readLock(profile);
  const server = parseDatabaseUrl(profile.database.url);
  const database = (await databaseAnswers(profile)) ? 'up' : 'unreachable';
  const lines = [`database  ${database.padEnd(10)} ${server.host}:${server.port} (${redact(profile.database.url)}), schemas ${profile.database.name}, ${profile.database.engineName}`];
  if (!lock || !isStackRunning(lock)) {
    const leftovers = lock ? liveChildren(lock) : [];
    const note = leftovers.length > 0 ? ` A run that died left ${leftovers.join(', ')} behind; \`npm stop\` or the next start stops them.` : '';
    log.plain([`xietong (${profile.name}) is not running.${note}`, ...lines.map((line) => `  ${line}`)].join('\n'));
    return;
  }
  for (const name of [...stopOrder].reverse()) {
    const record = lock.children[name];
    let state = 'stopped';
    let detail = '';
    if (record && isGroupAlive(record)) {
      // The workers' URL is the API's health: it is what tells whether their heartbeat arrives.
      const url = readyUrlOf(profile, name);
      const answer = await probe(url);
      state = answer.ok ? 'up' : 'not ready';
      detail = `(pid ${record.pid}${answer.ok ? '' : `; ${url} answered ${answer.answer}`})`;
    }
    lines.push([name.padEnd(9), state.padEnd(10), urlOf(profile, name), detail].filter(Boolean).join(' '));
  }
  log.plain(
    [
      `xietong (${profile.name}) is running, started ${lock.startedAt} by ${lock.owner}:`,
      ...lines.map((line) => `  ${line}`),
      `  logs      ${path.relative(repoRoot, profile.logDir)}/`,
    ].join('\n'),
  );
}
