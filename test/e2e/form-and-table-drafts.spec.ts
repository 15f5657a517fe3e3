import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DraftView } from '../../src/drafts/draft-view';
import { toEngineVariables } from '../../src/engine-client/engine-variables';
import { apiEngineClient } from '../support/backend';
import { as, callApi, createIntakeAs, taskInList, tokenFor } from '../support/api';
import { PROBE_KEY, probeTemplate, uploadModels } from '../support/review-probe';

/**
 * 为本区定制 for a form and a decision table: jiashan customises the 处置 form and the triage table through draft,
 * review and deploy; wuxing keeps the provincial ones. The spec ends by putting jiashan's shipped variant (with the
 * shared forms and tables) live again. The review-probe process binds the 处置 form too, so approving the form also
 * deploys jiashan's version of it: the plain probe template, as the review specs expect to find it.
 */
const DISTRICT = 'jiashan';
const DESIGNER = `${DISTRICT}.designer`;
const IT = `${DISTRICT}.district-it`;
const OTHER = 'wuxing';

const root = join(__dirname, '..', '..');
const shippedVariant = readFileSync(join(root, 'bpmn', 'districts', DISTRICT, 'intake-dispatch.bpmn'), 'utf8');

const put = async (username: string, path: string, body: unknown) => callApi('PUT', path, { token: await tokenFor(username), body });

const witness = { type: 'textfield', id: 'Witness', key: 'witness', label: '现场见证人', validate: { required: true } };

/** The form-js JSON with one more component after the existing ones. */
function withComponent(json: string, component: Record<string, unknown>): string {
  const schema = JSON.parse(json) as { components: unknown[] };
  return JSON.stringify({ ...schema, components: [...schema.components, component] }, null, 2);
}

const ILLEGAL_CONSTRUCTION_DAYS = /(<outputEntry id="TriageIllegalConstruction_out_handlingDays">\s*<text>)15(<\/text>)/;

/** An intake of a district, triaged by its command centre: the squad leader's 处置 task as the API shows it. */
async function handleTaskOf(district: string, address: string): Promise<{ form: { components: Array<{ key?: string; label?: string; validate?: { required?: boolean } }> } }> {
  const { businessKey } = await createIntakeAs(`${district}.officer`, { address: `${address}（${Date.now()}）`, location: undefined });
  const commandCentre = `${district}.command-center`;
  const triage = await taskInList(commandCentre, businessKey, 'Triage');
  expect((await as(commandCentre).post(`/tasks/${triage.id}/claim`)).status).toBe(200);
  const triaged = await as(commandCentre).post(`/tasks/${triage.id}/complete`, { triageLevel: 'routine', triageComment: '常规事件，派中队处置' });
  expect(triaged.status).toBe(200);
  const handle = await taskInList(`${district}.squad-leader`, businessKey, 'Handle');
  const detail = await as(`${district}.squad-leader`).get(`/tasks/${handle.id}`);
  expect(detail.status).toBe(200);
  return detail.body;
}

/** The triage suggestion the command centre sees for a new 违法建设 intake of a district. */
async function triageSuggestionOf(district: string, address: string): Promise<string> {
  const { businessKey } = await createIntakeAs(`${district}.officer`, { category: '违法建设', title: '屋顶违章搭建', address: `${address}（${Date.now()}）`, location: undefined });
  const triage = await taskInList(`${district}.command-center`, businessKey, 'Triage');
  const detail = await as(`${district}.command-center`).get(`/tasks/${triage.id}`);
  return String(detail.body.variables.triageSuggestion);
}

const triageInputs = toEngineVariables({ source: 'photo-app', category: '违法建设', involvesMultipleDepartments: false, publicSafetyRisk: false, repeatComplaints: 0 });

describe('drafts of a form and a decision table (为本区定制) through the API', () => {
  const engine = apiEngineClient();

  beforeAll(async () => {
    // The province's probe template is the plain one again, whatever template update an earlier spec left newest.
    expect((await uploadModels('/templates', `${DISTRICT}.province-admin`, [{ name: `${PROBE_KEY}.bpmn`, content: probeTemplate }], '测试：审核流程模板')).status).toBe(201);
  });

  afterAll(async () => {
    // Whatever happened, jiashan runs its shipped variant with the shared forms and tables again.
    expect((await uploadModels('/deployments', IT, [{ name: 'intake-dispatch.bpmn', content: shippedVariant }], '测试结束：恢复现行流程与表单')).status).toBe(201);
  });

  it('a designer adds a required field to the 处置 form; district IT sees it in the diff and approves; only jiashan’s new intakes get it', async () => {
    // Given a jiashan designer's draft of the form, copied from what jiashan runs
    const created = await as(DESIGNER).post('/drafts', { kind: 'form', processKey: 'intake-handle', comment: '处置时登记现场见证人' });
    expect(created.status).toBe(201);
    const draft = created.body as DraftView;
    expect(draft).toMatchObject({ kind: 'form', processKey: 'intake-handle', status: 'draft', latestRevision: 1, problems: [] });
    expect(JSON.parse(draft.xml).id).toBe('intake-handle');
    expect(JSON.parse(draft.xml).components.map((c: { key?: string }) => c.key)).not.toContain('witness');

    // When they add a required text field, save and submit
    const saved = await put(DESIGNER, `/drafts/${draft.id}`, { xml: withComponent(draft.xml, witness), comment: '增加现场见证人（必填）' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ latestRevision: 2, problems: [] });
    expect((await as(DESIGNER).post(`/drafts/${draft.id}/submit`)).body.status).toBe('submitted');

    // Then district IT sees the new component in the diff, with no diagram to draw
    const diff = await as(IT).get(`/drafts/${draft.id}/diff?against=deployed`);
    expect(diff.status).toBe(200);
    expect(diff.body.kind).toBe('form');
    expect(diff.body.diff).toEqual({ added: [{ id: 'witness', type: 'textfield', label: '现场见证人', validate: '{"required":true}' }], removed: [], changed: [] });
    expect((await as(IT).get(`/drafts/${draft.id}/diff?against=template`)).body.diff.added.map((c: { id: string }) => c.id)).toEqual(['witness']);

    // and approves: one deployment for jiashan with the form and the process that binds it
    const approved = await as(IT).post(`/drafts/${draft.id}/approve`, { comment: '同意：登记见证人' });
    expect(approved.status).toBe(200);
    expect(approved.body.draft).toMatchObject({ kind: 'form', status: 'deployed', deploymentId: approved.body.deployment.id });
    expect(approved.body.deployment.files.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['intake-dispatch.bpmn', 'intake-handle.form', 'triage.dmn']));
    expect(approved.body.deployment.definitions).toContainEqual(expect.objectContaining({ key: 'intake-dispatch', tenantId: DISTRICT }));
    // and every other process jiashan runs that binds the form, so it sees the same version
    expect(approved.body.deployment.definitions).toContainEqual(expect.objectContaining({ key: PROBE_KEY, tenantId: DISTRICT }));

    // A new jiashan intake's 处置 shows the required field; a wuxing one's does not
    const jiashanHandle = await handleTaskOf(DISTRICT, '嘉善县罗星街道亭桥路12号');
    expect(jiashanHandle.form.components).toContainEqual(expect.objectContaining({ key: 'witness', label: '现场见证人', validate: { required: true } }));
    const wuxingHandle = await handleTaskOf(OTHER, '湖州市吴兴区织里镇栋梁路8号');
    expect(wuxingHandle.form.components.map((c) => c.key)).toContain('handlingResult');
    expect(wuxingHandle.form.components.map((c) => c.key)).not.toContain('witness');
  });

  it('a triage table draft changing one rule’s output, approved, changes the suggestion for jiashan’s new intakes only', async () => {
    const created = await as(DESIGNER).post('/drafts', { kind: 'dmn', processKey: 'triage', comment: '违法建设限期二十日' });
    expect(created.status).toBe(201);
    const draft = created.body as DraftView;
    expect(draft).toMatchObject({ kind: 'dmn', processKey: 'triage', problems: [] });
    expect(draft.xml).toMatch(ILLEGAL_CONSTRUCTION_DAYS);

    const changed = draft.xml.replace(ILLEGAL_CONSTRUCTION_DAYS, '$120$2');
    const saved = await put(DESIGNER, `/drafts/${draft.id}`, { xml: changed, comment: '违法建设：办理时限 15 → 20 天' });
    expect(saved.body).toMatchObject({ latestRevision: 2, problems: [] });
    expect((await as(DESIGNER).post(`/drafts/${draft.id}/submit`)).body.status).toBe('submitted');

    const diff = await as(IT).get(`/drafts/${draft.id}/diff?against=deployed`);
    expect(diff.body.kind).toBe('dmn');
    expect(diff.body.diff).toEqual({
      added: [],
      removed: [],
      changed: [
        {
          decisionId: 'triage',
          decisionName: '线索研判分类',
          ruleId: 'TriageIllegalConstruction',
          description: expect.stringContaining('违法建设'),
          changes: [{ column: '办理时限（天）', before: '15', after: '20' }],
        },
      ],
    });

    const approved = await as(IT).post(`/drafts/${draft.id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(approved.body.deployment.definitions).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'decision', key: 'triage', tenantId: DISTRICT }), expect.objectContaining({ kind: 'process', key: 'intake-dispatch', tenantId: DISTRICT })]),
    );
    // The form approved before travels with the process: approving the table did not take it back
    expect(await liveHandleFormKeys(engine)).toContain('witness');

    // The engine's jiashan table says 20 days, wuxing's still 15
    expect((await engine.evaluateDecision('triage', triageInputs, DISTRICT))[0]?.handlingDays).toMatchObject({ value: 20 });
    expect((await engine.evaluateDecision('triage', triageInputs, OTHER))[0]?.handlingDays).toMatchObject({ value: 15 });
    // and so do the suggestions the command centres see
    expect(await triageSuggestionOf(DISTRICT, '嘉善县魏塘街道谈公路20号')).toContain('20天内办结');
    expect(await triageSuggestionOf(OTHER, '湖州市吴兴区织里镇吴兴大道9号')).toContain('15天内办结');
  });

  it('a form revision that is not JSON, or is another form, is refused 422 and nothing is saved', async () => {
    const draft = (await as(DESIGNER).post('/drafts', { kind: 'form', processKey: 'intake-handle', comment: '试一下' })).body as DraftView;
    expect(draft.latestRevision).toBe(1);

    const notJson = await put(DESIGNER, `/drafts/${draft.id}`, { xml: '{ "id": "intake-handle", "components": [', comment: '坏的 JSON' });
    expect(notJson.status).toBe(422);
    expect(notJson.body.code).toBe('DRAFT_HAS_PROBLEMS');
    expect(notJson.body.message).toEqual({ zh: expect.stringContaining('intake-handle'), en: expect.stringContaining('intake-handle') });

    const otherForm = await put(DESIGNER, `/drafts/${draft.id}`, { xml: JSON.stringify({ ...JSON.parse(draft.xml), id: 'intake-triage' }), comment: '换了表单标识' });
    expect(otherForm.status).toBe(422);
    expect(otherForm.body.details).toContainEqual(expect.objectContaining({ zh: expect.stringContaining('intake-triage'), en: expect.stringContaining('intake-triage') }));

    const after = await as(DESIGNER).get(`/drafts/${draft.id}`);
    expect(after.body.latestRevision).toBe(1);
    expect(after.body.revisions).toHaveLength(1);
    expect(JSON.parse(after.body.xml).id).toBe('intake-handle');
  });
});

/** The field keys of the 处置 form in the deployment of jiashan's live intake-dispatch. */
async function liveHandleFormKeys(engine: ReturnType<typeof apiEngineClient>): Promise<string[]> {
  const live = await engine.latestDefinitionFor('intake-dispatch', DISTRICT);
  const form = (await engine.deploymentResources(live!.deploymentId)).find((r) => r.name === 'intake-handle.form');
  const schema = JSON.parse((await engine.deploymentResourceData(live!.deploymentId, form!.id)).toString()) as { components: Array<{ key?: string }> };
  return schema.components.map((c) => c.key).filter((k): k is string => !!k);
}
