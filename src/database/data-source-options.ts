import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/config.schema';
import { District } from '../districts/district.entity';
import { Intake } from '../intakes/intake.entity';
import { CaseNumberSequence } from '../intakes/case-number.entity';
import { AuditChainHead, AuditEntry } from '../audit/audit-entry.entity';
import { ProcessedTask } from '../../workers/processed-task.entity';
import { WorkerHeartbeat } from '../../workers/worker-heartbeat.entity';
import { DeploymentRecord } from '../deployments/deployment-record.entity';
import { Foundation1764000000000 } from './migrations/1764000000000-foundation';
import { Deployments1764100000000 } from './migrations/1764100000000-deployments';

export const entities = [District, Intake, CaseNumberSequence, AuditEntry, AuditChainHead, ProcessedTask, WorkerHeartbeat, DeploymentRecord];
export const migrations = [Foundation1764000000000, Deployments1764100000000];

/** The one description of the business database, shared by the API, the workers and the migration command. */
export function dataSourceOptions(config: AppConfig): DataSourceOptions {
  return {
    type: 'mysql',
    url: `${config.database.url.replace(/\/$/, '')}/${config.database.name}`,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    entities,
    migrations,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error'],
    extra: { connectionLimit: 10 },
  };
}
