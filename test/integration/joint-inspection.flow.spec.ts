import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AuditService } from '../../src/audit/audit.service';
import type { EngineClient, EngineTask } from '../../src/engine-client/engine-client';
import { toEngineVariables } from '../../src/engine-client/engine-variables';
import { Inspection, InspectionProblem, InspectionScenario } from '../../src/inspections/inspection.entity';
import { Intake } from '../../src/intakes/intake.entity';
import { OutboxMessage } from '../../workers/outbox/outbox-message.entity';
import { as, eventually } from '../support/api';
import { apiEngineClient, openDatabase } from '../support/backend';
import { Coverage, engineRest, flowDriver, reachedActivities } from './flow-driver';

type Finding = { problemsFound: boolean; findings?: string };

describe('joint-inspection (综合查一次 → 集成改一次) on the real engine, driven by the real workers', () => {
  let db: DataSource;
  let engine: EngineClient;
  let flow: ReturnType<typeof flowDriver>;
  const coverage = new Coverage();

  beforeAll(async () => {
    db = await openDatabase();
    engine = apiEngineClient();
    flow = flowDriver(engine);
  });
  afterAll(() => db.destroy());

  /** What POST /api/inspections does, without the HTTP layer. */
  async function plan(districtId: string, scenarioCode = 'catering') {
    const scenario = await db.getRepository(InspectionScenario).findOneByOrFail({ code: scenarioCode });
    const id = randomUUID();
    const partyName = `某${scenario.name}经营户${id.slice(0, 4)}`;
    const title = `综合查一次：${scenario.name}·${partyName}`;
    await db.getRepository(Inspection).insert({
      id,
      businessKey: id,
      districtId,
      scenarioCode,
      title,
      partyName,
      address: '湖州市吴兴区织里镇姚家田单元',
      departments: scenario.departments,
      status: 'planned',
      rectificationRound: 0,
      createdBy: `${districtId}.officer`,
    } as Partial<Inspection> as Inspection);
    const definition = await engine.latestDefinitionFor('joint-inspection', districtId);
    const instance = await engine.startProcess(definition!.id, id, toEngineVariables({ inspectionId: id, districtId, title, scenario: scenarioCode }));
    return { id, pid: instance.id, departments: scenario.departments, definition: definition! };
  }

  const row = (id: string) => db.getRepository(Inspection).findOneByOrFail({ id });
  const notices = (id: string, template: string) => db.getRepository(OutboxMessage).find({ where: { subjectId: id, template }, order: { createdAt: 'ASC' } });

  /** Every department of the joint visit reports; `findings` by department name, nothing found otherwise. */
  async function inspectTogether(districtId: string, pid: string, count: number, findings: Record<string, Finding> = {}) {
    const tasks = await flow.tasks(districtId, pid, 'DepartmentCheck', count);
    const seen: string[] = [];
    for (const task of tasks) {
      const department = String((await engine.taskVariables(task.id)).department.value);
      seen.push(department);
      await flow.complete(task, findings[department] ?? { problemsFound: false });
    }
    return seen;
  }

  /** One rectification round: the deadline passes (timer fired now), then the officer re-inspects. */
  async function rectificationRound(districtId: string, pid: string, fixed: boolean) {
    if (districtId === 'wuxing') {
      await flow.complete(await flow.task(districtId, pid, 'GuidanceVisit'), { guidanceNote: '上门体检会诊：讲解问题根源与整改方法' });
    }
    await flow.fireTimer(pid, 'RectificationDeadline');
    await flow.complete(await flow.task(districtId, pid, 'Reinspect'), { fixed, reinspectionNote: fixed ? '复查合格' : '仍未整改到位' });
  }

  describe.each([
    ['jiashan', 'templates/joint-inspection.bpmn'],
    ['wuxing', 'districts/wuxing/joint-inspection.bpmn'],
  ])('in %s (%s)', (districtId, model) => {
    it('has every department of the scenario inspect in parallel and closes when nobody finds a problem', async () => {
      const { id, pid, departments, definition } = await plan(districtId);
      expect(definition.tenantId).toBe(districtId === 'wuxing' ? 'wuxing' : null);
      const seen = await inspectTogether(districtId, pid, departments.length);
      expect(seen.sort()).toEqual([...departments].sort());

      expect(await flow.ended(pid)).toEqual(['ClosedClean']);
      const closed = await row(id);
      expect(closed).toMatchObject({ status: 'closed', outcome: 'clean', rectificationRound: 0 });
      expect(closed.caseNumber).toMatch(/^[A-Z]+-JC-\d{4}-\d{6}$/);
      expect((await notices(id, 'inspection.scheduled'))[0]?.recipient).toBe(departments.join('、'));
      await coverage.add(model, pid);
    });

    it('merges the departments’ findings into one list, gives a deadline, and closes when the re-inspection finds it fixed', async () => {
      const { id, pid, departments } = await plan(districtId);
      await inspectTogether(districtId, pid, departments.length, {
        市场监管所: { problemsFound: true, findings: '从业人员健康证过期\n后厨未设防鼠设施' },
        消防救援站: { problemsFound: true, findings: '灭火器过期' },
        综合行政执法队: { problemsFound: true, findings: '灭火器过期' },
      });
      const [notice] = await eventually(async () => {
        const sent = await notices(id, 'inspection.rectification');
        return sent.length > 0 && sent;
      }, 'the rectification notice');
      const merged = await row(id);
      expect(merged).toMatchObject({ status: 'rectifying', rectificationRound: 1 });
      const expectedDays = districtId === 'wuxing' ? 10 : 7;
      expect(Math.round((merged.rectifyDueAt!.getTime() - Date.now()) / 86_400_000)).toBe(expectedDays);
      expect(notice.recipient).toBe(merged.partyName);
      const variables = await flow.variables(pid);
      expect(variables.problemCount).toBe(3);
      expect(String(variables.problemList)).toContain('灭火器过期（');

      await rectificationRound(districtId, pid, true);
      expect(await flow.ended(pid)).toEqual(['Rectified']);
      const problems = await db.getRepository(InspectionProblem).findBy({ inspectionId: id });
      expect(problems.filter((p) => p.status === 'fixed')).toHaveLength(3);
      expect(problems.filter((p) => p.status === 'duplicate')).toHaveLength(1);
      expect(await row(id)).toMatchObject({ status: 'closed', outcome: 'rectified' });
      await coverage.add(model, pid);
    });

    it('gives a second deadline when the first re-inspection finds the problem not fixed, and closes when the second does', async () => {
      const { id, pid, departments } = await plan(districtId);
      await inspectTogether(districtId, pid, departments.length, { 生态环境分局: { problemsFound: true, findings: '油烟净化器未清洗' } });
      await rectificationRound(districtId, pid, false);
      await eventually(async () => (await notices(id, 'inspection.rectification')).length === 2, 'the second rectification notice');
      expect((await row(id)).rectificationRound).toBe(2);
      await rectificationRound(districtId, pid, true);

      expect(await flow.ended(pid)).toEqual(['Rectified']);
      expect(await row(id)).toMatchObject({ status: 'closed', outcome: 'rectified', rectificationRound: 2 });
      await coverage.add(model, pid);
    });

    it('hands a party that does not rectify within the allowed rounds over to case review', async () => {
      const { id, pid, departments } = await plan(districtId);
      await inspectTogether(districtId, pid, departments.length, { 综合行政执法队: { problemsFound: true, findings: '店外占道经营' } });
      await rectificationRound(districtId, pid, false);
      await rectificationRound(districtId, pid, false);

      const call = await eventually(async () => (await reachedActivities(pid)).find((a) => a.activityId === 'HandOver' && a.calledProcessInstanceId), 'the case-review call');
      const caseReview = await engineRest<{ definitionId: string; tenantId: string }>('GET', `/process-instance/${call.calledProcessInstanceId}`);
      expect(caseReview.definitionId).toMatch(/^case-review:/);
      expect(caseReview.tenantId).toBe(districtId);
      const handed = await flow.variables(call.calledProcessInstanceId!);
      expect(handed).toMatchObject({ sourceType: 'inspection', sourceId: id, districtId, violationCode: 'rectification-overdue' });
      expect(String(handed.facts)).toContain('店外占道经营');
      expect(String(handed.facts)).toContain('2次限期整改');
      expect(handed.partyName).toBe((await row(id)).partyName);

      // The penalty case itself is case-review's business: the test ends that instance instead of working it.
      const tree = await engineRest<{ id: string }>('GET', `/process-instance/${call.calledProcessInstanceId}/activity-instances`);
      await engineRest('POST', `/process-instance/${call.calledProcessInstanceId}/modification`, {
        skipCustomListeners: true,
        skipIoMappings: true,
        instructions: [{ type: 'cancel', activityInstanceId: tree.id }, { type: 'startBeforeActivity', activityId: 'CaseClosed' }],
      });
      expect(await flow.ended(pid)).toEqual(['HandedOver']);
      expect(await row(id)).toMatchObject({ status: 'handed-over', outcome: 'handed-over' });
      await coverage.add(model, pid);
    });
  });

  it('opens the inspection from an intake when intake-dispatch calls it with intakeId and scenario', async () => {
    const intakeId = randomUUID();
    await db.getRepository(Intake).insert({
      id: intakeId,
      businessKey: intakeId,
      districtId: 'linan',
      source: 'ai-alert',
      category: '建筑工地',
      title: 'AI预警：工地出入口不洁',
      description: '视频识别到渣土车带泥上路',
      address: '临安区昌化镇某建筑工地',
      status: 'registered',
      createdBy: 'linan.command-center',
    } as Partial<Intake> as Intake);
    const definition = await engine.latestDefinitionFor('joint-inspection', 'linan');
    expect(definition!.tenantId).toBeNull();
    const instance = await engine.startProcess(definition!.id, intakeId, toEngineVariables({ intakeId, scenario: 'construction-site', districtId: 'linan', title: 'AI预警：工地出入口不洁' }));

    const tasks = await flow.tasks('linan', instance.id, 'DepartmentCheck', 3);
    expect(tasks[0].tenantId).toBe('linan');
    const inspection = await db.getRepository(Inspection).findOneByOrFail({ intakeId });
    expect(inspection).toMatchObject({ districtId: 'linan', scenarioCode: 'construction-site', status: 'inspecting', address: '临安区昌化镇某建筑工地' });
    expect((await flow.variables(instance.id)).inspectionId).toBe(inspection.id);
    for (const task of tasks) await flow.complete(task, { problemsFound: false });
    expect(await flow.ended(instance.id)).toEqual(['ClosedClean']);
  });

  it('reached every flow node of the template and of the wuxing variant', () => {
    expect(coverage.missing('templates/joint-inspection.bpmn')).toEqual([]);
    expect(coverage.missing('districts/wuxing/joint-inspection.bpmn')).toEqual([]);
  });

  describe('through the API', () => {
    const taskInList = (username: string, caseNumber: string, key: string, count = 1) =>
      eventually(async () => {
        const { body } = await as(username).get<Array<{ id: string; caseNumber: string | null; taskDefinitionKey: string }>>('/tasks');
        const found = body.filter((t) => t.caseNumber === caseNumber && t.taskDefinitionKey === key);
        return found.length === count && found;
      }, `${count} × ${key} of ${caseNumber} in the list of ${username}`);
    const complete = async (username: string, task: { id: string }, submission: Record<string, unknown>) =>
      expect((await as(username).post(`/tasks/${task.id}/complete`, submission)).status).toBeLessThan(300);

    it('吴兴: a problem not fixed by the deadline is re-inspected, fixed in the second round', async () => {
      const planned = await as('wuxing.officer').post('/inspections', { scenario: 'construction-site', partyName: '织里镇姚家田单元某在建工地', address: '湖州市吴兴区织里镇姚家田单元' });
      expect(planned.status).toBe(201);
      const id: string = planned.body.businessKey;
      const pid: string = planned.body.processInstanceId;
      const caseNumber = await eventually(async () => (await as('wuxing.officer').get(`/inspections/${id}`)).body.caseNumber as string | null, 'the case number');
      expect(caseNumber).toMatch(/^WX-JC-/);

      const checks = await taskInList('wuxing.officer', caseNumber, 'DepartmentCheck', 3);
      for (const [i, task] of checks.entries()) await complete('wuxing.officer', task, i === 0 ? { problemsFound: true, findings: '出入口未设车辆冲洗设施' } : { problemsFound: false });
      const detail = await eventually(async () => {
        const { body } = await as('wuxing.officer').get(`/inspections/${id}`);
        return body.status === 'rectifying' && body;
      }, 'the problem list');
      expect(detail.problems).toEqual([expect.objectContaining({ description: '出入口未设车辆冲洗设施', status: 'open' })]);

      const [guidance] = await taskInList('wuxing.officer', caseNumber, 'GuidanceVisit');
      await complete('wuxing.officer', guidance, { guidanceNote: '现场讲解冲洗平台设置要求' });
      await flow.fireTimer(pid, 'RectificationDeadline');
      const [first] = await taskInList('wuxing.officer', caseNumber, 'Reinspect');
      await complete('wuxing.officer', first, { fixed: false, reinspectionNote: '冲洗设施仍未建成' });

      const [secondGuidance] = await taskInList('wuxing.officer', caseNumber, 'GuidanceVisit');
      const second = await eventually(async () => {
        const { body } = await as('wuxing.officer').get(`/inspections/${id}`);
        return body.rectificationRound === 2 && body;
      }, 'the second deadline');
      expect(Math.round((new Date(second.rectifyDueAt).getTime() - Date.now()) / 86_400_000)).toBe(5);
      await complete('wuxing.officer', secondGuidance, { guidanceNote: '督促施工单位限期完成' });
      await flow.fireTimer(pid, 'RectificationDeadline');
      const [again] = await taskInList('wuxing.officer', caseNumber, 'Reinspect');
      await complete('wuxing.officer', again, { fixed: true, reinspectionNote: '冲洗平台已建成并使用，复查合格' });

      const closed = await eventually(async () => {
        const { body } = await as('wuxing.officer').get(`/inspections/${id}`);
        return body.status === 'closed' && body;
      }, 'the inspection to close');
      expect(closed).toMatchObject({ outcome: 'rectified', rectificationRound: 2 });
      expect(closed.problems).toEqual([expect.objectContaining({ status: 'fixed' })]);
      expect((await as('wuxing.officer').get('/inspections')).body.map((i: { id: string }) => i.id)).toContain(id);
      expect((await as('jiashan.officer').get(`/inspections/${id}`)).status).toBe(404);
      expect(await new AuditService(db).verifyChain()).toBeNull();
    });

    it('answers 400 with a code for a missing field or an unknown scenario, and plans nothing', async () => {
      const before = await db.getRepository(Inspection).countBy({ districtId: 'wuxing' });
      const missing = await as('wuxing.officer').post('/inspections', { scenario: 'catering', address: '吴兴区某街道' });
      expect(missing.status).toBe(400);
      expect(missing.body.code).toBe('VALIDATION_FAILED');
      expect(missing.body.details).toEqual([expect.objectContaining({ field: 'partyName', zh: expect.stringContaining('检查对象') })]);
      const unknown = await as('wuxing.officer').post('/inspections', { scenario: 'karaoke', partyName: '某KTV', address: '吴兴区某街道' });
      expect(unknown.status).toBe(400);
      expect(unknown.body.details).toEqual([expect.objectContaining({ field: 'scenario' })]);
      expect(await db.getRepository(Inspection).countBy({ districtId: 'wuxing' })).toBe(before);
    });
  });
});
