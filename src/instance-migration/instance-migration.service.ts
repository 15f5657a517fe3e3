import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { CurrentUser } from '../auth/current-user';
import { mayDeploy } from '../deployments/deployments.service';
import { ModelVersions, engineCall } from '../drafts/model-versions';
import { EngineClient, EngineError, type MigrationPlan, type MigrationPlanReport, type ProcessDefinition } from '../engine-client/engine-client';
import { AppError, notFound } from '../errors/app-error';
import { InstanceMigration } from './instance-migration.entity';
import type { MigrationOutcome, MigrationPlanView, MigrationProgressView, SourceVersionPlan } from './instance-migration-view';

/**
 * 在办案件迁移: after a deployment, district IT moves the district's running instances of older versions of
 * the process onto the new one with the engine's own migration (generate → validate → batch).
 */
@Injectable()
export class InstanceMigrationService {
  private readonly logger = new Logger(InstanceMigrationService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly engine: EngineClient,
    private readonly audit: AuditService,
    private readonly versions: ModelVersions,
  ) {}

  /** For each older version with running instances of the district: what maps, what does not, and how many instances wait. */
  async plan(user: CurrentUser, deploymentId: string): Promise<MigrationPlanView> {
    requireDistrictIt(user);
    const target = await this.versions.ofDeployment(user, deploymentId);
    const sources: SourceVersionPlan[] = [];
    for (const source of await this.sourcesOf(user, target.key, target.definitionId)) {
      const instanceIds = await engineCall(() => this.engine.processInstanceIds(source.id, user.district));
      if (!instanceIds.length) continue;
      const plan = await engineCall(() => this.engine.generateMigrationPlan(source.id, target.definitionId));
      const [report, open] = await Promise.all([engineCall(() => this.engine.validateMigrationPlan(plan)), engineCall(() => this.engine.openActivities(source.id, user.district))]);
      const mapped = new Set(plan.instructions.flatMap((i) => i.sourceActivityIds));
      const waiting = new Map<string, { activityId: string; activityName: string | null; instances: number }>();
      for (const activity of open) {
        const entry = waiting.get(activity.activityId) ?? { activityId: activity.activityId, activityName: activity.activityName, instances: 0 };
        entry.instances += 1;
        waiting.set(activity.activityId, entry);
      }
      sources.push({
        sourceDefinitionId: source.id,
        version: source.version,
        tenantId: source.tenantId,
        instances: instanceIds.length,
        mapped: plan.instructions.map((i) => ({ source: i.sourceActivityIds, target: i.targetActivityIds, instances: i.sourceActivityIds.reduce((n, id) => n + (waiting.get(id)?.instances ?? 0), 0) })),
        unmapped: [...waiting.values()].filter((a) => !mapped.has(a.activityId)),
        failures: failuresOf(report),
      });
    }
    return { deploymentId, processKey: target.key, targetDefinitionId: target.definitionId, targetVersion: target.version, sources };
  }

  /** Validates the generated plan first: a plan the engine refuses answers 422 with its report and moves nothing. */
  async migrate(user: CurrentUser, deploymentId: string, sourceDefinitionId: string): Promise<MigrationOutcome> {
    requireDistrictIt(user);
    const target = await this.versions.ofDeployment(user, deploymentId);
    const source = (await this.sourcesOf(user, target.key, target.definitionId)).find((d) => d.id === sourceDefinitionId);
    if (!source) {
      throw new AppError('VALIDATION_FAILED', [{ field: 'sourceDefinitionId', zh: '请选择本流程较早的一个版本', en: 'Choose an earlier version of this process' }]);
    }
    const instanceIds = await engineCall(() => this.engine.processInstanceIds(source.id, user.district));
    if (!instanceIds.length) {
      throw new AppError('VALIDATION_FAILED', [{ field: 'sourceDefinitionId', zh: '该版本在本区没有在办实例', en: 'That version has no running instances in your district' }]);
    }
    const plan = await engineCall(() => this.engine.generateMigrationPlan(source.id, target.definitionId));
    const report = await engineCall(() => this.engine.validateMigrationPlan(plan));
    if (failuresOf(report).length) return { valid: false, report: failuresOf(report) };

    const batch = await this.startBatch(plan, instanceIds);
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.save(
          manager.create(InstanceMigration, {
            batchId: batch.id,
            districtId: user.district,
            deploymentId: target.record.id,
            sourceDefinitionId: source.id,
            targetDefinitionId: target.definitionId,
            batchJobDefinitionId: batch.batchJobDefinitionId ?? null,
            processInstanceIds: instanceIds,
            startedBy: user.username,
            startedAt: new Date(),
          }),
        );
        await this.audit.append(manager, {
          districtId: user.district,
          actor: user.username,
          action: 'migration.start',
          subjectType: 'deployment',
          subjectId: target.record.id,
          before: { definitionId: source.id, version: source.version },
          after: { definitionId: target.definitionId, version: target.version, batchId: batch.id, instances: instanceIds.length, instructions: plan.instructions.length },
        });
      });
    } catch (error) {
      // Unrecorded, the batch could be seen by no one: take it back.
      await this.engine.deleteBatch(batch.id).catch((cleanup: unknown) => this.logger.error(`migration batch ${batch.id} has no record and could not be removed: ${String(cleanup)}`));
      throw error;
    }
    return { valid: true, batchId: batch.id, instances: instanceIds.length };
  }

  /** Progress of a batch of the caller's district, and every instance whose job failed, with the engine's reason. */
  async progress(user: CurrentUser, batchId: string): Promise<MigrationProgressView> {
    requireDistrictIt(user);
    if (!/^[\w-]{1,64}$/.test(batchId)) throw notFound();
    const migration = await this.dataSource.getRepository(InstanceMigration).findOneBy({ batchId, districtId: user.district });
    if (!migration) throw notFound();
    const [statistics, history, failedJobs, onTarget] = await Promise.all([
      engineCall(() => this.engine.batchStatistics(batchId)),
      engineCall(() => this.engine.historicBatch(batchId)),
      migration.batchJobDefinitionId ? engineCall(() => this.engine.failedJobs(migration.batchJobDefinitionId as string)) : Promise.resolve([]),
      engineCall(() => this.engine.processInstanceIds(migration.targetDefinitionId, user.district, 5000)),
    ]);
    const migrated = new Set(onTarget);
    const failed = failedJobs.map((job) => ({
      jobId: job.id,
      processInstanceId: /process instance '([^']+)'/i.exec(job.exceptionMessage ?? '')?.[1] ?? null,
      message: job.exceptionMessage ?? '',
      retriesLeft: job.retries,
    }));
    const moved = migration.processInstanceIds.filter((id) => migrated.has(id)).length;
    // The engine closes a batch only when its monitor job next runs; every instance moved is done for the user.
    const finished = (!statistics && !!history?.endTime) || moved === migration.processInstanceIds.length;
    const stuck = !!statistics && statistics.failedJobs > 0 && statistics.remainingJobs === statistics.failedJobs;
    return {
      batchId,
      deploymentId: migration.deploymentId,
      sourceDefinitionId: migration.sourceDefinitionId,
      targetDefinitionId: migration.targetDefinitionId,
      status: finished ? 'completed' : stuck ? 'failed' : 'running',
      total: migration.processInstanceIds.length,
      migrated: moved,
      remainingJobs: statistics?.remainingJobs ?? 0,
      failedJobs: statistics?.failedJobs ?? 0,
      failed,
      startedBy: migration.startedBy,
      startedAt: migration.startedAt.toISOString(),
      endedAt: history?.endTime ?? null,
    };
  }

  /** Older versions the district's instances may run on: its own variants and the shared templates of the key. */
  private async sourcesOf(user: CurrentUser, key: string, targetId: string): Promise<ProcessDefinition[]> {
    const all = await engineCall(() => this.engine.processDefinitions(key, { tenantId: user.district, withShared: true }));
    return all.filter((d) => d.id !== targetId && (d.tenantId === null || d.tenantId === user.district));
  }

  private async startBatch(plan: MigrationPlan, instanceIds: string[]) {
    try {
      return await this.engine.executeMigrationAsync(plan, instanceIds);
    } catch (error) {
      if (error instanceof EngineError && error.status >= 400 && error.status < 500) {
        throw new AppError('MIGRATION_INVALID', [{ field: 'migrationPlan', zh: `流程引擎拒绝了迁移：${error.message}`, en: `The engine refused the migration: ${error.message}` }]);
      }
      throw new AppError('ENGINE_UNAVAILABLE');
    }
  }
}

function requireDistrictIt(user: CurrentUser): void {
  if (!mayDeploy(user)) throw new AppError('FORBIDDEN');
}

function failuresOf(report: MigrationPlanReport): Array<{ source: string[]; target: string[]; failures: string[] }> {
  return (report.instructionReports ?? [])
    .filter((r) => r.failures.length)
    .map((r) => ({ source: r.instruction.sourceActivityIds, target: r.instruction.targetActivityIds, failures: r.failures }));
}
