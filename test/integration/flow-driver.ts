import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineClient, EngineTask } from '../../src/engine-client/engine-client';
import { toEngineVariables } from '../../src/engine-client/engine-variables';
import { ServiceTokenProvider } from '../../src/engine-client/service-token';
import { eventually } from '../support/api';
import { testConfig } from '../support/backend';

const { keycloak, api, engine: engineConfig } = testConfig;
const tokens = ServiceTokenProvider.forRealm(keycloak.url, keycloak.realm, api.serviceClient);

/** Engine REST calls the EngineClient has no method for (jobs, history), with the API's service token. */
export async function engineRest<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${engineConfig.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${await tokens.token()}`, 'content-type': 'application/json', accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Drives one flow on the real engine the way officers would, while the real workers do the service tasks. */
export function flowDriver(engine: EngineClient) {
  const openTasks = (districtId: string, processInstanceId: string, key: string) =>
    engine.queryTasks({ tenantIdIn: [districtId], processInstanceId }).then((tasks) => tasks.filter((t) => t.taskDefinitionKey === key));

  return {
    openTasks,
    /** The open user task `key` of the instance, once the workers have brought the flow there. */
    task: (districtId: string, processInstanceId: string, key: string): Promise<EngineTask> =>
      eventually(async () => (await openTasks(districtId, processInstanceId, key))[0], `task ${key} of ${processInstanceId}`),
    /** Exactly `count` open tasks `key` (parallel multi-instance). */
    tasks: (districtId: string, processInstanceId: string, key: string, count: number): Promise<EngineTask[]> =>
      eventually(async () => {
        const found = await openTasks(districtId, processInstanceId, key);
        return found.length === count && found;
      }, `${count} tasks ${key} of ${processInstanceId}`),
    complete: (task: EngineTask, values: Record<string, unknown>) => engine.complete(task.id, toEngineVariables(values)),
    /** Fires the timer of `activityId` now instead of waiting for its deadline; returns its due date. */
    async fireTimer(processInstanceId: string, activityId: string): Promise<Date> {
      const [job] = await eventually(
        () => engineRest<Array<{ id: string; dueDate: string }>>('GET', `/job?processInstanceId=${processInstanceId}&activityId=${activityId}&timers=true`).then((jobs) => jobs.length > 0 && jobs),
        `timer ${activityId} of ${processInstanceId}`,
      );
      await engineRest('POST', `/job/${job.id}/execute`);
      return new Date(job.dueDate);
    },
    variables: (processInstanceId: string) =>
      engineRest<Record<string, { value: unknown }>>('GET', `/process-instance/${processInstanceId}/variables?deserializeValues=false`).then((vars) =>
        Object.fromEntries(Object.entries(vars).map(([name, v]) => [name, v.value])),
      ),
    /** Waits until the instance has ended and returns the ids of the end events it reached. */
    async ended(processInstanceId: string): Promise<string[]> {
      await eventually(async () => (await engine.historicProcessInstance(processInstanceId)).state === 'COMPLETED', `instance ${processInstanceId} to end`);
      const reached = await reachedActivities(processInstanceId);
      // End events of the process itself, not those of its embedded subprocesses.
      return reached.filter((a) => a.activityType === 'noneEndEvent' && a.parentActivityInstanceId === processInstanceId).map((a) => a.activityId);
    },
  };
}

export async function reachedActivities(processInstanceId: string): Promise<Array<{ activityId: string; activityType: string; parentActivityInstanceId: string; calledProcessInstanceId: string | null }>> {
  return engineRest('GET', `/history/activity-instance?processInstanceId=${processInstanceId}&maxResults=1000`);
}

const flowNodeTypes = 'startEvent|endEvent|serviceTask|userTask|exclusiveGateway|parallelGateway|boundaryEvent|intermediateCatchEvent|subProcess|callActivity';

/** Every flow node id of a shipped model file (bpmn/…). */
export function flowNodesOf(relativePath: string): string[] {
  const xml = readFileSync(join(__dirname, '..', '..', 'bpmn', relativePath), 'utf8');
  return [...xml.matchAll(new RegExp(`<bpmn:(?:${flowNodeTypes}) id="([^"]+)"`, 'g'))].map((m) => m[1]);
}

/** Records which flow nodes the instances of one model reached, so a spec can prove every node was visited. */
export class Coverage {
  private readonly reached = new Map<string, Set<string>>();

  async add(model: string, processInstanceId: string): Promise<void> {
    const seen = this.reached.get(model) ?? new Set<string>();
    for (const activity of await reachedActivities(processInstanceId)) seen.add(activity.activityId.replace(/#multiInstanceBody$/, ''));
    this.reached.set(model, seen);
  }

  missing(model: string): string[] {
    const seen = this.reached.get(model) ?? new Set<string>();
    return flowNodesOf(model).filter((id) => !seen.has(id));
  }
}
