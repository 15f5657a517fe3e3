// What `npm start` prints once the stack is up: where to go and how to sign in.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KEYCLOAK_VERSION } from './keycloak';
import type { Log } from './log';
import { repoRoot, type Profile } from './profiles';

interface RealmExport {
  roles?: { realm?: { name: string }[] };
  groups?: { name: string; attributes?: { displayName?: string[] } }[];
}

/** The realm file is the one list of demo districts (top-level groups) and roles; read it rather than repeat it. */
function demoLogins(): string[] {
  const realmFile = path.join(repoRoot, 'keycloak', 'realm-xietong.json');
  let realm: RealmExport;
  try {
    realm = JSON.parse(fs.readFileSync(realmFile, 'utf8')) as RealmExport;
  } catch {
    return [`  demo logins: see ${path.relative(repoRoot, realmFile)}`];
  }
  const districts = (realm.groups ?? []).map((group) => {
    const displayName = group.attributes?.displayName?.[0];
    return displayName ? `${group.name} (${displayName})` : group.name;
  });
  const roles = (realm.roles?.realm ?? []).map((role) => role.name)
    // Keycloak's own roles are no sign-in choice.
    .filter((name) => !/^(default-roles-.*|offline_access|uma_authorization)$/.test(name));
  return [
    '  demo logins (local only): <district>.<role> / demo, e.g. jiashan.officer / demo',
    `    districts: ${districts.join(', ')}`,
    `    roles:     ${roles.join(', ')}`,
  ];
}

export function printBanner(profile: Profile, log: Log): void {
  log.plain(
    [
      '',
      `xietong (${profile.name}) is up:`,
      `  app:       ${profile.urls.app}`,
      `  Keycloak:  ${profile.urls.keycloakAdmin}  (${KEYCLOAK_VERSION}, admin console: admin / admin, local only)`,
      `  engine:    ${profile.urls.engineRest}  (service tokens only)`,
      ...demoLogins(),
      `  logs:      ${path.relative(repoRoot, profile.logDir)}/`,
      '',
      'Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}
