import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { EngineClient } from '../../src/engine-client/engine-client';
import { toEngineVariables } from '../../src/engine-client/engine-variables';
import type { IncidentView } from '../../src/incidents/incident-view';
import { Intake } from '../../src/intakes/intake.entity';
import { as, eventually } from '../support/api';
import { apiEngineClient, openDatabase } from '../support/backend';

describe('运维监控: district IT sees and retries its own district’s incidents through the API', () => {
  let db: DataSource;
  let engine: EngineClient;
  const started: string[] = [];

  beforeAll(async () => {
    db = await openDatabase();
    engine = apiEngineClient();
  });
  afterAll(async () => {
    // A failed run must not leave an open incident in jiashan's list for the other specs.
    for (const id of started) await engine.deleteProcessInstance(id).catch(() => undefined);
    await db.destroy();
  });

  const districtIt = as('jiashan.district-it');
  const openIncident = (processInstanceId: string, notId?: string) =>
    eventually(async () => (await engine.incidents(processInstanceId)).find((i) => i.id !== notId), `an incident on ${processInstanceId}`, 90_000);
  const listed = async (id: string) => (await districtIt.get<IncidentView[]>('/incidents')).body.find((i) => i.id === id);

  // Six failed attempts of 受理登记 in all, each waiting for the workers' next fetch: well over jest's default.
  it('lists a jiashan incident with case and step only to jiashan district IT, retries it, and the case moves on to triage', async () => {
    // given: a jiashan process whose intake row does not exist yet, so 受理登记 fails until it runs out of retries
    const intakeId = randomUUID();
    const definition = await engine.latestDefinitionFor('intake-dispatch', 'jiashan');
    // The start variables the API gives every intake process (the triage step reads source and category).
    const instance = await engine.startProcess(
      definition!.id,
      intakeId,
      toEngineVariables({ intakeId, districtId: 'jiashan', source: 'patrol', category: '市容环境', title: '巡查发现：店外晾晒衣物占用人行道' }),
    );
    started.push(instance.id);
    const first = await openIncident(instance.id);

    // then: jiashan district IT sees it, newest first, with the step and the worker's message
    const list = await districtIt.get<IncidentView[]>('/incidents');
    expect(list.status).toBe(200);
    const times = list.body.map((i) => Date.parse(i.createdAt.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const view = list.body.find((i) => i.id === first.id);
    expect(view).toEqual({
      id: first.id,
      type: 'failedExternalTask',
      message: expect.stringContaining(`intake ${intakeId} of jiashan does not exist`),
      step: { activityId: 'Register', name: '受理登记' },
      case: null,
      createdAt: expect.any(String),
      retries: [],
    });
    expect((await districtIt.get(`/incidents/${first.id}`)).body).toEqual(view);

    // and: another district's IT neither sees nor retries it; other roles are refused
    const wucheng = as('wucheng.district-it');
    expect((await wucheng.get<IncidentView[]>('/incidents')).body.some((i) => i.id === first.id)).toBe(false);
    const unknown = await wucheng.post(`/incidents/${randomUUID()}/retry`);
    expect(unknown.status).toBe(404);
    for (const response of [await wucheng.post(`/incidents/${first.id}/retry`), await wucheng.get(`/incidents/${first.id}`)]) {
      expect(response.status).toBe(404);
      expect(response.body).toEqual(unknown.body);
    }
    for (const response of [await as('jiashan.officer').get('/incidents'), await as('jiashan.officer').post(`/incidents/${first.id}/retry`)]) {
      expect(response.status).toBe(403);
      expect(response.body).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await engine.incidents(instance.id)).toEqual([expect.objectContaining({ id: first.id })]);

    // when: district IT retries before the cause is fixed, the step fails again and the new incident remembers the retry
    expect((await districtIt.post(`/incidents/${first.id}/retry`)).body).toEqual({ id: first.id, retried: true });
    const second = await openIncident(instance.id, first.id);
    expect(second.activityId).toBe('Register');
    expect((await listed(second.id))?.retries).toEqual([{ at: expect.any(String), actor: 'jiashan.district-it' }]);
    expect(await listed(first.id)).toBeUndefined();

    // when: the missing intake row appears and district IT retries again
    await db.getRepository(Intake).save({
      id: intakeId,
      businessKey: intakeId,
      districtId: 'jiashan',
      source: 'patrol',
      category: '市容环境',
      title: '巡查发现：店外晾晒衣物占用人行道',
      description: '补录的线索',
      address: '嘉善县魏塘街道',
      status: 'received',
      processInstanceId: instance.id,
      createdBy: 'jiashan.officer',
    } as Intake);
    expect((await listed(second.id))?.case).toEqual({ businessKey: intakeId, caseNumber: null, title: '巡查发现：店外晾晒衣物占用人行道' });
    const retried = await districtIt.post(`/incidents/${second.id}/retry`);
    expect(retried).toEqual({ status: 200, body: { id: second.id, retried: true } });

    // then: the incident is gone, the case is registered and waits in triage
    expect(await listed(second.id)).toBeUndefined();
    const triage = await eventually(
      async () => (await engine.queryTasks({ tenantIdIn: ['jiashan'], processInstanceId: instance.id })).find((t) => t.taskDefinitionKey === 'Triage'),
      'the Triage task after the retry',
      60_000,
    );
    expect(triage.tenantId).toBe('jiashan');
    expect(await engine.incidents(instance.id)).toEqual([]);

    // and: the case's audit trail records who retried, with the failure it answered
    const caseView = await districtIt.get(`/cases/${intakeId}`);
    expect(caseView.body.status).toBe('registered');
    const retries = caseView.body.audit.filter((row: { action: string }) => row.action === 'incident.retry');
    expect(retries).toEqual([
      expect.objectContaining({
        actor: 'jiashan.district-it',
        before: expect.objectContaining({ incidentId: second.id, step: 'Register', message: expect.stringContaining(`intake ${intakeId} of jiashan does not exist`) }),
        after: { retries: 1 },
      }),
    ]);
  }, 240_000);
});
