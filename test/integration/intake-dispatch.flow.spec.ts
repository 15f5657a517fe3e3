import { AuditService } from '../../src/audit/audit.service';
import { DAY_MS, flowNodeIds, IntakeDriver, shippedModel } from './intake-dispatch.driver';
import { places, Scenarios } from './intake-dispatch.scenarios';

/** The provincial template, run where no district has a variant of it (吴兴), on the real engine with the real workers. */
describe('intake-dispatch template: 受理 → 查重 → 研判 → 派单 → 处置 → 移交 → 反馈 → 办结', () => {
  const place = places.wuxing;
  let d: IntakeDriver;
  let s: Scenarios;

  beforeAll(async () => {
    d = await IntakeDriver.open();
    s = new Scenarios(d);
  });
  afterAll(() => d.close());

  it('runs the shared template for a district without a variant of its own', async () => {
    const intake = await s.start(place);
    await d.task(intake, 'Triage');
    expect(await d.definitionOf(intake.processInstanceId!)).toMatchObject({ tenantId: null });
    expect((await d.engine.historicProcessInstance(intake.processInstanceId!)).tenantId).toBe('wuxing');
    await d.complete(intake, 'Triage', { triageComment: '交办' });
    await s.finish(intake);
  });

  it('offers the triage table’s suggestion, which the command centre may override, and dispatches to the squad of the grid with a deadline', async () => {
    const intake = await s.start(place, { source: 'department-referral', title: '住建局移送：违规占道施工' });
    const triage = await d.task(intake, 'Triage');
    expect(await d.variables(triage)).toMatchObject({
      triageLevel: 'routine',
      handlingMode: 'assign',
      handlingDays: 10,
      urgent: false,
      triageSuggestion: '建议：常规事项，交办，10天内办结',
    });
    await d.engine.complete(triage.id, {
      triageLevel: { value: 'major', type: 'String' },
      handlingMode: { value: 'supervise', type: 'String' },
      handlingDays: { value: 2, type: 'Integer' },
      triageComment: { value: '涉及群众安全，升级为重大督办', type: 'String' },
    });
    await d.task(intake, 'Handle');
    const dispatched = await d.intake(intake.id);
    expect(dispatched).toMatchObject({ status: 'dispatched', triageLevel: 'major', handlingMode: 'supervise', squadId: 'wx-zhili', gridId: 'wx-zhili', urgent: false });
    expect(dispatched.dueAt!.getTime() - dispatched.dispatchedAt!.getTime()).toBe(2 * DAY_MS);
    expect(await d.notifications(intake, 'intake.dispatched')).toEqual([expect.objectContaining({ recipient: 'squad:wx-zhili' })]);
    await s.finish(intake);
  });

  it('closes a routine matter handled by the squad and tells the reporter', async () => {
    const closed = await s.routine(place);
    const trail = await new AuditService(d.db).trail('wuxing', closed.businessKey);
    expect(trail.map((row) => row.action)).toEqual(expect.arrayContaining(['intake.register', 'intake.dispatch', 'intake.feedback']));
  });

  it('merges a second report of the same matter into the open one: the reporter hears back, nothing is dispatched twice', async () => {
    const { original, merged } = await s.duplicate(place);
    const trail = await new AuditService(d.db).trail('wuxing', merged.businessKey);
    expect(trail.map((row) => row.action)).not.toContain('intake.dispatch');
    // The original goes on as a major matter: handled first by the squad, then escalated.
    await s.escalation(place, original);
  });

  it('asks the command centre to assign a squad when the intake lies in no grid a squad covers, and dispatches only then', async () => {
    const closed = await s.noSquad(place, '吴兴区八里店镇尹家圩村（未划网格）');
    expect(closed).toMatchObject({ status: 'closed', squadId: 'wx-zhili', gridId: null });
  });

  it('urges the squad halfway to the deadline and raises the matter to supervision (督办) when the deadline passes', async () => {
    await s.urgeThenSupervise(place);
  });

  it('runs an urgent matter on the 1315 clocks: met clocks are recorded, missed ones too', async () => {
    await s.rapid(place, { respond: 'met', depart: 'missed', arrive: 'met' });
    await s.rapid(place, { respond: 'missed', depart: 'met', arrive: 'missed' });
  });

  it('escalates what the squad cannot solve to the competent department, which may send it back with reasons', async () => {
    await s.escalation(place);
  });

  it('reached every flow node of the template', async () => {
    const [first] = d.started;
    const definition = await d.definitionOf(first);
    const xml = await d.engine.definitionXml(definition.id);
    expect(flowNodeIds(xml)).toEqual(flowNodeIds(shippedModel(null)));
    expect(await d.unreached(definition.id, d.started)).toEqual([]);
  });
});
