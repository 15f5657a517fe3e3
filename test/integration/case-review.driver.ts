import type { DataSource } from 'typeorm';
import type { EngineClient, EngineTask } from '../../src/engine-client/engine-client';
import { PenaltyCase } from '../../src/penalty-cases/penalty-case.entity';
import { as, eventually } from '../support/api';
import { engineRest } from './flow-driver';

/** Drives case-review the way people do: through the API with demo users' tokens; the real workers do the rest. */
export const DISTRICT = 'wucheng';
export const officer = `${DISTRICT}.officer`;
export const squadLeader = `${DISTRICT}.squad-leader`;
export const legalReviewer = `${DISTRICT}.legal-reviewer`;
export const agencyHead = `${DISTRICT}.agency-head`;

export interface FiledCase {
  id: string;
  processInstanceId: string;
}

export async function fileCase(party: { name: string; type: 'individual' | 'organization' }, violationCode: string, facts: string): Promise<FiledCase> {
  const response = await as(officer).post('/penalty-cases', { party, violationCode, facts });
  if (response.status !== 201) throw new Error(`filing refused: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export function openTask(engine: EngineClient, penaltyCase: FiledCase, key: string): Promise<EngineTask> {
  return eventually(
    async () => (await engine.queryTasks({ tenantIdIn: [DISTRICT], processInstanceId: penaltyCase.processInstanceId })).find((t) => t.taskDefinitionKey === key),
    `task ${key} of ${penaltyCase.id}`,
  );
}

/** Waits for the task, then completes it as `user` through the API (which checks the form). */
export async function complete(engine: EngineClient, penaltyCase: FiledCase, key: string, user: string, submission: Record<string, unknown>): Promise<void> {
  const task = await openTask(engine, penaltyCase, key);
  const response = await as(user).post(`/tasks/${task.id}/complete`, submission);
  if (response.status !== 200) throw new Error(`${key} as ${user}: ${response.status} ${JSON.stringify(response.body)}`);
}

export const approve = { reviewDecision: 'approve', reviewComment: '同意' };
export const reject = (comment: string) => ({ reviewDecision: 'reject', reviewComment: comment });

/** Unit head → legal reviewer → agency head, each with its decision; stops after the first rejection. */
export async function reviewRound(engine: EngineClient, penaltyCase: FiledCase, decisions: Array<Record<string, unknown>>): Promise<void> {
  const levels: Array<[string, string]> = [
    ['UnitHeadReview', squadLeader],
    ['LegalReview', legalReviewer],
    ['AgencyHeadReview', agencyHead],
    ['CollectiveDiscussion', agencyHead],
  ];
  for (const [index, decision] of decisions.entries()) {
    const [key, user] = levels[index];
    await complete(engine, penaltyCase, key, user, decision);
  }
}

export function caseRow(db: DataSource, id: string): Promise<PenaltyCase> {
  return db.getRepository(PenaltyCase).findOneByOrFail({ id });
}

export async function ended(engine: EngineClient, penaltyCase: FiledCase) {
  return eventually(async () => {
    const instance = await engine.historicProcessInstance(penaltyCase.processInstanceId);
    return instance.state === 'COMPLETED' && instance;
  }, `process of ${penaltyCase.id} to end`);
}

/** The flow nodes an instance has passed, from the engine's history. */
export async function reachedNodes(processInstanceId: string): Promise<string[]> {
  const rows = await engineRest<Array<{ activityId: string }>>('GET', `/history/activity-instance?processInstanceId=${processInstanceId}&maxResults=1000`);
  return rows.map((r) => r.activityId);
}
