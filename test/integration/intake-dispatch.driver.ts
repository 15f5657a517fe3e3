import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { EngineClient, EngineTask } from '../../src/engine-client/engine-client';
import { toEngineVariables } from '../../src/engine-client/engine-variables';
import { ServiceTokenProvider } from '../../src/engine-client/service-token';
import { Intake, IntakeSource } from '../../src/intakes/intake.entity';
import { repoRoot } from '../../src/repo-root';
import { OutboxMessage } from '../../workers/outbox/outbox-message.entity';
import { eventually } from '../support/api';
import { apiEngineClient, openDatabase, testConfig } from '../support/backend';

/**
 * Drives intake-dispatch on the real engine with the real workers: an intake row as the API writes it, its process
 * started the way the API starts it, user tasks completed with form values, and timers fired by executing their
 * jobs (never by waiting for a real deadline).
 */
export class IntakeDriver {
  readonly engine: EngineClient;
  /** Every process instance this driver started, for the coverage check. */
  readonly started: string[] = [];
  private readonly tokens = ServiceTokenProvider.forRealm(testConfig.keycloak.url, testConfig.keycloak.realm, testConfig.api.serviceClient);

  private constructor(readonly db: DataSource) {
    this.engine = apiEngineClient();
  }

  static async open(): Promise<IntakeDriver> {
    return new IntakeDriver(await openDatabase());
  }

  close(): Promise<void> {
    return this.db.destroy();
  }

  /** What POST /api/intakes does, without the HTTP layer. A unique address keeps runs from merging into each other. */
  async startIntake(districtId: string, fields: Partial<Pick<Intake, 'source' | 'category' | 'title' | 'address' | 'latitude' | 'longitude'>> = {}): Promise<Intake> {
    const id = randomUUID();
    const intake = {
      id,
      businessKey: id,
      districtId,
      source: 'hotline' as IntakeSource,
      category: '市容环境',
      title: '12345热线：店外乱堆放',
      description: '市民来电反映店铺门前堆放杂物影响通行',
      address: `测试地址 ${id.slice(0, 8)}`,
      latitude: null,
      longitude: null,
      status: 'received',
      createdBy: `${districtId}.officer`,
      ...fields,
    } as Intake;
    await this.db.getRepository(Intake).save(intake);
    const definition = await this.engine.latestDefinitionFor('intake-dispatch', districtId);
    if (!definition) throw new Error(`intake-dispatch is not deployed for ${districtId}`);
    const instance = await this.engine.startProcess(
      definition.id,
      id,
      toEngineVariables({ intakeId: id, districtId, source: intake.source, category: intake.category, title: intake.title }),
    );
    await this.db.getRepository(Intake).update({ id }, { processInstanceId: instance.id });
    this.started.push(instance.id);
    return { ...intake, processInstanceId: instance.id };
  }

  intake(id: string): Promise<Intake> {
    return this.db.getRepository(Intake).findOneByOrFail({ id });
  }

  /** The open user task `key` of the intake's process (or of a process it called). */
  task(intake: Intake, key: string, processInstanceId = intake.processInstanceId as string): Promise<EngineTask> {
    return eventually(
      async () => (await this.engine.queryTasks({ tenantIdIn: [intake.districtId], processInstanceId })).find((t) => t.taskDefinitionKey === key),
      `task ${key} of ${intake.businessKey}`,
      45_000,
    );
  }

  async complete(intake: Intake, key: string, values: Record<string, unknown> = {}): Promise<EngineTask> {
    const task = await this.task(intake, key);
    await retryConcurrent(() => this.engine.complete(task.id, toEngineVariables(values)));
    return task;
  }

  async variables(task: EngineTask): Promise<Record<string, unknown>> {
    const raw = await this.engine.taskVariables(task.id);
    return Object.fromEntries(Object.entries(raw).map(([name, v]) => [name, (v as { value: unknown }).value]));
  }

  /** Fires the timer of a boundary event now, as if its deadline had passed. */
  async fireTimer(intake: Intake, activityId: string): Promise<void> {
    const job = await eventually(async () => {
      const jobs = await this.rest<Array<{ id: string }>>('GET', `/job?${new URLSearchParams({ processInstanceId: intake.processInstanceId as string, timers: 'true', activityId })}`);
      return jobs[0];
    }, `the timer ${activityId} of ${intake.businessKey}`);
    await retryConcurrent(() => this.rest('POST', `/job/${job.id}/execute`));
  }

  async timerDue(intake: Intake, activityId: string): Promise<Date> {
    const [job] = await this.rest<Array<{ dueDate: string }>>('GET', `/job?${new URLSearchParams({ processInstanceId: intake.processInstanceId as string, timers: 'true', activityId })}`);
    return new Date(job.dueDate);
  }

  /** Waits until the process has passed `activityId` (completed it). */
  passed(intake: Intake, activityId: string, processInstanceId = intake.processInstanceId as string): Promise<unknown> {
    return eventually(async () => {
      const done = await this.rest<Array<{ endTime: string | null }>>('GET', `/history/activity-instance?${new URLSearchParams({ processInstanceId, activityId, finished: 'true' })}`);
      return done.length > 0 && done;
    }, `${intake.businessKey} to pass ${activityId}`, 45_000);
  }

  ended(intake: Intake): Promise<unknown> {
    return eventually(async () => {
      const instance = await this.engine.historicProcessInstance(intake.processInstanceId as string);
      return instance.state === 'COMPLETED' && instance;
    }, `the process of ${intake.businessKey} to end`, 45_000);
  }

  /** Notifications queued for the intake with one template. */
  notifications(intake: Intake, template: string): Promise<OutboxMessage[]> {
    return this.db.getRepository(OutboxMessage).findBy({ subjectId: intake.id, template });
  }

  /** The process definition an instance runs: its tenant tells which variant it is. */
  async definitionOf(processInstanceId: string): Promise<{ id: string; tenantId: string | null; deploymentId: string }> {
    const instance = await this.engine.historicProcessInstance(processInstanceId);
    return this.rest('GET', `/process-definition/${instance.processDefinitionId}`);
  }

  /** The ids of the flow nodes of `definitionId` that none of the given instances has entered. */
  async unreached(definitionId: string, instanceIds: string[]): Promise<string[]> {
    const xml = await this.engine.definitionXml(definitionId);
    const nodes = flowNodeIds(xml);
    const reached = new Set<string>();
    for (const id of instanceIds) {
      const activities = await this.rest<Array<{ activityId: string }>>('GET', `/history/activity-instance?processInstanceId=${id}&maxResults=1000`);
      activities.forEach((a) => reached.add(a.activityId));
    }
    return nodes.filter((n) => !reached.has(n));
  }

  /** Engine calls the API's client has no method for (jobs, history); same service token. */
  async rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${testConfig.engine.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${await this.tokens.token()}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`engine ${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/**
 * A worker finishing a branch of the same instance at the same moment makes the engine refuse the call with an
 * optimistic-locking conflict (nothing is changed); like any engine client, try again.
 */
async function retryConcurrent<T>(call: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= attempts || !/updated by another transaction concurrently|OptimisticLocking/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

const FLOW_NODE = /<bpmn:(startEvent|endEvent|boundaryEvent|serviceTask|userTask|businessRuleTask|callActivity|subProcess|exclusiveGateway)\s+id="([^"]+)"/g;

export function flowNodeIds(xml: string): string[] {
  return [...xml.matchAll(FLOW_NODE)].map((m) => m[2]);
}

export function shippedModel(variant: string | null): string {
  return readFileSync(join(repoRoot, 'bpmn', variant ? `districts/${variant}` : 'templates', 'intake-dispatch.bpmn'), 'utf8');
}

export const DAY_MS = 24 * 3600_000;
