import type { DataSource } from 'typeorm';
import { AuditEntry } from '../audit/audit-entry.entity';
import type { AuditService } from '../audit/audit.service';
import type { CurrentUser } from '../auth/current-user';
import { EngineClient, EngineError, Incident } from '../engine-client/engine-client';
import { AppError } from '../errors/app-error';
import { Intake } from '../intakes/intake.entity';
import { IncidentsService } from './incidents.service';

const jiashanIt: CurrentUser = { username: 'jiashan.district-it', name: '嘉善信息科', district: 'jiashan', roles: ['district-it'] };
const jiashanOfficer: CurrentUser = { ...jiashanIt, username: 'jiashan.officer', roles: ['officer'] };

const incident = (overrides: Partial<Incident> = {}): Incident => ({
  id: 'inc-1',
  incidentType: 'failedExternalTask',
  incidentMessage: 'intake bk-1 of jiashan does not exist',
  activityId: 'Register',
  processInstanceId: 'pi-1',
  tenantId: 'jiashan',
  configuration: 'ext-1',
  incidentTimestamp: '2026-11-24T09:00:00.000+0000',
  processDefinitionId: 'intake-dispatch:1:x',
  ...overrides,
});

const intake = { businessKey: 'bk-1', caseNumber: null, title: '商铺门前占道经营', processInstanceId: 'pi-1', districtId: 'jiashan' } as Intake;

function setup(options: { incidents?: Incident[]; intakes?: Intake[]; retries?: Partial<AuditEntry>[] } = {}) {
  const incidents = options.incidents ?? [incident()];
  const engine = {
    incidentsOfDistrict: jest.fn(async (district: string) => incidents.filter((i) => i.tenantId === district)),
    incidentOfDistrict: jest.fn(async (id: string, district: string) => incidents.find((i) => i.id === id && i.tenantId === district) ?? null),
    activityInstances: jest.fn(async () => ({
      id: 'pi-1',
      activityId: 'intake-dispatch',
      activityName: null,
      activityType: 'processDefinition',
      childActivityInstances: [{ id: 'ai-1', activityId: 'Register', activityName: '受理登记', activityType: 'serviceTask', childActivityInstances: [] }],
    })),
    setExternalTaskRetries: jest.fn(async () => undefined),
    setJobRetries: jest.fn(async () => undefined),
  };
  const audit = { append: jest.fn(async () => ({})) };
  const manager = {};
  const repositories = new Map<unknown, unknown>([
    [Intake, { findBy: jest.fn(async () => options.intakes ?? [intake]) }],
    [AuditEntry, { find: jest.fn(async () => options.retries ?? []) }],
  ]);
  const dataSource = {
    getRepository: (entity: unknown) => repositories.get(entity),
    transaction: jest.fn(async (work: (m: unknown) => Promise<unknown>) => work(manager)),
  };
  const sut = new IncidentsService(dataSource as unknown as DataSource, engine as unknown as EngineClient, audit as unknown as AuditService);
  return { sut, engine, audit, dataSource, manager };
}

describe(IncidentsService.name, () => {
  it('lists the district’s incidents with step name, case and the history of manual retries', async () => {
    const { sut, engine } = setup({ retries: [{ subjectId: 'bk-1', actor: 'jiashan.district-it', at: new Date('2026-11-24T09:05:00Z'), before: { step: 'Register' } }] });
    const views = await sut.list(jiashanIt);
    expect(engine.incidentsOfDistrict).toHaveBeenCalledWith('jiashan');
    expect(views).toEqual([
      {
        id: 'inc-1',
        type: 'failedExternalTask',
        message: 'intake bk-1 of jiashan does not exist',
        step: { activityId: 'Register', name: '受理登记' },
        case: { businessKey: 'bk-1', caseNumber: null, title: '商铺门前占道经营' },
        createdAt: '2026-11-24T09:00:00.000+0000',
        retries: [{ at: '2026-11-24T09:05:00.000Z', actor: 'jiashan.district-it' }],
      },
    ]);
  });

  it('shows an incident whose process has no intake row with no case', async () => {
    const { sut } = setup({ intakes: [] });
    expect((await sut.list(jiashanIt))[0].case).toBeNull();
  });

  it('refuses anyone but district IT with FORBIDDEN, before asking the engine', async () => {
    const { sut, engine } = setup();
    await expect(sut.list(jiashanOfficer)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(sut.retry(jiashanOfficer, 'inc-1')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(engine.incidentsOfDistrict).not.toHaveBeenCalled();
    expect(engine.setExternalTaskRetries).not.toHaveBeenCalled();
  });

  it('retries a failed external task, audited in the same transaction as the engine call', async () => {
    const { sut, engine, audit, manager } = setup();
    expect(await sut.retry(jiashanIt, 'inc-1')).toEqual({ id: 'inc-1', retried: true });
    expect(engine.setExternalTaskRetries).toHaveBeenCalledWith('ext-1', 1);
    expect(audit.append).toHaveBeenCalledWith(
      manager,
      expect.objectContaining({
        districtId: 'jiashan',
        actor: 'jiashan.district-it',
        action: 'incident.retry',
        subjectId: 'bk-1',
        before: expect.objectContaining({ incidentId: 'inc-1', step: 'Register', message: 'intake bk-1 of jiashan does not exist' }),
        after: { retries: 1 },
      }),
    );
  });

  it('retries a failed job through the job’s retries', async () => {
    const { sut, engine } = setup({ incidents: [incident({ incidentType: 'failedJob', configuration: 'job-1' })] });
    await sut.retry(jiashanIt, 'inc-1');
    expect(engine.setJobRetries).toHaveBeenCalledWith('job-1', 1);
    expect(engine.setExternalTaskRetries).not.toHaveBeenCalled();
  });

  it('answers another district’s incident exactly like an unknown one, and retries nothing', async () => {
    const { sut, engine, audit } = setup({ incidents: [incident({ tenantId: 'wucheng' })] });
    const other = await sut.retry(jiashanIt, 'inc-1').catch((e: AppError) => e.toBody());
    const unknown = await sut.retry(jiashanIt, 'no-such-incident').catch((e: AppError) => e.toBody());
    expect(other).toEqual(unknown);
    expect(other).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect(engine.setExternalTaskRetries).not.toHaveBeenCalled();
    expect(audit.append).not.toHaveBeenCalled();
  });

  it('fails the whole retry, audit row included, when the engine refuses', async () => {
    const { sut, engine } = setup();
    engine.setExternalTaskRetries.mockRejectedValueOnce(new EngineError(500, 'ProcessEngineException', 'boom'));
    await expect(sut.retry(jiashanIt, 'inc-1')).rejects.toBeInstanceOf(EngineError);
  });

  it('refuses an incident type that retries cannot fix, before writing anything', async () => {
    const { sut, audit } = setup({ incidents: [incident({ incidentType: 'custom', configuration: null })] });
    await expect(sut.retry(jiashanIt, 'inc-1')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(audit.append).not.toHaveBeenCalled();
  });
});
