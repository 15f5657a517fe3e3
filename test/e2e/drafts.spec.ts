import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import type { DraftView } from '../../src/drafts/draft-view';
import type { MigrationPlanView, MigrationProgressView } from '../../src/instance-migration/instance-migration-view';
import { apiEngineClient, openDatabase } from '../support/backend';
import { as, callApi, eventually, tokenFor } from '../support/api';
import { nextTemplate, PROBE_KEY, probeTemplate, uploadModels, withReviewTask } from '../support/review-probe';

/**
 * Wuxing customises the review-probe process (user tasks only, no workers): no other spec deploys it there,
 * and the spec ends by putting the plain template back live for the district.
 */
const DISTRICT = 'wuxing';
const DESIGNER = `${DISTRICT}.designer`;
const IT = `${DISTRICT}.district-it`;
const PROVINCE = `${DISTRICT}.province-admin`;

const root = join(__dirname, '..', '..');
const scriptTask = readFileSync(join(root, 'src', 'deployments', 'model-guard', 'fixtures', 'script-task.bpmn'), 'utf8').replace('id="fixture"', `id="${PROBE_KEY}"`);
/** The variant whose 核查 step got a new id: instances waiting in 核查 have nowhere to go. */
const withoutCheck = (xml: string) => xml.replace(/"Check"/g, '"Inspect"').replace('name="核查"', 'name="现场核查"');

const put = async (username: string, path: string, body: unknown) => callApi('PUT', path, { token: await tokenFor(username), body });

describe('drafts, review, diff and migration (为本区定制) through the API', () => {
  const engine = apiEngineClient();
  const started: string[] = [];
  const batches: string[] = [];
  let draft: DraftView;
  let approvedDeploymentId: string;
  let oldDefinitionId: string;
  let instanceId: string;

  beforeAll(async () => {
    // The province ships the probe template (a new shared version each run)
    const template = await uploadModels('/templates', PROVINCE, [{ name: `${PROBE_KEY}.bpmn`, content: probeTemplate }], '测试：审核流程模板');
    expect(template.status).toBe(201);
    expect(template.body.definitions).toContainEqual(expect.objectContaining({ key: PROBE_KEY, tenantId: null }));
    // and the district runs the plain template as its own variant, so every run starts from the same place.
    expect((await uploadModels('/deployments', IT, [{ name: `${PROBE_KEY}.bpmn`, content: probeTemplate }], '测试：以模板为本区版本')).status).toBe(201);
  });

  afterAll(async () => {
    for (const batch of batches) await engine.deleteBatch(batch).catch(() => undefined);
    for (const id of started) await engine.deleteProcessInstance(id).catch(() => undefined);
    expect((await uploadModels('/deployments', IT, [{ name: `${PROBE_KEY}.bpmn`, content: probeTemplate }], '恢复模板（测试结束）')).status).toBe(201);
  });

  it('only the province deploys templates: district IT gets 403', async () => {
    const response = await uploadModels('/templates', IT, [{ name: `${PROBE_KEY}.bpmn`, content: probeTemplate }], '越权');
    expect(response.status).toBe(403);
  });

  it('a designer opens a draft from the district’s deployed version: 201 with its first revision, nothing deployed', async () => {
    const before = await engine.latestDefinitionFor(PROBE_KEY, DISTRICT);
    const response = await as(DESIGNER).post('/drafts', { processKey: PROBE_KEY, comment: '为本区定制：增加复核' });

    expect(response.status).toBe(201);
    draft = response.body;
    expect(draft).toMatchObject({ processKey: PROBE_KEY, status: 'draft', sourceKind: 'variant', latestRevision: 1, createdBy: DESIGNER, problems: [] });
    expect(draft.revisions).toEqual([expect.objectContaining({ revision: 1, author: DESIGNER, comment: '为本区定制：增加复核' })]);
    expect(draft.xml).toContain('id="Check"');
    expect((await engine.latestDefinitionFor(PROBE_KEY, DISTRICT))?.id).toBe(before?.id);
  });

  it('a draft for an unknown process is refused with a stable code', async () => {
    const response = await as(DESIGNER).post('/drafts', { processKey: `no-such-${randomUUID().slice(0, 8)}` });
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('PROCESS_NOT_DEPLOYED');
  });

  it('saving a revision with a script task keeps it with the guard’s problems, and submitting it is refused 422', async () => {
    const saved = await put(DESIGNER, `/drafts/${draft.id}`, { xml: scriptTask, comment: '试一下脚本' });
    expect(saved.status).toBe(200);
    expect(saved.body.latestRevision).toBe(2);
    expect(saved.body.problems).toContainEqual(expect.objectContaining({ rule: 'no-script', elementId: 'Step' }));

    const submitted = await as(DESIGNER).post(`/drafts/${draft.id}/submit`);
    expect(submitted.status).toBe(422);
    expect(submitted.body.code).toBe('DRAFT_HAS_PROBLEMS');
    expect(submitted.body.details).toContainEqual(expect.objectContaining({ field: 'Step' }));
  });

  it('the designer saves the customised model and submits it for review', async () => {
    const saved = await put(DESIGNER, `/drafts/${draft.id}`, { xml: withReviewTask(probeTemplate), comment: '核查后增加复核' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ latestRevision: 3, problems: [] });
    expect(saved.body.revisions.map((r: { revision: number }) => r.revision)).toEqual([3, 2, 1]);

    const submitted = await as(DESIGNER).post(`/drafts/${draft.id}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');
    // A submitted draft is frozen
    expect((await put(DESIGNER, `/drafts/${draft.id}`, { xml: probeTemplate, comment: '改回去' })).status).toBe(409);
  });

  it('district IT of another district sees nothing of it: 404 exactly like an unknown draft', async () => {
    const other = await as('jiashan.district-it').get(`/drafts/${draft.id}`);
    const unknown = await as('jiashan.district-it').get(`/drafts/${randomUUID()}`);
    expect(other.status).toBe(404);
    expect(other.body).toEqual(unknown.body);
    expect((await as('jiashan.district-it').post(`/drafts/${draft.id}/approve`, {})).status).toBe(404);
    expect((await as('jiashan.district-it').get('/drafts')).body.map((d: { id: string }) => d.id)).not.toContain(draft.id);
  });

  it('the diff against the template lists the added task and the rewired flow', async () => {
    const response = await as(IT).get(`/drafts/${draft.id}/diff?against=template`);
    expect(response.status).toBe(200);
    expect(response.body.base.kind).toBe('template');
    expect(response.body.diff.added).toContainEqual({ id: 'Review', type: 'bpmn:UserTask', name: '复核' });
    expect(response.body.diff.changed).toContainEqual(expect.objectContaining({ id: 'Flow_ToClose', changes: [{ property: 'sourceRef', before: 'Check', after: 'Review' }] }));
    expect(response.body.problems).toEqual([]);

    const againstRevision = await as(IT).get(`/drafts/${draft.id}/diff?against=revision:1`);
    expect(againstRevision.body.diff.added.map((e: { id: string }) => e.id)).toContain('Review');
    expect((await as(IT).get(`/drafts/${draft.id}/diff?against=bogus`)).status).toBe(400);
  });

  it('only district IT reviews: the designer may not approve (403); returning needs a comment (400)', async () => {
    expect((await as(DESIGNER).post(`/drafts/${draft.id}/approve`, {})).status).toBe(403);
    const noComment = await as(IT).post(`/drafts/${draft.id}/return`, {});
    expect(noComment.status).toBe(400);
    expect(noComment.body.details).toContainEqual(expect.objectContaining({ field: 'comment' }));
  });

  it('district IT returns it with a comment, the designer revises and resubmits', async () => {
    const returned = await as(IT).post(`/drafts/${draft.id}/return`, { comment: '请写明复核的依据' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', reviewComment: '请写明复核的依据', reviewedBy: IT });
    expect((await as(IT).post(`/drafts/${draft.id}/approve`, {})).body.code).toBe('DRAFT_NOT_SUBMITTED');

    const saved = await put(DESIGNER, `/drafts/${draft.id}`, { xml: withReviewTask(probeTemplate), comment: '依据：本区复核制度' });
    expect(saved.body.latestRevision).toBe(4);
    expect((await as(DESIGNER).post(`/drafts/${draft.id}/submit`)).body.status).toBe('submitted');
  });

  it('an instance runs on the current version while the draft waits', async () => {
    const current = await engine.latestDefinitionFor(PROBE_KEY, DISTRICT);
    oldDefinitionId = current!.id;
    const started1 = await engine.startProcess(oldDefinitionId, `probe-${randomUUID()}`, { districtId: { value: DISTRICT, type: 'String' }, title: { value: '审核测试', type: 'String' } });
    instanceId = started1.id;
    started.push(instanceId);
    const tree = await engine.activityInstances(instanceId);
    expect(tree?.childActivityInstances.map((a) => a.activityId)).toEqual(['Check']);
  });

  it('district IT approves: deployed for its own district, draft marked deployed, every step audited', async () => {
    const response = await as(IT).post(`/drafts/${draft.id}/approve`, { comment: '同意：增加复核' });

    expect(response.status).toBe(200);
    expect(response.body.draft).toMatchObject({ status: 'deployed', reviewedBy: IT, deploymentId: response.body.deployment.id });
    expect(response.body.deployment.definitions).toContainEqual(expect.objectContaining({ key: PROBE_KEY, tenantId: DISTRICT }));
    approvedDeploymentId = response.body.deployment.id;
    const live = await engine.latestDefinitionFor(PROBE_KEY, DISTRICT);
    expect(live?.tenantId).toBe(DISTRICT);
    expect(await engine.definitionXml(live!.id)).toContain('id="Review"');
    // approving twice deploys nothing more
    expect((await as(IT).post(`/drafts/${draft.id}/approve`, {})).status).toBe(409);

    const db = await openDatabase();
    try {
      const rows = await db.getRepository(AuditEntry).find({ where: { districtId: DISTRICT, subjectId: draft.id }, order: { id: 'ASC' } });
      expect(rows.map((r) => r.action)).toEqual(['draft.create', 'draft.save', 'draft.save', 'draft.submit', 'draft.return', 'draft.save', 'draft.submit', 'draft.approve']);
    } finally {
      await db.destroy();
    }
  });

  it('the deployment’s diff against the template lists the added task', async () => {
    const response = await as(IT).get(`/deployments/${approvedDeploymentId}/diff?against=template`);
    expect(response.status).toBe(200);
    expect(response.body.diff.added.map((e: { id: string }) => e.id)).toContain('Review');
  });

  it('the migration plan maps the waiting instance’s step, and the batch moves it to the new version', async () => {
    const plan = await as(IT).get<MigrationPlanView>(`/deployments/${approvedDeploymentId}/migration-plan`);
    expect(plan.status).toBe(200);
    const source = plan.body.sources.find((s) => s.sourceDefinitionId === oldDefinitionId);
    expect(source).toBeDefined();
    expect(source!.instances).toBeGreaterThanOrEqual(1);
    expect(source!.mapped).toContainEqual(expect.objectContaining({ source: ['Check'], target: ['Check'] }));
    expect(source!.unmapped).toEqual([]);

    const started2 = await as(IT).post(`/deployments/${approvedDeploymentId}/migrate`, { sourceDefinitionId: oldDefinitionId });
    expect(started2.status).toBe(202);
    batches.push(started2.body.batchId);

    const done = await eventually(async () => {
      const progress = await as(IT).get<MigrationProgressView>(`/migrations/${started2.body.batchId}`);
      return progress.body.status === 'completed' ? progress.body : null;
    }, 'the migration batch to complete', 60_000);
    expect(done).toMatchObject({ failed: [], migrated: done.total });
    expect((await engine.historicProcessInstance(instanceId)).processDefinitionId).toBe(plan.body.targetDefinitionId);
    // and another district cannot follow the batch
    expect((await as('jiashan.district-it').get(`/migrations/${started2.body.batchId}`)).status).toBe(404);
  });

  it('a version without the waiting step: the plan reports the unmapped step, and the batch names the instance that failed and why', async () => {
    const second = (await as(DESIGNER).post('/drafts', { processKey: PROBE_KEY, comment: '核查改为现场核查' })).body as DraftView;
    expect(second.xml).toContain('id="Review"');
    expect((await put(DESIGNER, `/drafts/${second.id}`, { xml: withoutCheck(second.xml), comment: '现场核查' })).body.problems).toEqual([]);
    expect((await as(DESIGNER).post(`/drafts/${second.id}/submit`)).status).toBe(200);
    const approved = await as(IT).post(`/drafts/${second.id}/approve`, {});
    expect(approved.status).toBe(200);
    const deploymentId = approved.body.deployment.id;

    const plan = await as(IT).get<MigrationPlanView>(`/deployments/${deploymentId}/migration-plan`);
    const source = plan.body.sources.find((s) => s.unmapped.some((a) => a.activityId === 'Check'));
    expect(source?.unmapped).toContainEqual({ activityId: 'Check', activityName: '核查', instances: expect.any(Number) });

    const started3 = await as(IT).post(`/deployments/${deploymentId}/migrate`, { sourceDefinitionId: source!.sourceDefinitionId });
    expect(started3.status).toBe(202);
    batches.push(started3.body.batchId);
    const failed = await eventually(async () => {
      const progress = await as(IT).get<MigrationProgressView>(`/migrations/${started3.body.batchId}`);
      return progress.body.failed.find((f) => f.processInstanceId === instanceId);
    }, 'the failed migration job of the instance', 60_000);
    expect(failed.message).toMatch(/Check/);
    expect((await engine.historicProcessInstance(instanceId)).processDefinitionId).toBe(source!.sourceDefinitionId);
  });

  it('a migration to an unknown source version is refused 400, and nothing runs', async () => {
    const response = await as(IT).post(`/deployments/${approvedDeploymentId}/migrate`, { sourceDefinitionId: 'intake-dispatch:1:nope' });
    expect(response.status).toBe(400);
  });

  it('a new template version shows as 模板有更新 with its diff, and a draft can take the update', async () => {
    const next = nextTemplate(probeTemplate);
    expect(next).toContain('id="Archive_di"');
    expect(next).toContain('id="Flow_ArchiveToEnd_di"');
    expect((await uploadModels('/templates', PROVINCE, [{ name: `${PROBE_KEY}.bpmn`, content: next }], '测试：模板更新')).status).toBe(201);

    const updates = await as(DESIGNER).get('/template-updates');
    expect(updates.status).toBe(200);
    const update = updates.body.find((u: { processKey: string }) => u.processKey === PROBE_KEY);
    expect(update.diff.changed).toContainEqual(expect.objectContaining({ id: 'Close', changes: [{ property: 'name', before: '结案', after: '结案归档' }] }));
    expect(update.latest.version).toBeGreaterThan(update.basedOn.version);

    const taking = await as(DESIGNER).post('/drafts', { processKey: PROBE_KEY, fromTemplateUpdate: true });
    expect(taking.status).toBe(201);
    expect(taking.body).toMatchObject({ sourceKind: 'template', fromTemplateUpdate: true });
    // The update is merged into the district's live version: its 复核 and 现场核查 stay, the template's 归档 and new name arrive
    const taken = taking.body as DraftView;
    expect(taken.xml).toContain('结案归档');
    expect(taken.xml).toContain('id="Archive"');
    expect(taken.xml).toContain('id="Review"');
    expect(taken.xml).toContain('name="现场核查"');
    expect(taken.xml).toMatch(/<bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Close" targetRef="Archive"/);
    expect(taken.problems).toEqual([]);
    // The template renamed 核查, which the district had replaced by 现场核查: a conflict, kept the district's way
    expect(taken.mergeConflicts).toEqual([{ elementId: 'Check', kind: 'changed-but-removed', zh: expect.stringContaining('核查'), en: expect.stringContaining('Check') }]);
    expect(taken.revisions).toHaveLength(1);
    expect(taken.revisions[0].comment).toMatch(/^合并模板第 \d+ 版：4 处更新，1 处冲突$/);
    expect((await as(DESIGNER).get(`/drafts/${taken.id}`)).body.mergeConflicts).toEqual(taken.mergeConflicts);
    const againstLive = await as(DESIGNER).get(`/drafts/${taken.id}/diff?against=deployed`);
    expect(againstLive.body.diff.added.map((e: { id: string }) => e.id).sort()).toEqual(['Archive', 'Flow_ArchiveToEnd']);
    const after = (await as(DESIGNER).get('/template-updates')).body.find((u: { processKey: string }) => u.processKey === PROBE_KEY);
    expect(after.draftId).toBe(taking.body.id);
    // A district without a variant of the key is not told about it
    expect((await as('linan.designer').get('/template-updates')).body.map((u: { processKey: string }) => u.processKey)).not.toContain(PROBE_KEY);
  });
});
