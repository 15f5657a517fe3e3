import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../src/repo-root';
import { as, callApi, createIntakeAs, eventually, taskInList, tokenFor } from '../support/api';
import { apiEngineClient } from '../support/backend';
import { uploadModels } from '../support/review-probe';

jest.setTimeout(300_000);

/**
 * The whole life of a district customisation of intake-dispatch, through the API as the UI calls it: jiashan's
 * designer adds a step, district IT approves it, new jiashan intakes run it while other districts do not, the
 * case already open moves onto the new version, and a rollback takes the step away again for new intakes.
 * (The same steps in the browser: test/browser/modeler.browser.spec.ts and review.browser.spec.ts.)
 */
const DISTRICT = 'jiashan';
const DESIGNER = `${DISTRICT}.designer`;
const IT = `${DISTRICT}.district-it`;
const shipped = readFileSync(join(repoRoot, 'bpmn', 'districts', DISTRICT, 'intake-dispatch.bpmn'), 'utf8');

/** jiashan's variant with 受理复核 (command centre, form intake-handle) between the triage suggestion and 研判. */
function withRecheck(xml: string): string {
  const step = `<bpmn:userTask id="Recheck" name="受理复核" camunda:candidateGroups="command-center" camunda:formRef="intake-handle" camunda:formRefBinding="deployment"><bpmn:incoming>Flow_TriageSuggest_Triage</bpmn:incoming><bpmn:outgoing>Flow_Recheck_Triage</bpmn:outgoing></bpmn:userTask>
    <bpmn:sequenceFlow id="Flow_Recheck_Triage" sourceRef="Recheck" targetRef="Triage" />
    `;
  const changed = xml
    .replace(/(<bpmn:sequenceFlow id="Flow_TriageSuggest_Triage" sourceRef="[^"]+") targetRef="Triage"/, '$1 targetRef="Recheck"')
    .replace('<bpmn:incoming>Flow_TriageSuggest_Triage</bpmn:incoming><bpmn:outgoing>Flow_Triage_GwDuplicate</bpmn:outgoing>', '<bpmn:incoming>Flow_Recheck_Triage</bpmn:incoming><bpmn:outgoing>Flow_Triage_GwDuplicate</bpmn:outgoing>')
    .replace('<bpmn:userTask id="Triage"', `${step}<bpmn:userTask id="Triage"`);
  expect(changed).toContain('targetRef="Recheck"');
  expect(changed).toContain('<bpmn:incoming>Flow_Recheck_Triage</bpmn:incoming>');
  return changed;
}

const intake = (username: string) => createIntakeAs(username, { address: `嘉善县罗星街道 测试路 ${randomUUID().slice(0, 8)} 号`, location: undefined });

/** The steps a case waits in now, by task definition key. */
async function waitsIn(processInstanceId: string, tenant: string): Promise<string[]> {
  const tasks = await apiEngineClient().queryTasks({ tenantIdIn: [tenant], processInstanceId });
  return tasks.map((t) => t.taskDefinitionKey);
}

const firstStep = (processInstanceId: string, tenant: string) =>
  eventually(async () => {
    const keys = await waitsIn(processInstanceId, tenant);
    return keys.length > 0 && keys;
  }, `the first user task of ${processInstanceId}`);

describe('a jiashan customisation of intake-dispatch, from draft to rollback', () => {
  let baseline: { id: string; version: number };
  let approved: { id: string };
  let openCase: { processInstanceId: string; businessKey: string };
  let oldDefinitionId: string;

  beforeAll(async () => {
    // The district's own record of what it runs now, so there is a version to roll back to.
    const upload = await uploadModels('/deployments', IT, [{ name: 'intake-dispatch.bpmn', content: shipped }], '基线：现行嘉善流程');
    expect(upload.status).toBe(201);
    baseline = upload.body;
    // A case already open on that version, waiting in 研判.
    openCase = await intake(`${DISTRICT}.officer`);
    expect(await firstStep(openCase.processInstanceId, DISTRICT)).toEqual(['Triage']);
    oldDefinitionId = (await apiEngineClient().latestDefinitionFor('intake-dispatch', DISTRICT))!.id;
  });

  afterAll(async () => {
    // Whatever happened, jiashan runs its shipped variant again for the specs after this one.
    await uploadModels('/deployments', IT, [{ name: 'intake-dispatch.bpmn', content: shipped }], '测试结束：恢复现行流程');
  });

  it('the designer’s draft adds 受理复核, is submitted, and district IT approves it', async () => {
    const draft = await as(DESIGNER).post('/drafts', { processKey: 'intake-dispatch', comment: '增加受理复核' });
    expect(draft.status).toBe(201);
    const saved = await callApi('PUT', `/drafts/${draft.body.id}`, { token: await tokenFor(DESIGNER), body: { xml: withRecheck(draft.body.xml), comment: '研判前由指挥中心复核' } });
    expect(saved.status).toBe(200);
    expect(saved.body.problems).toEqual([]);
    expect((await as(DESIGNER).post(`/drafts/${draft.body.id}/submit`)).status).toBe(200);

    const diff = await as(IT).get(`/drafts/${draft.body.id}/diff?against=deployed`);
    expect(diff.status).toBe(200);
    expect(JSON.stringify(diff.body)).toContain('Recheck');

    const approval = await as(IT).post(`/drafts/${draft.body.id}/approve`, { comment: '同意增加受理复核' });
    expect(approval.status).toBe(200);
    approved = approval.body.deployment;
    // The new process version, with the shared decision tables it is bound to deployed beside it.
    expect(approval.body.deployment.definitions).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'intake-dispatch', kind: 'process', tenantId: DISTRICT }), expect.objectContaining({ key: 'triage', kind: 'decision', tenantId: DISTRICT })]),
    );
  });

  it('a new jiashan intake stops at 受理复核 first; wuxing (template) and wucheng (own variant) go straight to 研判', async () => {
    const jiashan = await intake(`${DISTRICT}.officer`);
    const wuxing = await intake('wuxing.officer');
    const wucheng = await intake('wucheng.officer');
    expect(await firstStep(jiashan.processInstanceId, DISTRICT)).toEqual(['Recheck']);
    expect(await firstStep(wuxing.processInstanceId, 'wuxing')).toEqual(['Triage']);
    expect(await firstStep(wucheng.processInstanceId, 'wucheng')).toEqual(['Triage']);

    // The command centre works the new step from its list and the case goes on to 研判.
    const recheck = await taskInList(`${DISTRICT}.command-center`, jiashan.businessKey, 'Recheck');
    const commandCenter = as(`${DISTRICT}.command-center`);
    expect((await commandCenter.post(`/tasks/${recheck.id}/claim`)).status).toBe(200);
    expect((await commandCenter.post(`/tasks/${recheck.id}/complete`, { handlingResult: '已电话核实，情况属实', resolved: true })).status).toBe(200);
    await eventually(async () => (await waitsIn(jiashan.processInstanceId, DISTRICT)).includes('Triage'), '研判 after 受理复核');
  });

  it('the case opened before the change moves onto the new version and keeps waiting in 研判', async () => {
    const plan = await as(IT).get(`/deployments/${approved.id}/migration-plan`);
    expect(plan.status).toBe(200);
    const started = await as(IT).post(`/deployments/${approved.id}/migrate`, { sourceDefinitionId: oldDefinitionId });
    expect(started.status).toBe(202);
    const done = await eventually(async () => {
      const progress = await as(IT).get(`/migrations/${started.body.batchId}`);
      return progress.body.status === 'completed' && progress.body;
    }, 'the migration batch', 90_000);
    expect(done.failed).toEqual([]);
    const moved = await apiEngineClient().queryTasks({ tenantIdIn: [DISTRICT], processInstanceId: openCase.processInstanceId });
    expect(moved.map((t) => t.taskDefinitionKey)).toEqual(['Triage']);
    expect(moved[0].processDefinitionId).not.toBe(oldDefinitionId);
  });

  it('rolling back to the baseline takes 受理复核 away again for new jiashan intakes', async () => {
    const rollback = await as(IT).post(`/deployments/${baseline.id}/rollback`);
    expect(rollback.status).toBe(201);
    const after = await intake(`${DISTRICT}.officer`);
    expect(await firstStep(after.processInstanceId, DISTRICT)).toEqual(['Triage']);
  });
});
