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
import { ModelDraft, ModelDraftRevision } from '../drafts/model-draft.entity';
import { InstanceMigration } from '../instance-migration/instance-migration.entity';
import { ModelDrafts1764600000000 } from './migrations/1764600000000-model-drafts';
import { NumberSeries1764650000000 } from './migrations/1764650000000-number-series';
import { ModelDraftKinds1764700000000 } from './migrations/1764700000000-model-draft-kinds';
import { Department, Grid, IntakeEscalation, RapidResponseClock, Squad } from '../dispatch/dispatch.entities';
import { IntakeFlows1764200000000 } from './migrations/1764200000000-intake-flows';
import { OutboxMessage } from '../../workers/outbox/outbox-message.entity';
import { Outbox1764300000000 } from './migrations/1764300000000-outbox';
import { CreditRepairApplication, RequiredMaterial } from '../credit-repairs/credit-repair.entity';
import { Inspection, InspectionChecklistItem, InspectionProblem, InspectionScenario } from '../inspections/inspection.entity';
import { CreditAndInspections1764500000000 } from './migrations/1764500000000-credit-and-inspections';
import { PenaltyCase } from '../penalty-cases/penalty-case.entity';
import { PenaltyReview } from '../penalty-cases/penalty-review.entity';
import { PenaltyDocument } from '../penalty-cases/penalty-document.entity';
import { PenaltyCases1764400000000 } from './migrations/1764400000000-penalty-cases';

export const entities = [District, Intake, Squad, Grid, Department, RapidResponseClock, IntakeEscalation, CaseNumberSequence, AuditEntry, AuditChainHead, ProcessedTask, WorkerHeartbeat, DeploymentRecord, OutboxMessage, RequiredMaterial, CreditRepairApplication, InspectionScenario, InspectionChecklistItem, Inspection, InspectionProblem, ModelDraft, ModelDraftRevision, InstanceMigration, PenaltyCase, PenaltyReview, PenaltyDocument];
export const migrations = [Foundation1764000000000, Deployments1764100000000, IntakeFlows1764200000000, Outbox1764300000000, PenaltyCases1764400000000, CreditAndInspections1764500000000, ModelDrafts1764600000000, NumberSeries1764650000000, ModelDraftKinds1764700000000];

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
