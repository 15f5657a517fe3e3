import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditService } from '../../src/audit/audit.service';
import type { EngineClient } from '../../src/engine-client/engine-client';
import { toEngineVariables } from '../../src/engine-client/engine-variables';
import { Intake } from '../../src/intakes/intake.entity';
import { ProcessedTask } from '../../workers/processed-task.entity';
import { eventually } from '../support/api';
import { apiEngineClient, openDatabase } from '../support/backend';

describe('intake-dispatch on the real engine, driven by the real workers', () => {
  let db: DataSource;
  let engine: EngineClient;

  beforeAll(async () => {
    db = await openDatabase();
    engine = apiEngineClient();
  });
  afterAll(() => db.destroy());

  /** What the API does on POST /api/intakes, without the HTTP layer. */
  async function startIntake(districtId: string): Promise<Intake> {
    const id = randomUUID();
    const intake = await db.getRepository(Intake).save({
      id,
      businessKey: id,
      districtId,
      source: 'patrol',
      category: '市容环境',
      title: '巡查发现：工地出口道路污染',
      description: '渣土车带泥上路',
      // A fresh address each time: a second report of an open matter at the same place is merged as a duplicate.
      address: `婺城区城北街道将军路${id.slice(0, 6)}号`,
      status: 'received',
      createdBy: `${districtId}.officer`,
    } as Intake);
    const definition = await engine.latestDefinitionFor('intake-dispatch', districtId);
    expect(definition).not.toBeNull();
    const instance = await engine.startProcess(
      definition!.id,
      id,
      toEngineVariables({ intakeId: id, districtId, source: intake.source, category: intake.category, title: intake.title }),
    );
    await db.getRepository(Intake).update({ id }, { processInstanceId: instance.id });
    return { ...intake, processInstanceId: instance.id };
  }

  const openTask = (districtId: string, intake: Intake, key: string) =>
    eventually(async () => (await engine.queryTasks({ tenantIdIn: [districtId], processInstanceId: intake.processInstanceId! })).find((t) => t.taskDefinitionKey === key), `task ${key}`);

  it('registers the intake with the next gapless case number, and closes it after triage and handling', async () => {
    const first = await startIntake('wucheng');
    const triage = await openTask('wucheng', first, 'Triage');
    expect(triage.tenantId).toBe('wucheng');

    const registered = await db.getRepository(Intake).findOneByOrFail({ id: first.id });
    expect(registered.status).toBe('registered');
    expect(registered.caseNumber).toMatch(/^WC-\d{4}-\d{6}$/);

    const second = await startIntake('wucheng');
    await openTask('wucheng', second, 'Triage');
    const next = await db.getRepository(Intake).findOneByOrFail({ id: second.id });
    const number = (caseNumber: string | null) => Number(caseNumber!.slice(-6));
    expect(number(next.caseNumber)).toBe(number(registered.caseNumber) + 1);

    await engine.complete(triage.id, toEngineVariables({ triageLevel: 'routine', triageComment: '常规事件，交中队处置' }));
    const handle = await openTask('wucheng', first, 'Handle');
    await engine.complete(handle.id, toEngineVariables({ handlingResult: '已责令清洗路面', resolved: true }));

    const closed = await eventually(async () => {
      const row = await db.getRepository(Intake).findOneByOrFail({ id: first.id });
      return row.status === 'closed' && row;
    }, 'the intake to be closed by the feedback worker');
    expect(closed.closedAt).toBeInstanceOf(Date);
    const history = await eventually(async () => {
      const instance = await engine.historicProcessInstance(first.processInstanceId!);
      return instance.state === 'COMPLETED' && instance;
    }, 'the process to end');
    expect(history.endTime).not.toBeNull();

    const processed = await db.getRepository(ProcessedTask).findBy({ businessKey: first.businessKey });
    expect(processed.map((p) => p.topic).sort()).toEqual(['intake.dedupe', 'intake.dispatch', 'intake.feedback', 'intake.register', 'intake.triage-suggest', 'notify', 'notify']);
    const trail = await new AuditService(db).trail('wucheng', first.businessKey);
    expect(trail.map((row) => row.action)).toEqual(['intake.register', 'intake.dispatch', 'notify.queue', 'intake.feedback', 'notify.queue']);
    expect(await new AuditService(db).verifyChain()).toBeNull();
  });

  it('retries a task the worker cannot do, with backoff, and then raises an incident on that step', async () => {
    const missing = randomUUID();
    const definition = await engine.latestDefinitionFor('intake-dispatch', 'wuxing');
    const instance = await engine.startProcess(definition!.id, missing, toEngineVariables({ intakeId: missing, districtId: 'wuxing' }));
    const started = Date.now();

    const [incident] = await eventually(async () => {
      const incidents = await engine.incidents(instance.id);
      return incidents.length > 0 && incidents;
    }, 'the retries to run out', 90_000);
    expect(incident).toMatchObject({ incidentType: 'failedExternalTask', activityId: 'Register', tenantId: 'wuxing' });
    expect(incident.incidentMessage).toContain(`intake ${missing} of wuxing does not exist`);
    // Three retries after the first failure, waiting 2 s, 4 s and 8 s in between.
    expect(Date.now() - started).toBeGreaterThanOrEqual(14_000);
    expect(await db.getRepository(ProcessedTask).countBy({ businessKey: missing })).toBe(0);
  });
});
