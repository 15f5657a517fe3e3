import { Inject, Injectable } from '@nestjs/common';
import { DataSource, MoreThan } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { EngineClient } from '../engine-client/engine-client';
import { WorkerHeartbeat } from '../../workers/worker-heartbeat.entity';

export type ComponentState = 'up' | 'down';
export const HEARTBEAT_FRESH_MS = 30_000;
const CHECK_TIMEOUT_MS = 3_000;

@Injectable()
export class HealthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly engine: EngineClient,
  ) {}

  async check() {
    const [database, engine, keycloak, workers] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => this.engine.version()),
      probe(() => this.keycloakReady()),
      probe(() => this.workerAlive()),
    ]);
    const components = { database, engine, keycloak, workers };
    const status = Object.values(components).every((c) => c === 'up') ? 'ok' : 'degraded';
    return { status, components };
  }

  private async keycloakReady(): Promise<void> {
    const { url, realm } = this.config.keycloak;
    const response = await fetch(`${url}/realms/${realm}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`keycloak ${response.status}`);
  }

  private async workerAlive(): Promise<void> {
    const fresh = await this.dataSource.getRepository(WorkerHeartbeat).countBy({ seenAt: MoreThan(new Date(Date.now() - HEARTBEAT_FRESH_MS)) });
    if (fresh === 0) throw new Error('no worker heartbeat');
  }
}

async function probe(check: () => Promise<unknown>): Promise<ComponentState> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS)));
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}
