import 'reflect-metadata';
import { hostname } from 'node:os';
import { DataSource, MoreThan } from 'typeorm';
import { loadConfig } from '../src/config/config.schema';
import { dataSourceOptions } from '../src/database/data-source-options';
import { HEARTBEAT_FRESH_MS } from '../src/health/health.service';
import { WorkerHeartbeat } from './worker-heartbeat.entity';

/** `node dist/workers/healthcheck.js`: exits 0 when a worker on this host has beaten recently (container health checks). */
async function main(): Promise<number> {
  const dataSource = await new DataSource(dataSourceOptions(loadConfig())).initialize();
  try {
    const fresh = await dataSource.getRepository(WorkerHeartbeat).countBy({ hostname: hostname(), seenAt: MoreThan(new Date(Date.now() - HEARTBEAT_FRESH_MS)) });
    return fresh > 0 ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  () => process.exit(1),
);
