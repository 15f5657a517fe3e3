import type { DataSource } from 'typeorm';
import type { AuditService } from '../audit/audit.service';
import type { CurrentUser } from '../auth/current-user';
import { EngineClient, EngineError } from '../engine-client/engine-client';
import { AppError } from '../errors/app-error';
import { Intake } from '../intakes/intake.entity';
import { FlowStart, FlowStarter } from './flow-starter';

const officer: CurrentUser = { username: 'jiashan.officer', name: '嘉善执法队员', district: 'jiashan', roles: ['officer'] };

const intakeStart = (): FlowStart<Intake> => ({
  processKey: 'intake-dispatch',
  entity: Intake,
  subjectType: 'intake',
  input: { title: '商铺门前占道经营', source: 'hotline' },
  fields: { title: '商铺门前占道经营', source: 'hotline', status: 'received' },
  variables: (intake) => ({ intakeId: intake.id, source: intake.source }),
});

function setup(options: { definition?: { id: string } | null; start?: () => Promise<{ id: string }> } = {}) {
  const steps: string[] = [];
  const engine = {
    latestDefinitionFor: jest.fn(async () => (options.definition === undefined ? { id: 'intake-dispatch:3:abc' } : options.definition)),
    startProcess: jest.fn(options.start ?? (async () => (steps.push('start'), { id: 'pi-1' }))),
  };
  const audit = { append: jest.fn(async (_: unknown, record: { action: string }) => (steps.push(record.action), {})) };
  const manager = {
    create: jest.fn((_: unknown, fields: object) => ({ ...fields })),
    save: jest.fn(async (row: object) => (steps.push('save'), row)),
    delete: jest.fn(async () => (steps.push('delete'), {})),
  };
  const repository = { update: jest.fn(async () => (steps.push('update'), {})) };
  const dataSource = {
    getRepository: jest.fn(() => repository),
    transaction: jest.fn(async (work: (m: unknown) => Promise<unknown>) => {
      steps.push('begin');
      const result = await work(manager);
      steps.push('commit');
      return result;
    }),
  };
  const sut = new FlowStarter(dataSource as unknown as DataSource, audit as unknown as AuditService, engine as unknown as EngineClient);
  return { sut, steps, engine, audit, manager, repository, dataSource };
}

describe(FlowStarter.name, () => {
  it('commits the row with its create entry before the process starts, then stores the instance id', async () => {
    const { sut, steps, engine, audit, repository } = setup();

    const intake = await sut.start(officer, intakeStart());

    expect(steps).toEqual(['begin', 'save', 'intake.create', 'commit', 'start', 'update']);
    expect(intake).toMatchObject({ businessKey: intake.id, districtId: 'jiashan', createdBy: 'jiashan.officer', processInstanceId: 'pi-1' });
    expect(engine.latestDefinitionFor).toHaveBeenCalledWith('intake-dispatch', 'jiashan');
    expect(engine.startProcess).toHaveBeenCalledWith('intake-dispatch:3:abc', intake.id, {
      intakeId: { value: intake.id, type: 'String' },
      source: { value: 'hotline', type: 'String' },
      districtId: { value: 'jiashan', type: 'String' },
      title: { value: '商铺门前占道经营', type: 'String' },
    });
    expect(audit.append.mock.calls[0][1]).toMatchObject({
      action: 'intake.create',
      subjectType: 'intake',
      subjectId: intake.id,
      after: { title: '商铺门前占道经营', source: 'hotline', processDefinitionId: 'intake-dispatch:3:abc' },
    });
    expect(repository.update).toHaveBeenCalledWith({ id: intake.id }, { processInstanceId: 'pi-1' });
  });

  it('writes nothing when the district has no definition of the process', async () => {
    const { sut, dataSource, engine } = setup({ definition: null });

    await expect(sut.start(officer, intakeStart())).rejects.toMatchObject({ code: 'PROCESS_NOT_DEPLOYED' });
    expect(dataSource.transaction).not.toHaveBeenCalled();
    expect(engine.startProcess).not.toHaveBeenCalled();
  });

  it('withdraws the row with an entry and answers ENGINE_UNAVAILABLE when the engine fails to start the process', async () => {
    const { sut, steps, audit, manager } = setup({ start: async () => Promise.reject(new EngineError(503, 'ServiceUnavailable', 'down')) });

    const failure = await sut.start(officer, intakeStart()).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'ENGINE_UNAVAILABLE' });
    expect(steps).toEqual(['begin', 'save', 'intake.create', 'commit', 'begin', 'delete', 'intake.withdraw', 'commit']);
    const created = manager.save.mock.calls[0][0] as Intake;
    expect(manager.delete).toHaveBeenCalledWith(Intake, { id: created.id });
    expect(audit.append.mock.calls[1][1]).toMatchObject({ action: 'intake.withdraw', subjectType: 'intake', subjectId: created.id, before: { status: 'received' } });
  });

  it('passes an engine 4xx through once the row is withdrawn', async () => {
    const refused = new EngineError(400, 'InvalidRequestException', 'bad variable');
    const { sut, steps } = setup({ start: async () => Promise.reject(refused) });

    await expect(sut.start(officer, intakeStart())).rejects.toBe(refused);
    expect(steps).toContain('intake.withdraw');
  });
});
