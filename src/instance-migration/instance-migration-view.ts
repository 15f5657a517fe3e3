/** Plain types of the migration API; the UI and the tests import them. */
export interface SourceVersionPlan {
  sourceDefinitionId: string;
  version: number;
  /** Null for a provincial template the district's instances were started on. */
  tenantId: string | null;
  instances: number;
  /** Activities the engine maps by id and type, with the instances waiting in them. */
  mapped: Array<{ source: string[]; target: string[]; instances: number }>;
  /** Activities instances are in that have no counterpart: those instances cannot be migrated (their jobs fail). */
  unmapped: Array<{ activityId: string; activityName: string | null; instances: number }>;
  /** The engine's validation of the generated plan; empty when it may run. */
  failures: Array<{ source: string[]; target: string[]; failures: string[] }>;
}

/** `GET /api/deployments/:id/migration-plan`. */
export interface MigrationPlanView {
  deploymentId: string;
  processKey: string;
  targetDefinitionId: string;
  targetVersion: number;
  sources: SourceVersionPlan[];
}

export type MigrationOutcome =
  | { valid: true; batchId: string; instances: number }
  | { valid: false; report: SourceVersionPlan['failures'] };

/** `GET /api/migrations/:batchId`. */
export interface MigrationProgressView {
  batchId: string;
  deploymentId: string;
  sourceDefinitionId: string;
  targetDefinitionId: string;
  status: 'running' | 'completed' | 'failed';
  total: number;
  migrated: number;
  remainingJobs: number;
  failedJobs: number;
  failed: Array<{ jobId: string; processInstanceId: string | null; message: string; retriesLeft: number }>;
  startedBy: string;
  startedAt: string;
  endedAt: string | null;
}
