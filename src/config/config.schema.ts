import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const url = z.string().url();
const positiveMs = z.coerce.number().int().positive();

/** Every setting of the API and the workers: one env var each, with a safe local default. */
export const configSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .regex(/^mysql:\/\/[^/]+(\/)?$/, 'mysql://user[:password]@host[:port] without a schema')
      .default('mysql://root@127.0.0.1:3306'),
    DATABASE_NAME: z.string().regex(/^\w+$/).default('xietong'),
    ENGINE_DATABASE_NAME: z.string().regex(/^\w+$/).default('xietong_engine'),
    ENGINE_URL: url.default('http://127.0.0.1:8080/engine-rest'),
    KEYCLOAK_URL: url.default('http://localhost:8180'),
    KEYCLOAK_PUBLIC_URL: url.optional(),
    KEYCLOAK_REALM: z.string().min(1).default('xietong'),
    API_PORT: port.default(3000),
    PUBLIC_URL: url.default('http://localhost:3000'),
    UI_CLIENT_ID: z.string().min(1).default('xietong-ui'),
    API_AUDIENCE: z.string().min(1).default('xietong-api'),
    API_CLIENT_ID: z.string().min(1).default('xietong-api'),
    API_CLIENT_SECRET: z.string().min(1).default('xietong-api-local-secret'),
    WORKER_CLIENT_ID: z.string().min(1).default('xietong-worker'),
    WORKER_CLIENT_SECRET: z.string().min(1).default('xietong-worker-local-secret'),
    WORKER_LOCK_DURATION_MS: positiveMs.default(30_000),
    WORKER_MAX_RETRIES: z.coerce.number().int().min(0).max(20).default(3),
    WORKER_RETRY_BASE_MS: positiveMs.default(2_000),
    WORKER_SHUTDOWN_GRACE_MS: positiveMs.default(10_000),
    WORKER_POLL_INTERVAL_MS: positiveMs.default(500),
    // The engine answers a waiting fetch when a task is created, not when a retry's backoff ends: keep it short.
    WORKER_LONG_POLL_MS: positiveMs.default(5_000),
    // Notifications: the outbox dispatcher in the workers. Without a webhook URL only the log channel delivers.
    // Empty means unset, so a compose file can pass the variable through without a value.
    NOTIFY_WEBHOOK_URL: z.preprocess((value) => (value === '' ? undefined : value), url.refine((value) => /^https?:\/\//.test(value), 'an http:// or https:// URL').optional()),
    NOTIFY_WEBHOOK_TIMEOUT_MS: positiveMs.default(5_000),
    NOTIFY_POLL_INTERVAL_MS: positiveMs.default(1_000),
    NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
    NOTIFY_RETRY_BASE_MS: positiveMs.default(5_000),
    AUDIT_LOGIN_FAILURE_POLL_MS: positiveMs.default(30_000),
    LOG_LEVEL: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
  })
  .transform((env) => ({
    database: { url: env.DATABASE_URL, name: env.DATABASE_NAME, engineName: env.ENGINE_DATABASE_NAME },
    engine: { url: env.ENGINE_URL.replace(/\/$/, '') },
    keycloak: {
      url: env.KEYCLOAK_URL.replace(/\/$/, ''),
      publicUrl: (env.KEYCLOAK_PUBLIC_URL ?? env.KEYCLOAK_URL).replace(/\/$/, ''),
      realm: env.KEYCLOAK_REALM,
    },
    api: {
      port: env.API_PORT,
      publicUrl: env.PUBLIC_URL.replace(/\/$/, ''),
      audience: env.API_AUDIENCE,
      uiClientId: env.UI_CLIENT_ID,
      serviceClient: { id: env.API_CLIENT_ID, secret: env.API_CLIENT_SECRET },
    },
    worker: {
      serviceClient: { id: env.WORKER_CLIENT_ID, secret: env.WORKER_CLIENT_SECRET },
      lockDurationMs: env.WORKER_LOCK_DURATION_MS,
      maxRetries: env.WORKER_MAX_RETRIES,
      retryBaseMs: env.WORKER_RETRY_BASE_MS,
      shutdownGraceMs: env.WORKER_SHUTDOWN_GRACE_MS,
      pollIntervalMs: env.WORKER_POLL_INTERVAL_MS,
      longPollMs: env.WORKER_LONG_POLL_MS,
    },
    notify: {
      webhookUrl: env.NOTIFY_WEBHOOK_URL ?? null,
      webhookTimeoutMs: env.NOTIFY_WEBHOOK_TIMEOUT_MS,
      pollIntervalMs: env.NOTIFY_POLL_INTERVAL_MS,
      maxAttempts: env.NOTIFY_MAX_ATTEMPTS,
      retryBaseMs: env.NOTIFY_RETRY_BASE_MS,
    },
    audit: { loginFailurePollMs: env.AUDIT_LOGIN_FAILURE_POLL_MS },
    logLevel: env.LOG_LEVEL,
  }));

export type AppConfig = z.output<typeof configSchema>;
export type ServiceClient = AppConfig['api']['serviceClient'];

export class InvalidConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment once; a bad start names every bad variable, not just the first. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  throw new InvalidConfigError(
    result.error.issues.map((issue) => `${issue.path.join('.')}=${JSON.stringify(env[String(issue.path[0])])}: ${issue.message}`),
  );
}

/** The variables that the schema knows, for checks of deployment descriptors such as docker-compose.yml. */
export const configVariables = Object.keys(configSchema._def.schema.shape);
