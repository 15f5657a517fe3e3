// Making sure the profile's ports are free before anything starts, naming whoever holds one.
import { spawnSync } from 'node:child_process';
import * as net from 'node:net';
import type { Profile } from './profiles';
import { StackError } from './stack-error';

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    // No host: binds the wildcard address, which clashes with a listener on any local address.
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** `java (pid 1234)` from ss, when ss exists and may see the process. */
function holderOf(port: number): string | undefined {
  const ss = spawnSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const match = /users:\(\("([^"]+)",pid=(\d+)/.exec(ss.stdout ?? '');
  return match ? `${match[1]} (pid ${match[2]})` : undefined;
}

export async function assertPortsFree(profile: Profile): Promise<void> {
  const wanted: [string, number][] = [
    ['API', profile.ports.api],
    ['engine', profile.ports.engine],
    ['Keycloak', profile.ports.keycloak],
    ['Keycloak management', profile.ports.keycloakManagement],
  ];
  const busy: string[] = [];
  for (const [what, port] of wanted) {
    if (await isFree(port)) continue;
    busy.push(`  port ${port} (${what}) is in use by ${holderOf(port) ?? 'another process'}`);
  }
  if (busy.length > 0) {
    throw new StackError(
      [`The ${profile.name} profile needs ports that are taken:`, ...busy, 'Stop those processes (or the other xietong stack) and try again.'].join('\n'),
    );
  }
}
