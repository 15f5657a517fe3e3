import type { DataSource } from 'typeorm';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { Intake } from '../../src/intakes/intake.entity';
import { as, callApi, createIntakeAs, eventually, sampleIntake, taskInList, tokenFor } from '../support/api';
import { openDatabase } from '../support/backend';

describe('an intake through the API, signed in through Keycloak', () => {
  let db: DataSource;
  beforeAll(async () => (db = await openDatabase()));
  afterAll(() => db.destroy());

  it('a jiashan officer reports, the command centre triages, a jiashan squad leader handles, and the case closes', async () => {
    // Its own address and no location: an earlier run's open intake at the sample spot would merge it as a duplicate.
    const created = await as('jiashan.officer').post('/intakes', { ...sampleIntake, address: `${sampleIntake.address}（${Date.now()}）`, location: undefined });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), businessKey: expect.any(String), processInstanceId: expect.any(String) });
    const { businessKey } = created.body;

    const triage = await taskInList('jiashan.command-center', businessKey, 'Triage');
    const detail = await as('jiashan.command-center').get(`/tasks/${triage.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.case.title).toBe(sampleIntake.title);
    expect(detail.body.caseNumber).toMatch(/^JS-\d{4}-\d{6}$/);
    expect(detail.body.form.components.map((c: { key?: string }) => c.key).filter(Boolean)).toEqual([
      'triageSuggestion',
      'duplicateOf',
      'triageLevel',
      'handlingMode',
      'handlingDays',
      'urgent',
      'triageComment',
    ]);

    expect((await as('jiashan.command-center').post(`/tasks/${triage.id}/claim`)).body).toEqual({ id: triage.id, assignee: 'jiashan.command-center' });
    const triaged = await as('jiashan.command-center').post(`/tasks/${triage.id}/complete`, { triageLevel: 'routine', triageComment: '常规事件，派罗星中队处置' });
    expect(triaged.status).toBe(200);

    const handle = await taskInList('jiashan.squad-leader', businessKey, 'Handle');
    expect(handle.id).not.toBe(triage.id);
    const handled = await as('jiashan.squad-leader').post(`/tasks/${handle.id}/complete`, { handlingResult: '已劝离，货架移回店内', resolved: true });
    expect(handled.status).toBe(200);
    expect((await as('jiashan.squad-leader').get('/tasks')).body.find((t: { id: string }) => t.id === handle.id)).toBeUndefined();

    const closed = await eventually(async () => {
      const view = await as('jiashan.officer').get(`/cases/${businessKey}`);
      // The feedback worker commits the closing just before it tells the engine, so wait for both.
      return view.body.status === 'closed' && view.body.currentSteps.length === 0 && view.body;
    }, 'the case to close');
    expect(closed.processState).toBe('COMPLETED');
    expect(closed.audit.map((row: { action: string }) => row.action)).toEqual([
      'intake.create',
      'intake.register',
      'task.claim',
      'task.complete',
      'intake.dispatch',
      'notify.queue',
      'task.complete',
      'intake.feedback',
      'notify.queue',
    ]);
    expect(closed.audit[3]).toMatchObject({ actor: 'jiashan.command-center', after: { triageLevel: 'routine' } });
    expect(closed.audit[4]).toMatchObject({ actor: 'worker:intake.dispatch', after: { squadId: 'js-luoxing' } });
    expect(closed.audit[6]).toMatchObject({ actor: 'jiashan.squad-leader', after: { resolved: true } });
  });

  it('shows the current step of an open case and its diagram', async () => {
    const { businessKey } = await createIntakeAs('jiashan.officer');
    const triage = await taskInList('jiashan.command-center', businessKey, 'Triage');
    const view = await as('jiashan.officer').get(`/cases/${businessKey}`);
    expect(view.body.currentSteps).toEqual([{ activityId: 'Triage', name: '研判', taskId: triage.id }]);
    const diagram = await as('jiashan.officer').get(`/cases/${businessKey}/diagram`);
    expect(diagram.status).toBe(200);
    expect(diagram.body).toContain('<bpmn:userTask id="Triage"');
  });

  it('a wucheng user sees nothing of a jiashan case: not in the list, and 404 exactly like an unknown id', async () => {
    const { businessKey } = await createIntakeAs('jiashan.officer');
    const triage = await taskInList('jiashan.command-center', businessKey, 'Triage');
    const wucheng = as('wucheng.command-center');

    expect((await wucheng.get('/tasks')).body.some((t: { businessKey: string }) => t.businessKey === businessKey)).toBe(false);
    expect((await wucheng.get('/cases')).body.some((c: { businessKey: string }) => c.businessKey === businessKey)).toBe(false);

    const unknownCase = await wucheng.get('/cases/00000000-0000-0000-0000-000000000000');
    expect(unknownCase.status).toBe(404);
    for (const response of [
      await wucheng.get(`/cases/${businessKey}`),
      await wucheng.get(`/cases/${businessKey}/diagram`),
      await wucheng.get(`/tasks/${triage.id}`),
      await wucheng.post(`/tasks/${triage.id}/claim`),
      await wucheng.post(`/tasks/${triage.id}/complete`, { triageLevel: 'major', triageComment: 'x' }),
    ]) {
      expect(response.status).toBe(404);
      expect(response.body).toEqual(unknownCase.body);
    }
    // The jiashan task is untouched.
    expect((await as('jiashan.command-center').get(`/tasks/${triage.id}`)).body.assignee).toBeNull();
  });

  it('a user of the right district but the wrong role cannot work the task', async () => {
    const { businessKey } = await createIntakeAs('jiashan.officer');
    const triage = await taskInList('jiashan.command-center', businessKey, 'Triage');
    expect((await as('jiashan.squad-leader').post(`/tasks/${triage.id}/claim`)).status).toBe(404);
  });

  describe('bad input is refused with a clear message and nothing is stored', () => {
    const counts = async () => ({ intakes: await db.getRepository(Intake).count(), audit: await db.getRepository(AuditEntry).count() });

    it('an intake without a title and with an unknown source', async () => {
      const before = await counts();
      const response = await as('jiashan.officer').post('/intakes', { ...sampleIntake, title: undefined, source: 'carrier-pigeon' });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.message).toEqual({ zh: expect.any(String), en: expect.any(String) });
      expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['source', 'title']);
      expect(response.body.details.find((d: { field: string }) => d.field === 'title').zh).toContain('标题');
      expect(await counts()).toEqual(before);
    });

    it('a body that is not JSON', async () => {
      const before = await counts();
      const response = await callApi('POST', '/intakes', { token: await tokenFor('jiashan.officer'), rawBody: '{"title": "未闭合' });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(await counts()).toEqual(before);
    });

    it('a task completed without a required field stays open', async () => {
      const { businessKey } = await createIntakeAs('jiashan.officer');
      const triage = await taskInList('jiashan.command-center', businessKey, 'Triage');
      const before = await counts();
      const response = await as('jiashan.command-center').post(`/tasks/${triage.id}/complete`, { triageLevel: 'severe' });
      expect(response.status).toBe(400);
      expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['triageComment', 'triageLevel']);
      expect(await counts()).toEqual(before);
      expect((await as('jiashan.command-center').get(`/tasks/${triage.id}`)).status).toBe(200);
    });
  });
});
