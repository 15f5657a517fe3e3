import { Logger } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { CurrentUser } from '../auth/current-user';
import { Deployment, EngineClient, EngineError } from '../engine-client/engine-client';
import { AppError } from '../errors/app-error';
import { repoRoot } from '../repo-root';
import { DeploymentRecord } from './deployment-record.entity';
import { DeploymentsService, IncomingFile, MAX_DEPLOYMENT_BYTES } from './deployments.service';
import { ModelGuard } from './model-guard/model-guard';

const xintangIt: CurrentUser = { username: 'xiaoshan-xintang.district-it', name: '新塘信息科', district: 'xiaoshan-xintang', roles: ['district-it'] };
const xintangOfficer: CurrentUser = { ...xintangIt, username: 'xiaoshan-xintang.officer', roles: ['officer'] };
const xintangDesigner: CurrentUser = { ...xintangIt, username: 'xiaoshan-xintang.designer', roles: ['designer'] };

const shipped = (path: string) => readFileSync(join(repoRoot, 'bpmn', path));
const template = (): IncomingFile => ({ name: 'intake-dispatch.bpmn', content: Buffer.from(shipped('templates/intake-dispatch.bpmn').toString().replace('name="研判"', 'name="研判（新塘）"')) });
const triageForm = (): IncomingFile => ({ name: 'intake-triage.form', content: shipped('forms/intake-triage.form') });
const scriptTask = (): IncomingFile => ({ name: 'script-task.bpmn', content: readFileSync(join(__dirname, 'model-guard', 'fixtures', 'script-task.bpmn')) });
const sharedFiles = () => [
  { name: 'intake-triage.form', content: 'shared triage form' },
  { name: 'triage.dmn', content: 'shared triage table' },
];

const engineDeployment = (id = 'ed-2'): Deployment => ({
  id,
  name: 'xietong-xiaoshan-xintang',
  tenantId: 'xiaoshan-xintang',
  deployedProcessDefinitions: { [`intake-dispatch:7:${id}`]: { id: `intake-dispatch:7:${id}`, key: 'intake-dispatch', version: 7, tenantId: 'xiaoshan-xintang', deploymentId: id, name: null } },
  deployedDecisionDefinitions: { [`triage:3:${id}`]: { id: `triage:3:${id}`, key: 'triage', version: 3, tenantId: 'xiaoshan-xintang' } },
});

const earlier: DeploymentRecord = {
  id: '11111111-1111-4111-8111-111111111111',
  districtId: 'xiaoshan-xintang',
  engineDeploymentId: 'ed-1',
  version: 1,
  comment: '新塘研判',
  files: [],
  definitions: [
    { id: 'intake-dispatch:5:ed-1', kind: 'process', key: 'intake-dispatch', version: 5, tenantId: 'xiaoshan-xintang' },
    { id: 'triage:2:ed-1', kind: 'decision', key: 'triage', version: 2, tenantId: 'xiaoshan-xintang' },
  ],
  deployedBy: 'xiaoshan-xintang.district-it',
  deployedAt: new Date('2026-11-24T09:00:00Z'),
  rollbackOf: null,
};

function setup(options: { records?: DeploymentRecord[]; saveFails?: boolean } = {}) {
  const records = options.records ?? [earlier];
  const engine = {
    deploy: jest.fn(async () => engineDeployment()),
    deleteDeployment: jest.fn(async () => undefined),
    deploymentOfTenant: jest.fn(async (id: string, tenant: string) => (id === 'ed-1' && tenant === 'xiaoshan-xintang' ? { ...engineDeployment('ed-1') } : null)),
    deploymentResources: jest.fn(async () => [
      { id: 'r1', name: 'intake-dispatch.bpmn', deploymentId: 'ed-1' },
      { id: 'r2', name: 'intake-triage.form', deploymentId: 'ed-1' },
    ]),
    deploymentResourceData: jest.fn(async (_: string, resourceId: string) => (resourceId === 'r1' ? template().content : triageForm().content)),
    processDefinitionStatistics: jest.fn(async () => [
      { id: 'intake-dispatch:5:ed-1', instances: 4, definition: { tenantId: 'xiaoshan-xintang' } },
      { id: 'intake-dispatch:1:shared', instances: 9, definition: { tenantId: null } },
    ]),
  };
  const audit = { append: jest.fn(async () => ({})) };
  const saved: DeploymentRecord[] = [];
  const manager = {
    findOne: jest.fn(async () => ({ id: 'xiaoshan-xintang' })),
    maximum: jest.fn(async () => Math.max(0, ...records.map((r) => r.version))),
    create: (_: unknown, fields: DeploymentRecord) => ({ ...fields }),
    save: jest.fn(async (record: DeploymentRecord) => {
      if (options.saveFails) throw new Error('ER_LOCK_WAIT_TIMEOUT');
      saved.push(record);
      return record;
    }),
  };
  const repository = {
    find: jest.fn(async ({ where }: { where: { districtId: string } }) => records.filter((r) => r.districtId === where.districtId)),
    findOneBy: jest.fn(async (where: { id: string; districtId: string }) => records.find((r) => r.id === where.id && r.districtId === where.districtId) ?? null),
  };
  const dataSource = {
    getRepository: (entity: unknown) => (entity === DeploymentRecord ? repository : undefined),
    transaction: jest.fn(async (work: (m: unknown) => Promise<unknown>) => work(manager)),
  };
  const sut = new DeploymentsService(dataSource as unknown as DataSource, engine as unknown as EngineClient, audit as unknown as AuditService, new ModelGuard(), sharedFiles);
  return { sut, engine, audit, manager, saved };
}

describe(DeploymentsService.name, () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  describe('create', () => {
    it('deploys a checked upload to the caller’s own tenant, with the shared files it does not bring, as the district’s next version', async () => {
      const { sut, engine, audit, manager, saved } = setup();

      const outcome = await sut.create(xintangIt, [template(), triageForm()], { comment: '新塘研判改名' });

      expect(engine.deploy).toHaveBeenCalledWith('xietong-upload-xiaoshan-xintang', expect.any(Array), { tenantId: 'xiaoshan-xintang', source: 'xietong-api', skipIfUnchanged: false });
      const deployedNames = (engine.deploy.mock.calls[0] as unknown as [string, IncomingFile[]])[1].map((f) => f.name);
      expect(deployedNames).toEqual(['intake-dispatch.bpmn', 'intake-triage.form', 'triage.dmn']);
      expect(outcome).toEqual({
        valid: true,
        deployment: expect.objectContaining({
          version: 2,
          comment: '新塘研判改名',
          rollbackOf: null,
          definitions: [
            { key: 'intake-dispatch', version: 7, tenantId: 'xiaoshan-xintang', kind: 'process', runningInstances: 0 },
            { key: 'triage', version: 3, tenantId: 'xiaoshan-xintang', kind: 'decision', runningInstances: null },
          ],
        }),
      });
      expect(saved).toHaveLength(1);
      expect(saved[0]).toMatchObject({ districtId: 'xiaoshan-xintang', engineDeploymentId: 'ed-2', deployedBy: 'xiaoshan-xintang.district-it' });
      expect(saved[0].files.map((f) => f.sha256)).toEqual(expect.arrayContaining([expect.stringMatching(/^[0-9a-f]{64}$/)]));
      expect(audit.append).toHaveBeenCalledWith(manager, expect.objectContaining({ action: 'deployment.create', districtId: 'xiaoshan-xintang', subjectType: 'deployment', subjectId: saved[0].id }));
    });

    it('refuses a file with a script task with the file and element named, and nothing reaches the engine', async () => {
      const { sut, engine, saved } = setup();

      const outcome = await sut.create(xintangIt, [template(), scriptTask()], { comment: '带脚本' });

      expect(outcome.valid).toBe(false);
      expect(!outcome.valid && outcome.problems).toContainEqual(expect.objectContaining({ file: 'script-task.bpmn', elementId: 'Step', rule: 'no-script' }));
      expect(engine.deploy).not.toHaveBeenCalled();
      expect(saved).toEqual([]);
    });

    it('refuses an upload whose files together exceed the deployment limit, before any file is parsed', async () => {
      const { sut, engine } = setup();
      const big = (n: number): IncomingFile => ({ name: `big-${n}.form`, content: Buffer.alloc(MAX_DEPLOYMENT_BYTES / 4 + 1, ' ') });
      const outcome = await sut.create(xintangIt, [1, 2, 3, 4].map(big), { comment: '太大' });
      expect(!outcome.valid && outcome.problems).toEqual([expect.objectContaining({ file: null, rule: 'file-too-large' })]);
      expect(engine.deploy).not.toHaveBeenCalled();
    });

    it('refuses a form that is not form-js JSON', async () => {
      const { sut, engine } = setup();
      const outcome = await sut.create(xintangIt, [template(), { name: 'intake-triage.form', content: Buffer.from('<form/>') }], { comment: '坏表单' });
      expect(!outcome.valid && outcome.problems).toEqual([expect.objectContaining({ file: 'intake-triage.form', rule: 'unparsed-content' })]);
      expect(engine.deploy).not.toHaveBeenCalled();
    });

    it('refuses a request that names a tenant, a missing comment, no files and a path in a file name: 400 with each field', async () => {
      const { sut, engine } = setup();
      const error = (await sut.create(xintangIt, [{ ...template(), name: '../intake-dispatch.bpmn' }], { tenantId: 'wucheng', comment: '  ' }).catch((e: AppError) => e)) as AppError;
      expect(error).toBeInstanceOf(AppError);
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details.map((d) => d.field)).toEqual(['tenantId', 'comment', 'file']);
      await expect(sut.create(xintangIt, [], { comment: '空' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'file' })] });
      expect(engine.deploy).not.toHaveBeenCalled();
    });

    it('refuses anyone but district IT before reading the upload', async () => {
      const { sut, engine } = setup();
      await expect(sut.create(xintangOfficer, [template()], { comment: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(sut.create(xintangDesigner, [template()], { comment: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(engine.deploy).not.toHaveBeenCalled();
    });

    it('takes the engine deployment away again when its record cannot be written', async () => {
      const { sut, engine } = setup({ saveFails: true });
      await expect(sut.create(xintangIt, [template()], { comment: '数据库故障' })).rejects.toThrow('ER_LOCK_WAIT_TIMEOUT');
      expect(engine.deleteDeployment).toHaveBeenCalledWith('ed-2');
    });

    it('answers an engine refusal as a problem of the upload and records nothing', async () => {
      const { sut, engine, saved } = setup();
      engine.deploy.mockRejectedValueOnce(new EngineError(400, 'ParseException', 'ENGINE-09005 Could not parse BPMN process'));
      const outcome = await sut.create(xintangIt, [template()], { comment: '引擎拒绝' });
      expect(!outcome.valid && outcome.problems).toEqual([expect.objectContaining({ file: null, message: expect.objectContaining({ en: expect.stringContaining('ENGINE-09005') }) })]);
      expect(saved).toEqual([]);
    });
  });

  describe('list', () => {
    it('shows the district’s versions with running instances of its own definitions only', async () => {
      const other = { ...earlier, id: '22222222-2222-4222-8222-222222222222', districtId: 'wucheng' };
      const { sut } = setup({ records: [earlier, other] });
      const views = await sut.list(xintangDesigner);
      expect(views.map((v) => v.id)).toEqual([earlier.id]);
      expect(views[0].definitions).toEqual([
        { key: 'intake-dispatch', version: 5, tenantId: 'xiaoshan-xintang', kind: 'process', runningInstances: 4 },
        { key: 'triage', version: 2, tenantId: 'xiaoshan-xintang', kind: 'decision', runningInstances: null },
      ]);
    });

    it('still lists the versions when the engine cannot count', async () => {
      const { sut, engine } = setup();
      engine.processDefinitionStatistics.mockRejectedValueOnce(new Error('ECONNREFUSED'));
      expect((await sut.list(xintangIt))[0].definitions[0].runningInstances).toBeNull();
    });

    it('is not for officers', async () => {
      await expect(setup().sut.list(xintangOfficer)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  describe('rollback', () => {
    it('deploys again the files the engine holds for that version, audited as a rollback', async () => {
      const { sut, engine, audit, manager, saved } = setup();

      const outcome = await sut.rollback(xintangIt, earlier.id);

      expect(engine.deploymentOfTenant).toHaveBeenCalledWith('ed-1', 'xiaoshan-xintang');
      const files = (engine.deploy.mock.calls[0] as unknown as [string, IncomingFile[], { tenantId: string }])[1];
      expect(files.map((f) => f.name)).toEqual(['intake-dispatch.bpmn', 'intake-triage.form']);
      expect(files[0].content.toString()).toContain('研判（新塘）');
      expect(outcome).toEqual({ valid: true, deployment: expect.objectContaining({ version: 2, comment: '回滚到版本 1', rollbackOf: earlier.id }) });
      expect(saved[0].rollbackOf).toBe(earlier.id);
      expect(audit.append).toHaveBeenCalledWith(manager, expect.objectContaining({ action: 'deployment.rollback', before: { deploymentId: earlier.id, version: 1 } }));
    });

    it('answers another district’s deployment exactly like an unknown one, and deploys nothing', async () => {
      const wuchengIt: CurrentUser = { ...xintangIt, username: 'wucheng.district-it', district: 'wucheng' };
      const { sut, engine } = setup();
      const other = await sut.rollback(wuchengIt, earlier.id).catch((e: AppError) => e.toBody());
      const unknown = await sut.rollback(wuchengIt, '33333333-3333-4333-8333-333333333333').catch((e: AppError) => e.toBody());
      const malformed = await sut.rollback(wuchengIt, 'ed-1').catch((e: AppError) => e.toBody());
      expect(other).toEqual(unknown);
      expect(malformed).toEqual(unknown);
      expect(other).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
      expect(engine.deploymentOfTenant).not.toHaveBeenCalled();
      expect(engine.deploy).not.toHaveBeenCalled();
    });
  });
});
