import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditRecord, AuditService } from '../src/audit/audit.service';
import { ProcessedTask } from './processed-task.entity';
import { TopicName, topicRegistry } from './topic-registry';

/** A business outcome the model handles with an error boundary event (e.g. no squad covers the grid); never an incident. */
export class BusinessError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The fields of a fetched external task the wrapper needs; the engine client's task satisfies it. */
export interface LockedTask {
  id: string;
  topicName: string;
  businessKey?: string | null;
  tenantId?: string | null;
  processInstanceId: string;
  activityId: string;
  retries?: number | null;
  variables: Record<string, unknown>;
}

/** What the wrapper tells the engine about one locked task; an adapter over camunda-external-task-client-js implements it. */
export interface TaskPort {
  complete(variables: Record<string, unknown>): Promise<void>;
  handleBpmnError(code: string, message: string): Promise<void>;
  handleFailure(failure: { errorMessage: string; errorDetails: string; retries: number; retryTimeout: number }): Promise<void>;
}

export interface HandlerContext {
  task: LockedTask;
  variables: Record<string, unknown>;
  businessKey: string | null;
  districtId: string;
  /** The transaction every side effect of the handler must use, so it commits together with the processed-task row. */
  manager: EntityManager;
  audit(record: Omit<AuditRecord, 'districtId' | 'actor' | 'subjectType' | 'subjectId'> & Partial<AuditRecord>): Promise<void>;
}

/** One handler per topic: does the work and returns the output variables; it never completes the task itself. */
export interface TopicHandler {
  readonly topic: TopicName;
  handle(context: HandlerContext): Promise<Record<string, unknown>>;
}

export interface RetryPolicy {
  maxRetries: number;
  retryBaseMs: number;
}

const MAX_RETRY_TIMEOUT_MS = 10 * 60_000;
const CONFLICT_ATTEMPTS = 6;

/** The engine's answer when another transaction changed the same execution first (OptimisticLockingException). */
export function isConcurrentUpdate(error: unknown): boolean {
  return /OptimisticLockingException|ENGINE-03005/.test(error instanceof Error ? error.message : String(error));
}

/**
 * The one way a topic runs: idempotent by external task id, side effects and bookkeeping in one transaction,
 * business outcomes as BPMN errors, technical failures retried with backoff until they become an incident.
 */
export class TopicRunner {
  private readonly logger = new Logger('run-topic');

  constructor(
    private readonly dataSource: DataSource,
    private readonly auditService: AuditService,
    private readonly policy: RetryPolicy,
  ) {}

  async run(handler: TopicHandler, task: LockedTask, port: TaskPort): Promise<void> {
    const label = `${task.topicName} ${task.id} (${task.businessKey ?? 'no business key'})`;
    try {
      const done = await this.dataSource.getRepository(ProcessedTask).findOneBy({ externalTaskId: task.id });
      const outcome = done ?? (await this.execute(handler, task));
      if (done) this.logger.log(`${label}: already processed, answering the engine again without side effects`);
      await this.report(task, outcome, port);
    } catch (error) {
      await this.fail(task, label, error, port);
    }
  }

  private async execute(handler: TopicHandler, task: LockedTask): Promise<ProcessedTask> {
    checkInputs(handler.topic, task.variables);
    const districtId = districtOf(task);
    const businessKey = task.businessKey ?? null;
    const record = (manager: EntityManager, outcome: Partial<ProcessedTask>) =>
      manager.save(
        manager.create(ProcessedTask, {
          externalTaskId: task.id,
          topic: task.topicName,
          businessKey,
          districtId,
          output: null,
          errorCode: null,
          processedAt: new Date(),
          ...outcome,
        } as ProcessedTask),
      );
    try {
      return await this.dataSource.transaction(async (manager) => {
        const output = await handler.handle({
          task,
          variables: task.variables,
          businessKey,
          districtId,
          manager,
          audit: (entry) =>
            this.auditService.append(manager, {
              districtId,
              actor: `worker:${task.topicName}`,
              subjectType: 'intake',
              subjectId: businessKey ?? task.processInstanceId,
              ...entry,
            }).then(() => undefined),
        });
        checkOutputs(handler.topic, output);
        return record(manager, { outcome: 'completed', output });
      });
    } catch (error) {
      if (!(error instanceof BusinessError)) throw error;
      // The handler's writes are rolled back; only the outcome is kept, so a redelivery throws the same error.
      return this.dataSource.transaction((manager) => record(manager, { outcome: 'bpmn-error', errorCode: error.code, output: { message: error.message } }));
    }
  }

  /**
   * Answers the engine. Two branches that finish at once (a parallel multi-instance, a join) make the engine
   * refuse one of them with an optimistic-locking conflict; that answer is simply given again after a short,
   * random pause instead of spending one of the task's retries (the side effects are already committed).
   */
  private async report(task: LockedTask, outcome: ProcessedTask, port: TaskPort): Promise<void> {
    const answer = () =>
      outcome.outcome === 'bpmn-error'
        ? port.handleBpmnError(outcome.errorCode as string, String(outcome.output?.message ?? ''))
        : port.complete(typedOutputs(task.topicName as TopicName, outcome.output ?? {}));
    for (let attempt = 1; ; attempt++) {
      try {
        return await answer();
      } catch (error) {
        if (attempt >= CONFLICT_ATTEMPTS || !isConcurrentUpdate(error)) throw error;
        this.logger.warn(`${task.topicName} ${task.id}: the engine met a concurrent update, answering again (${attempt} of ${CONFLICT_ATTEMPTS - 1})`);
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 400 * attempt));
      }
    }
  }

  private async fail(task: LockedTask, label: string, error: unknown, port: TaskPort): Promise<void> {
    // The engine starts a task with no retry count; the first failure sets it to the whole allowance.
    const { maxRetries, retryBaseMs } = this.policy;
    const retriesLeft = task.retries == null ? maxRetries : Math.max(task.retries - 1, 0);
    const failures = maxRetries - retriesLeft + 1;
    const retryTimeout = Math.min(retryBaseMs * 2 ** (failures - 1), MAX_RETRY_TIMEOUT_MS);
    const message = error instanceof Error ? error.message : String(error);
    this.logger.error(`${label}: ${message} — ${retriesLeft ? `retry ${failures} of ${maxRetries} in ${retryTimeout} ms` : 'no retries left, raising an incident'}`);
    try {
      await port.handleFailure({
        errorMessage: message.slice(0, 600),
        errorDetails: error instanceof Error ? (error.stack ?? message) : message,
        retries: retriesLeft,
        retryTimeout,
      });
    } catch (reportError) {
      // The lock will expire and the engine hands the task out again; nothing is lost.
      this.logger.error(`${label}: could not report the failure: ${String(reportError)}`);
    }
  }
}

function districtOf(task: LockedTask): string {
  const district = task.tenantId ?? (task.variables.districtId as string | undefined);
  if (!district) throw new Error(`task ${task.id} has neither a tenant nor a districtId variable`);
  return district;
}

/** Outputs replayed from the processed-task row come back from JSON; dates are made dates again. */
function typedOutputs(topic: TopicName, output: Record<string, unknown>): Record<string, unknown> {
  const declared = topicRegistry[topic].outputs as Record<string, { type: string }>;
  return Object.fromEntries(
    Object.entries(output).map(([name, value]) => [name, declared[name]?.type === 'date' && typeof value === 'string' ? new Date(value) : value]),
  );
}

/** A missing required input is a modelling mistake: it fails (and ends as an incident) before any side effect. */
function checkInputs(topic: TopicName, variables: Record<string, unknown>): void {
  const inputs = topicRegistry[topic].inputs as Record<string, { required?: boolean }>;
  const missing = Object.entries(inputs)
    .filter(([name, spec]) => spec.required && (variables[name] === undefined || variables[name] === null))
    .map(([name]) => name);
  if (missing.length) throw new Error(`${topic} is missing required input variables: ${missing.join(', ')}`);
}

/** A handler may only return what the registry declares, so the model and the element templates stay true. */
function checkOutputs(topic: TopicName, output: Record<string, unknown>): void {
  const declared = topicRegistry[topic].outputs as Record<string, unknown>;
  const unknown = Object.keys(output).filter((name) => !Object.hasOwn(declared, name));
  if (unknown.length) throw new Error(`${topic} returned undeclared variables: ${unknown.join(', ')}`);
}
