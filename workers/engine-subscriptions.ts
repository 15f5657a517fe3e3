import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../src/audit/audit.service';
import { APP_CONFIG } from '../src/config/config.module';
import type { AppConfig } from '../src/config/config.schema';
import { ServiceTokenProvider } from '../src/engine-client/service-token';
import { Heartbeat } from './heartbeat';
import { LockedTask, TaskPort, TopicHandler, TopicRunner } from './run-topic';

export const TOPIC_HANDLERS = Symbol('TOPIC_HANDLERS');
const ABANDON_EXIT_MS = 2_000;

type ExternalTaskClient = typeof import('camunda-external-task-client-js');
type ClientTask = { id: string; topicName: string; businessKey?: string; tenantId?: string; processInstanceId: string; activityId: string; retries?: number; variables: { getAll(): Record<string, unknown> } };
type ClientTaskService = {
  complete(task: ClientTask, variables?: unknown): Promise<void>;
  handleFailure(task: ClientTask, options: object): Promise<void>;
  handleBpmnError(task: ClientTask, code: string, message?: string): Promise<void>;
  unlock(task: ClientTask): Promise<void>;
};

/**
 * One subscription per registered handler on camunda-external-task-client-js. On shutdown it stops fetching,
 * lets running tasks finish within the grace period and gives the rest back to the engine.
 */
@Injectable()
export class EngineSubscriptions implements BeforeApplicationShutdown {
  private readonly logger = new Logger(EngineSubscriptions.name);
  private readonly running = new Map<string, { task: ClientTask; taskService: ClientTaskService; done: Promise<void> }>();
  private client: { stop(): void } | null = null;
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TOPIC_HANDLERS) private readonly handlers: TopicHandler[],
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly heartbeat: Heartbeat,
  ) {}

  /** Called by main once shutdown hooks are in place, so no task is ever fetched by a worker that cannot give it back. */
  async start(): Promise<void> {
    // The client is an ES module; Node loads it from our CommonJS build with a dynamic import.
    const lib: ExternalTaskClient = await import('camunda-external-task-client-js');
    const tokens = ServiceTokenProvider.forRealm(this.config.keycloak.url, this.config.keycloak.realm, this.config.worker.serviceClient);
    const { worker, engine } = this.config;
    const client = new lib.Client({
      baseUrl: engine.url,
      workerId: this.heartbeat.workerId,
      lockDuration: worker.lockDurationMs,
      asyncResponseTimeout: worker.longPollMs,
      interval: worker.pollIntervalMs,
      maxTasks: 4,
      autoPoll: false,
      use: silentLogger,
      interceptors: (config: { hooks?: Record<string, unknown[]> }) => ({
        ...config,
        hooks: {
          ...config.hooks,
          beforeRequest: [
            async (options: { headers: Record<string, string> }) => {
              options.headers = { ...options.headers, authorization: `Bearer ${await tokens.token()}` };
            },
          ],
        },
      }),
    });
    const runner = new TopicRunner(this.dataSource, this.audit, { maxRetries: worker.maxRetries, retryBaseMs: worker.retryBaseMs });
    for (const handler of this.handlers) {
      client.subscribe(handler.topic, { lockDuration: worker.lockDurationMs }, async ({ task, taskService }: { task: ClientTask; taskService: ClientTaskService }) => {
        if (this.stopping) return void (await taskService.unlock(task).catch(() => undefined));
        const done = runner.run(handler, toLocked(task), portFor(lib, task, taskService)).finally(() => this.running.delete(task.id));
        this.running.set(task.id, { task, taskService, done });
        await done;
      });
    }
    client.on('poll:error', (error: unknown) => this.logger.warn(`fetch-and-lock failed: ${String(error)}`));
    client.start();
    this.client = client;
    this.logger.log(`worker ${this.heartbeat.workerId} subscribed to ${this.handlers.map((h) => h.topic).join(', ')}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.client?.stop();
    const inFlight = [...this.running.values()];
    if (!inFlight.length) return;
    this.logger.log(`waiting up to ${this.config.worker.shutdownGraceMs} ms for ${inFlight.length} running task(s)`);
    const grace = new Promise((resolve) => setTimeout(resolve, this.config.worker.shutdownGraceMs).unref());
    await Promise.race([Promise.allSettled(inFlight.map((r) => r.done)), grace]);
    const abandoned = [...this.running.values()];
    for (const { task, taskService } of abandoned) {
      this.logger.warn(`giving task ${task.id} (${task.topicName}) back to the engine`);
      await taskService.unlock(task).catch((error) => this.logger.warn(`unlock ${task.id} failed: ${String(error)}; its lock will expire`));
    }
    if (abandoned.length) {
      // Their handlers may still wait on the database and would hold the pool open; exiting closes those
      // connections, so the server rolls their transactions back and nothing half-done remains.
      setTimeout(() => process.exit(0), ABANDON_EXIT_MS).unref();
    }
  }
}

function toLocked(task: ClientTask): LockedTask {
  return {
    id: task.id,
    topicName: task.topicName,
    businessKey: task.businessKey ?? null,
    tenantId: task.tenantId ?? null,
    processInstanceId: task.processInstanceId,
    activityId: task.activityId,
    retries: task.retries ?? null,
    variables: task.variables.getAll(),
  };
}

function portFor(lib: ExternalTaskClient, task: ClientTask, taskService: ClientTaskService): TaskPort {
  return {
    complete: (variables) => taskService.complete(task, new lib.Variables().setAll(variables)),
    handleBpmnError: (code, message) => taskService.handleBpmnError(task, code, message),
    handleFailure: (failure) => taskService.handleFailure(task, failure),
  };
}

const silentLogger = () => undefined;
