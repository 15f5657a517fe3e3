import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_MODEL_BYTES } from '../../src/deployments/model-guard/raw-document';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { apiEngineClient, openDatabase } from '../support/backend';
import { ApiResponse, as, createIntakeAs, taskInList, tokenFor, urls } from '../support/api';

/**
 * Xiaoshan-Xintang deploys its own variants here; the spec ends by putting the district's shipped variant back
 * live, so the district-practices spec that drives it finds what the district ships.
 */
const DISTRICT = 'xiaoshan-xintang';
const IT = `${DISTRICT}.district-it`;

const root = join(__dirname, '..', '..');
const template = readFileSync(join(root, 'bpmn', 'templates', 'intake-dispatch.bpmn')).toString();
const forms = readdirSync(join(root, 'bpmn', 'forms'))
  .filter((name) => name.endsWith('.form'))
  .map((name) => ({ name, content: readFileSync(join(root, 'bpmn', 'forms', name)) }));

interface UploadFile {
  name: string;
  content: string | Buffer;
}

const variant = (triageName: string): UploadFile => ({ name: 'intake-dispatch.bpmn', content: template.replace('name="研判"', `name="${triageName}"`) });

/** POST /api/deployments as a multipart form, the way the modeler's upload sends it. */
async function upload(username: string, files: UploadFile[], fields: Record<string, string>): Promise<ApiResponse> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) form.append('file', new Blob([file.content]), file.name);
  const response = await fetch(`${urls.app}/api/deployments`, { method: 'POST', headers: { authorization: `Bearer ${await tokenFor(username)}` }, body: form });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const deploymentsOf = async (username: string): Promise<Array<{ id: string; version: number; comment: string; rollbackOf: string | null; definitions: any[] }>> => {
  const response = await as(username).get('/deployments');
  expect(response.status).toBe(200);
  return response.body;
};

async function triageOfNewIntake(district: string): Promise<{ name: string; businessKey: string }> {
  const { businessKey } = await createIntakeAs(`${district}.officer`, { address: `${district} 测试地址` });
  const task = await taskInList(`${district}.command-center`, businessKey, 'Triage');
  return { name: (task as unknown as { name: string }).name, businessKey };
}

describe('district deployments (部署管理) through the API', () => {
  let first: { id: string; version: number; definitions: Array<{ key: string; version: number; tenantId: string }> };

  afterAll(async () => {
    // Leave the district running what it ships (its own 先统后分 variant), which other specs drive.
    const shipped = readFileSync(join(root, 'bpmn', 'districts', DISTRICT, 'intake-dispatch.bpmn'));
    const restored = await upload(IT, [{ name: 'intake-dispatch.bpmn', content: shipped }, ...forms], { comment: '恢复本区变体（测试结束）' });
    expect(restored.status).toBe(201);
  });

  it('an officer may not deploy: 403', async () => {
    const response = await upload(`${DISTRICT}.officer`, [variant('研判（新塘）'), ...forms], { comment: '越权' });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe('FORBIDDEN');
  });

  it('a deployment without a comment is refused: 400 naming the comment', async () => {
    const response = await upload(IT, [variant('研判（新塘）'), ...forms], {});
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'comment' })] });
  });

  it('a deployment that names another district as tenant is refused: 400, the tenant is never the caller’s choice', async () => {
    const response = await upload(IT, [variant('研判（婺城）'), ...forms], { comment: '冒充婺城', 'tenant-id': 'wucheng' });
    expect(response.status).toBe(400);
    expect(response.body.details).toEqual([expect.objectContaining({ field: 'tenant-id' })]);
  });

  it('a file with a script task answers 422 naming file and element, and nothing is deployed', async () => {
    const before = (await deploymentsOf(IT)).length;
    const key = `script-probe-${randomUUID().slice(0, 8)}`;
    const script = readFileSync(join(root, 'src', 'deployments', 'model-guard', 'fixtures', 'script-task.bpmn')).toString().replace('id="fixture"', `id="${key}"`);

    const response = await upload(IT, [{ name: 'probe.bpmn', content: script }, ...forms], { comment: '带脚本任务' });

    expect(response.status).toBe(422);
    expect(response.body.valid).toBe(false);
    expect(response.body.problems).toContainEqual(expect.objectContaining({ file: 'probe.bpmn', elementId: 'Step', rule: 'no-script' }));
    expect(await deploymentsOf(IT)).toHaveLength(before);
    expect(await apiEngineClient().latestDefinitionFor(key, DISTRICT)).toBeNull();
  });

  it('a file over the size limit answers 422 file-too-large', async () => {
    const response = await upload(IT, [{ name: 'huge.bpmn', content: Buffer.alloc(MAX_MODEL_BYTES + 1024, ' ') }], { comment: '超大文件' });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({ valid: false, problems: [expect.objectContaining({ rule: 'file-too-large' })] });
  });

  it('district IT deploys a variant with its forms: 201, deployed for its own district', async () => {
    const response = await upload(IT, [variant('研判（新塘）'), ...forms], { comment: '新塘：研判改名' });

    expect(response.status).toBe(201);
    expect(response.body).toEqual(expect.objectContaining({ id: expect.any(String), version: expect.any(Number) }));
    expect(response.body.definitions).toContainEqual(expect.objectContaining({ key: 'intake-dispatch', version: expect.any(Number), tenantId: DISTRICT }));
    first = response.body;
  });

  it('a new intake of the district runs the variant, with the variant’s forms, while a wuxing intake runs the shared template', async () => {
    const xintang = await triageOfNewIntake(DISTRICT);
    const wuxing = await triageOfNewIntake('wuxing');

    expect(xintang.name).toBe('研判（新塘）');
    expect(wuxing.name).toBe('研判');
    const [task] = (await as(`${DISTRICT}.command-center`).get('/tasks')).body.filter((t: { businessKey: string }) => t.businessKey === xintang.businessKey);
    const detail = await as(`${DISTRICT}.command-center`).get(`/tasks/${task.id}`);
    expect(detail.body.form.components.map((c: { key?: string }) => c.key).filter(Boolean)).toEqual([
      'triageSuggestion',
      'duplicateOf',
      'triageLevel',
      'handlingMode',
      'handlingDays',
      'urgent',
      'triageComment',
    ]);
  });

  it('the deployment list shows the version, newest first, with its running instances, to its own district only', async () => {
    const listed = await deploymentsOf(IT);
    const versions = listed.map((d) => d.version);
    expect(versions).toEqual([...versions].sort((a, b) => b - a));
    const mine = listed.find((d) => d.id === first.id);
    expect(mine).toMatchObject({ version: first.version, comment: '新塘：研判改名', rollbackOf: null });
    expect(mine?.definitions.find((d) => d.key === 'intake-dispatch').runningInstances).toBeGreaterThanOrEqual(1);

    expect((await deploymentsOf('wucheng.district-it')).map((d) => d.id)).not.toContain(first.id);
  });

  it('the deployment is audited with its files and their hashes', async () => {
    const db = await openDatabase();
    try {
      const rows = await db.getRepository(AuditEntry).findBy({ districtId: DISTRICT, subjectId: first.id });
      expect(rows).toEqual([expect.objectContaining({ action: 'deployment.create', actor: IT, subjectType: 'deployment' })]);
      expect(rows[0].after?.files).toContainEqual({ name: 'intake-dispatch.bpmn', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    } finally {
      await db.destroy();
    }
  });

  it('rolling back to the first version deploys its files again as the next version, and new intakes use it', async () => {
    const second = await upload(IT, [variant('研判（新塘二版）'), ...forms], { comment: '新塘：第二版' });
    expect(second.status).toBe(201);
    expect((await triageOfNewIntake(DISTRICT)).name).toBe('研判（新塘二版）');

    const rollback = await as(IT).post(`/deployments/${first.id}/rollback`);

    expect(rollback.status).toBe(201);
    expect(rollback.body.version).toBe(second.body.version + 1);
    const [listedRollback] = await deploymentsOf(IT);
    expect(listedRollback).toMatchObject({ id: rollback.body.id, comment: `回滚到版本 ${first.version}`, rollbackOf: first.id });
    const repeated = rollback.body.definitions.find((d: { key: string }) => d.key === 'intake-dispatch');
    expect(repeated).toMatchObject({ tenantId: DISTRICT });

    const again = await triageOfNewIntake(DISTRICT);
    expect(again.name).toBe('研判（新塘）');
    const kase = await as(`${DISTRICT}.officer`).get(`/cases/${again.businessKey}`);
    expect(kase.body.processDefinitionId).toMatch(new RegExp(`^intake-dispatch:${repeated.version}:`));
  });

  it('another district’s deployment cannot be rolled back: 404 exactly like an unknown one', async () => {
    const other = await as('wucheng.district-it').post(`/deployments/${first.id}/rollback`);
    const unknown = await as('wucheng.district-it').post(`/deployments/${randomUUID()}/rollback`);
    expect(other.status).toBe(404);
    expect(other.body).toEqual(unknown.body);
  });
});
