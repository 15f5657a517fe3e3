import { IntakeEscalation, RapidResponseClock } from '../../src/dispatch/dispatch.entities';
import { ProcessedTask } from '../../workers/processed-task.entity';
import { eventually } from '../support/api';
import { DAY_MS, flowNodeIds, IntakeDriver, shippedModel } from './intake-dispatch.driver';
import { places, Scenarios } from './intake-dispatch.scenarios';

/** Each district's own intake-dispatch variant, told as the story its bureau would tell, on the real engine and workers. */
describe('district practices of intake-dispatch', () => {
  let d: IntakeDriver;
  let s: Scenarios;

  beforeAll(async () => {
    d = await IntakeDriver.open();
    s = new Scenarios(d);
  });
  afterAll(() => d.close());

  /** Every flow node of the district's shipped variant was entered by one of the instances this spec started there. */
  async function expectEveryNodeReached(districtId: string): Promise<void> {
    const mine = [];
    let definitionId: string | null = null;
    for (const id of d.started) {
      const definition = await d.definitionOf(id);
      if (definition.tenantId !== districtId) continue;
      definitionId ??= definition.id;
      mine.push(id);
    }
    expect(definitionId).not.toBeNull();
    expect(flowNodeIds(await d.engine.definitionXml(definitionId!))).toEqual(flowNodeIds(shippedModel(districtId)));
    expect(await d.unreached(definitionId!, mine)).toEqual([]);
  }

  describe('no leaks between districts', () => {
    it('runs each district’s own variant, and the shared template where a district has none — never another district’s', async () => {
      const expected: Record<string, string | null> = { jiashan: 'jiashan', 'xiaoshan-xintang': 'xiaoshan-xintang', wucheng: 'wucheng', linan: 'linan', wuxing: null };
      for (const [districtId, tenant] of Object.entries(expected)) {
        const intake = await s.start(places[districtId]);
        await d.task(intake, 'Triage');
        const definition = await d.definitionOf(intake.processInstanceId!);
        expect({ districtId, tenant: definition.tenantId }).toEqual({ districtId, tenant });
        expect((await d.engine.historicProcessInstance(intake.processInstanceId!)).tenantId).toBe(districtId);
        await d.complete(intake, 'Triage', { triageComment: '交办' });
        await s.finish(intake);
      }
      // A wucheng matter never shows jiashan's 督办跟进 or linan's joint check.
      const wucheng = await s.routine(places.wucheng);
      const xml = await d.engine.definitionXml((await d.definitionOf(wucheng.processInstanceId!)).id);
      expect(xml).not.toContain('SupervisionFollowUp');
      expect(xml).not.toContain('JointCheck');
    });
  });

  describe('嘉善 jiashan: 直办/交办/督办 with instruction deadlines (限期办理)', () => {
    const place = places.jiashan;

    it('嘉善: a 督办 instruction gets seven days; overdue, it is raised to supervision and the command centre follows it up', async () => {
      const intake = await s.start(place, { title: '12345热线：夜间施工噪声扰民' });
      await d.complete(intake, 'Triage', { handlingMode: 'supervise', handlingDays: 2, triageComment: '多次投诉，督办' });
      await d.task(intake, 'Handle');
      const dispatched = await d.intake(intake.id);
      expect(dispatched.dueAt!.getTime() - dispatched.dispatchedAt!.getTime()).toBe(7 * DAY_MS);

      await d.fireTimer(intake, 'OverdueTimer');
      await d.passed(intake, 'NotifySupervise');
      expect((await d.intake(intake.id)).overdueAt).toBeInstanceOf(Date);

      await d.complete(intake, 'Handle', { handlingResult: '已责令停止夜间施工', resolved: true });
      const followUp = await d.task(intake, 'SupervisionFollowUp');
      expect(followUp.name).toBe('督办跟进');
      await d.engine.complete(followUp.id, { supervisionComment: { value: '回访群众，噪声已消除', type: 'String' } });
      await d.ended(intake);
      expect((await d.intake(intake.id)).status).toBe('closed');
    });

    it('嘉善: a 直办 instruction from a grid liaison gets one day and no follow-up', async () => {
      const intake = await s.start(place, { source: 'grid-liaison', title: '联动站上报：垃圾桶满溢' });
      const triage = await d.task(intake, 'Triage');
      expect(await d.variables(triage)).toMatchObject({ handlingMode: 'direct' });
      await d.engine.complete(triage.id, { triageComment: { value: '直办', type: 'String' } });
      await d.task(intake, 'Handle');
      const dispatched = await d.intake(intake.id);
      expect(dispatched.dueAt!.getTime() - dispatched.dispatchedAt!.getTime()).toBe(DAY_MS);
      await s.finish(intake);
      const followUps = await d.rest<unknown[]>('GET', `/history/activity-instance?processInstanceId=${intake.processInstanceId}&activityId=SupervisionFollowUp`);
      expect(followUps).toEqual([]);
    });

    it('嘉善: a report from 姚庄镇桃源新邨, a grid no squad covers yet, waits for the command centre to assign a squad', async () => {
      const closed = await s.noSquad(place, '嘉善县姚庄镇桃源新邨12幢', { latitude: 30.9165, longitude: 120.962 });
      expect(closed).toMatchObject({ squadId: place.squadId, gridId: 'js-yaozhuang-taoyuan' });
      const refused = await d.db.getRepository(ProcessedTask).findOneByOrFail({ businessKey: closed.businessKey, topic: 'intake.dispatch', errorCode: 'NO_SQUAD' });
      expect(refused.output).toEqual({ message: '网格「姚庄镇桃源新邨网格」没有责任中队，请指挥中心人工指派' });
    });

    it('reaches every flow node of the jiashan variant', async () => {
      await s.everyPath(place, '嘉善县干窑镇（未划网格）');
      await expectEveryNodeReached('jiashan');
    });
  });

  describe('萧山新塘 xiaoshan-xintang: 先统后分', () => {
    const place = places['xiaoshan-xintang'];

    it('新塘: a routine matter is reported back once the squad is done, even if not fully solved; it is not escalated', async () => {
      const intake = await s.start(place, { title: '一网统管：羽绒城门口共享单车乱停' });
      await d.complete(intake, 'Triage', { triageComment: '常规事项，二中队处置' });
      const closed = await s.finish(intake, { handlingResult: '已清理，需长期管控', resolved: false });
      expect(closed.status).toBe('closed');
      expect(await d.db.getRepository(IntakeEscalation).countBy({ intakeId: intake.id })).toBe(0);
    });

    it('新塘: a major matter is handled first by the squad and, unsolved, handed to the district department', async () => {
      await s.escalation(place);
    });

    it('reaches every flow node of the xiaoshan-xintang variant', async () => {
      await s.everyPath(place, '萧山区新塘街道（未划网格）');
      await expectEveryNodeReached('xiaoshan-xintang');
    });
  });

  describe('婺城 wucheng: 1315 for 随手拍, strict', () => {
    const place = places.wucheng;

    it('婺城: a major 随手拍 report runs on the 1315 clocks even when triage left it unticked, and a missed clock raises it to 督办 at once', async () => {
      const intake = await s.start(place, { source: 'photo-app', category: '占道经营', title: '随手拍：早餐摊占用盲道' });
      await d.complete(intake, 'Triage', { triageLevel: 'major', urgent: false, triageComment: '影响盲人通行，重大' });
      await d.task(intake, 'Respond');
      expect((await d.intake(intake.id)).urgent).toBe(true);

      await d.fireTimer(intake, 'RespondLate');
      await d.passed(intake, 'NotifyRapidMissed');
      const supervised = await d.intake(intake.id);
      expect(supervised.handlingMode).toBe('supervise');
      expect(supervised.overdueAt).toBeNull();
      expect(await d.notifications(intake, 'rapid-response.missed')).toEqual([expect.objectContaining({ recipient: 'command-center' })]);

      for (const step of ['Respond', 'Depart', 'Arrive']) await d.complete(intake, step, { rapidNote: '已处理' });
      await s.finish(intake);
      const clocks = await d.db.getRepository(RapidResponseClock).findBy({ intakeId: intake.id });
      expect(clocks.filter((c) => c.missedAt).map((c) => c.clock)).toContain('respond');
    });

    it('reaches every flow node of the wucheng variant', async () => {
      await s.everyPath(place, '婺城区罗店镇（未划网格）');
      await expectEveryNodeReached('wucheng');
    });
  });

  describe('临安 linan: AI site alert → instant joint check', () => {
    const place = places.linan;

    it('临安: an AI alert from a building site starts an instant joint check (综合查一次·施工工地) on the shared joint-inspection, inside linan', async () => {
      const intake = await s.start(place, { source: 'ai-alert', category: '建筑工地', title: 'AI预警：工地出入口不洁' });
      const triage = await d.task(intake, 'Triage');
      expect(await d.variables(triage)).toMatchObject({ handlingMode: 'direct', urgent: true });
      await d.engine.complete(triage.id, { urgent: { value: false, type: 'Boolean' }, triageComment: { value: '即时协同检查', type: 'String' } });

      const [called] = await eventually(
        async () => {
          const found = await d.rest<Array<{ id: string; definitionId: string; tenantId: string }>>('GET', `/process-instance?superProcessInstance=${intake.processInstanceId}`);
          return found.length > 0 && found;
        },
        'the joint check to start',
      );
      expect(called.tenantId).toBe('linan');
      const calledDefinition = await d.rest<{ key: string; tenantId: string | null }>('GET', `/process-definition/${called.definitionId}`);
      // Linan has no joint-inspection of its own: the shared template, called with calledElementTenantId ${null}.
      expect(calledDefinition).toMatchObject({ key: 'joint-inspection', tenantId: null });

      // Each department checks the site and finds nothing wrong.
      await eventually(async () => {
        const state = (await d.engine.historicProcessInstance(called.id)).state;
        if (state === 'COMPLETED') return true;
        for (const task of await d.engine.queryTasks({ tenantIdIn: ['linan'], processInstanceId: called.id })) {
          if (task.taskDefinitionKey === 'DepartmentCheck') await d.engine.complete(task.id, { problemsFound: { value: false, type: 'Boolean' } });
        }
        return false;
      }, 'the joint check to close', 90_000);
      await d.passed(intake, 'JointCheck');
      await s.finish(intake);
    });

    it('reaches every flow node of the linan variant', async () => {
      await s.everyPath(place, '临安区岛石镇（未划网格）');
      await expectEveryNodeReached('linan');
    });
  });
});
