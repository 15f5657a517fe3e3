// The one table of what differs between the dev stack and the test stack, and the env derived from it.
import * as path from 'node:path';
import { StackError } from './stack-error';

export type ProfileName = 'dev' | 'test';
const profileNames: readonly ProfileName[] = ['dev', 'test'];

export const repoRoot = path.resolve(__dirname, '..', '..');

const DEFAULT_DATABASE_URL = 'mysql://root@127.0.0.1:3306';

const table = {
  dev: {
    apiPort: 3000,
    enginePort: 8080,
    keycloakPort: 8180,
    keycloakManagementPort: 9000,
    keycloakDb: 'dev-file',
    databaseName: 'xietong',
    engineDatabaseName: 'xietong_engine',
  },
  test: {
    apiPort: 13000,
    enginePort: 18080,
    keycloakPort: 18180,
    keycloakManagementPort: 19000,
    keycloakDb: 'dev-mem',
    databaseName: 'xietong_test',
    engineDatabaseName: 'xietong_engine_test',
  },
} as const satisfies Record<ProfileName, unknown>;

export interface ProfileUrls {
  /** The API and the built UI. */
  app: string;
  engineRest: string;
  keycloak: string;
  keycloakAdmin: string;
}

export interface Profile {
  name: ProfileName;
  ports: { api: number; engine: number; keycloak: number; keycloakManagement: number };
  keycloakDb: 'dev-file' | 'dev-mem';
  database: { url: string; name: string; engineName: string };
  urls: ProfileUrls;
  /** Folder of the lock file and the logs. */
  stateDir: string;
  logDir: string;
  /**
   * What the profile sets for its processes, laid over the caller's env. Everything else (client ids,
   * secrets, worker tuning) keeps the defaults of src/config and engine/application.yaml.
   */
  env: Record<string, string>;
}

export function isProfileName(value: string): value is ProfileName {
  return (profileNames as readonly string[]).includes(value);
}

/**
 * Resolves a profile against the caller's env. A variable the caller set wins over the dev default;
 * the test profile ignores the caller's ports and schemas so a test run can never reach dev data.
 */
export function resolveProfile(name: ProfileName, callerEnv: NodeJS.ProcessEnv = process.env): Profile {
  const defaults = table[name];
  const pick = (key: string, fallback: string | number): string =>
    name === 'test' ? String(fallback) : callerEnv[key] || String(fallback);

  const apiPort = Number(pick('API_PORT', defaults.apiPort));
  const enginePort = Number(pick('SERVER_PORT', defaults.enginePort));
  const databaseUrl = callerEnv.DATABASE_URL || DEFAULT_DATABASE_URL;
  const server = parseDatabaseUrl(databaseUrl);
  const databaseName = pick('DATABASE_NAME', defaults.databaseName);
  const engineDatabaseName = pick('ENGINE_DATABASE_NAME', defaults.engineDatabaseName);
  const keycloakUrl = pick('KEYCLOAK_URL', `http://localhost:${defaults.keycloakPort}`);
  const publicUrl = pick('PUBLIC_URL', `http://localhost:${apiPort}`);
  const engineUrl = pick('ENGINE_URL', `http://127.0.0.1:${enginePort}/engine-rest`);

  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    DATABASE_NAME: databaseName,
    ENGINE_DATABASE_NAME: engineDatabaseName,
    ENGINE_URL: engineUrl,
    KEYCLOAK_URL: keycloakUrl,
    API_PORT: String(apiPort),
    PUBLIC_URL: publicUrl,
    SERVER_PORT: String(enginePort),
    ENGINE_DB_URL: pick('ENGINE_DB_URL', `jdbc:mariadb://${server.host}:${server.port}/${engineDatabaseName}`),
    ENGINE_DB_USERNAME: callerEnv.ENGINE_DB_USERNAME ?? server.user,
    ENGINE_DB_PASSWORD: callerEnv.ENGINE_DB_PASSWORD ?? server.password,
  };
  // The issuer must be the test Keycloak's even when the caller's shell points at a dev or public one.
  if (name === 'test') env.KEYCLOAK_PUBLIC_URL = keycloakUrl;
  // Tests wait for failed logins to reach the audit trail: poll Keycloak every 2 s instead of 30.
  if (name === 'test') env.AUDIT_LOGIN_FAILURE_POLL_MS = callerEnv.AUDIT_LOGIN_FAILURE_POLL_MS ?? '2000';

  const stateDir = path.join(repoRoot, '.stack', name);
  const keycloakPublicUrl = env.KEYCLOAK_PUBLIC_URL ?? callerEnv.KEYCLOAK_PUBLIC_URL ?? keycloakUrl;
  return {
    name,
    ports: {
      api: apiPort,
      engine: enginePort,
      keycloak: defaults.keycloakPort,
      keycloakManagement: defaults.keycloakManagementPort,
    },
    keycloakDb: defaults.keycloakDb,
    database: { url: databaseUrl, name: databaseName, engineName: engineDatabaseName },
    urls: {
      app: publicUrl.replace(/\/$/, ''),
      engineRest: engineUrl.replace(/\/$/, ''),
      keycloak: keycloakPublicUrl.replace(/\/$/, ''),
      keycloakAdmin: `${keycloakPublicUrl.replace(/\/$/, '')}/admin/`,
    },
    stateDir,
    logDir: path.join(stateDir, 'logs'),
    env,
  };
}

export interface DatabaseServer {
  host: string;
  port: number;
  user: string;
  password: string;
}

export function parseDatabaseUrl(databaseUrl: string): DatabaseServer {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new StackError(`DATABASE_URL=${databaseUrl} is not a URL; expected mysql://user[:password]@host[:port]`);
  }
  if (url.protocol !== 'mysql:') {
    throw new StackError(`DATABASE_URL=${redact(databaseUrl)} must start with mysql:// (e.g. ${DEFAULT_DATABASE_URL})`);
  }
  return {
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
}

/** The URL with its password masked, for messages. */
export function redact(databaseUrl: string): string {
  return databaseUrl.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
