import { In } from 'typeorm';
import { IntakeEscalation, RapidResponseClock, RapidResponseClockName } from '../../src/dispatch/dispatch.entities';
import { Intake } from '../../src/intakes/intake.entity';
import { eventually } from '../support/api';
import { DAY_MS, IntakeDriver } from './intake-dispatch.driver';

/** Where a district's demo intakes happen: a place inside a grid its squad covers, and the grid's centre. */
export interface Place {
  districtId: string;
  /** A place name of a covered grid, found in the address. */
  town: string;
  squadId: string;
  lat: number;
  lng: number;
}

export const places: Record<string, Place> = {
  wuxing: { districtId: 'wuxing', town: '吴兴区织里镇', squadId: 'wx-zhili', lat: 30.839, lng: 120.264 },
  jiashan: { districtId: 'jiashan', town: '嘉善县罗星街道', squadId: 'js-luoxing', lat: 30.8415, lng: 120.9262 },
  'xiaoshan-xintang': { districtId: 'xiaoshan-xintang', town: '萧山区新塘街道羽绒城', squadId: 'xt-2', lat: 30.205, lng: 120.32 },
  wucheng: { districtId: 'wucheng', town: '婺城区城北街道', squadId: 'wc-chengbei', lat: 29.115, lng: 119.642 },
  linan: { districtId: 'linan', town: '临安区昌化镇', squadId: 'la-changhua', lat: 30.162, lng: 119.228 },
};

const unique = () => Math.random().toString(36).slice(2, 8);
/** A spot somewhere inside the grid (up to ~1 km from its centre), so runs of the tests do not merge into each other. */
const spotIn = (place: Place) => ({ latitude: place.lat + (Math.random() - 0.5) * 0.018, longitude: place.lng + (Math.random() - 0.5) * 0.018 });

export class Scenarios {
  constructor(private readonly d: IntakeDriver) {}

  start(place: Place, fields: Parameters<IntakeDriver['startIntake']>[1] = {}): Promise<Intake> {
    return this.d.startIntake(place.districtId, { address: `${place.town}人民路${unique()}号`, ...fields });
  }

  /** Completes 处置 and whatever a district puts between it and the end (嘉善's 督办跟进), until the process ends. */
  async finish(intake: Intake, handle: Record<string, unknown> = { handlingResult: '已现场处置完毕', resolved: true }): Promise<Intake> {
    await this.d.complete(intake, 'Handle', handle);
    await eventually(async () => {
      const state = (await this.d.engine.historicProcessInstance(intake.processInstanceId as string)).state;
      if (state === 'COMPLETED') return true;
      const [followUp] = (await this.d.engine.queryTasks({ tenantIdIn: [intake.districtId], processInstanceId: intake.processInstanceId as string })).filter(
        (t) => t.taskDefinitionKey === 'SupervisionFollowUp',
      );
      if (followUp) await this.d.engine.complete(followUp.id, { supervisionComment: { value: '已核实中队办理情况', type: 'String' } });
      return false;
    }, `the process of ${intake.businessKey} to end`, 60_000);
    return this.d.intake(intake.id);
  }

  /** 常规: the suggestion is kept, the squad of the grid handles it, the reporter hears back. */
  async routine(place: Place): Promise<Intake> {
    const intake = await this.start(place);
    await this.d.complete(intake, 'Triage', { triageComment: '同意研判建议' });
    await this.d.task(intake, 'Handle');
    const dispatched = await this.d.intake(intake.id);
    expect(dispatched).toMatchObject({ status: 'dispatched', squadId: place.squadId, triageLevel: 'routine' });
    const closed = await this.finish(intake);
    expect(closed.status).toBe('closed');
    expect(await this.d.notifications(intake, 'intake.closed')).toHaveLength(1);
    return closed;
  }

  /**
   * 查重: a second report of the same category 100 m from an open one is merged into it and only fed back.
   * Returns the original (waiting at 研判) and the merged duplicate.
   */
  async duplicate(place: Place, category = '违法建设'): Promise<{ original: Intake; merged: Intake }> {
    const spot = spotIn(place);
    const original = await this.start(place, { category, source: 'patrol', title: '巡查发现：屋顶违法搭建', ...spot });
    await this.d.task(original, 'Triage');
    const merged = await this.start(place, { category, source: 'photo-app', title: '随手拍：邻居在楼顶搭棚', latitude: spot.latitude + 0.0009, longitude: spot.longitude });
    const triage = await this.d.task(merged, 'Triage');
    expect(await this.d.variables(triage)).toMatchObject({ duplicate: true, duplicateOf: original.id });
    expect(await this.d.intake(merged.id)).toMatchObject({ status: 'merged', duplicateOf: original.id });
    await this.d.engine.complete(triage.id, { triageLevel: { value: 'major', type: 'String' }, triageComment: { value: '确认重复，并入原线索', type: 'String' } });
    await this.d.ended(merged);
    const after = await this.d.intake(merged.id);
    expect(after).toMatchObject({ status: 'merged', duplicateOf: original.id, squadId: null, dispatchedAt: null });
    expect(after.closedAt).toBeInstanceOf(Date);
    expect(await this.d.notifications(merged, 'intake.closed')).toHaveLength(1);
    expect((await this.d.intake(original.id)).status).toBe('registered');
    return { original, merged: after };
  }

  /** No squad covers where the intake is: 派单 fails with NO_SQUAD, writes nothing, and the command centre assigns a squad. */
  async noSquad(place: Place, address: string, fields: Parameters<IntakeDriver['startIntake']>[1] = {}): Promise<Intake> {
    const intake = await this.d.startIntake(place.districtId, { address, ...fields });
    await this.d.complete(intake, 'Triage', { triageComment: '交中队处置' });
    const assign = await this.d.task(intake, 'AssignSquad');
    const untouched = await this.d.intake(intake.id);
    expect(untouched).toMatchObject({ status: 'registered', squadId: null, dispatchedAt: null, dueAt: null });
    expect(await this.d.db.getRepository(RapidResponseClock).countBy({ intakeId: intake.id })).toBe(0);
    await this.d.engine.complete(assign.id, { squadId: { value: place.squadId, type: 'String' }, assignComment: { value: '新设网格，暂由该中队负责', type: 'String' } });
    await this.d.task(intake, 'Handle');
    expect(await this.d.intake(intake.id)).toMatchObject({ status: 'dispatched', squadId: place.squadId });
    return this.finish(intake);
  }

  /** The deadline draws near (催办) and then passes while the squad is still on it (超期 → 督办). */
  async urgeThenSupervise(place: Place): Promise<Intake> {
    const intake = await this.start(place);
    await this.d.complete(intake, 'Triage', { triageComment: '交办中队' });
    await this.d.task(intake, 'Handle');
    const dispatched = await this.d.intake(intake.id);
    // The engine keeps due dates to the second.
    expect(Math.abs((await this.d.timerDue(intake, 'OverdueTimer')).getTime() - dispatched.dueAt!.getTime())).toBeLessThan(1000);

    await this.d.fireTimer(intake, 'UrgeTimer');
    await this.d.passed(intake, 'NotifyUrge');
    expect(await this.d.notifications(intake, 'intake.urge')).toEqual([expect.objectContaining({ recipient: `squad:${place.squadId}` })]);
    expect((await this.d.intake(intake.id)).overdueAt).toBeNull();

    await this.d.fireTimer(intake, 'OverdueTimer');
    await this.d.passed(intake, 'NotifySupervise');
    const supervised = await this.d.intake(intake.id);
    expect(supervised.handlingMode).toBe('supervise');
    expect(supervised.overdueAt).toBeInstanceOf(Date);
    expect(await this.d.notifications(intake, 'intake.overdue')).toEqual([expect.objectContaining({ recipient: 'command-center' })]);
    const closed = await this.finish(intake);
    expect(closed).toMatchObject({ status: 'closed', handlingMode: 'supervise' });
    return closed;
  }

  /**
   * 1315: an urgent matter (gas) runs on the respond/depart/arrive clocks. `plan` says which clock the squad
   * beats (met) and which timer fires first (missed).
   */
  async rapid(place: Place, plan: Record<RapidResponseClockName, 'met' | 'missed'>, fields: Parameters<IntakeDriver['startIntake']>[1] = {}): Promise<Intake> {
    const intake = await this.start(place, { category: '燃气安全', title: '12345热线：餐馆燃气泄漏气味', ...fields });
    const triage = await this.d.task(intake, 'Triage');
    expect(await this.d.variables(triage)).toMatchObject({ urgent: true, triageLevel: 'major', handlingMode: 'supervise', handlingDays: 1 });
    await this.d.engine.complete(triage.id, { triageComment: { value: '紧急，按1315处置', type: 'String' } });
    const steps: Array<[RapidResponseClockName, string]> = [
      ['respond', 'Respond'],
      ['depart', 'Depart'],
      ['arrive', 'Arrive'],
    ];
    for (const [clock, step] of steps) {
      await this.d.task(intake, step);
      if (plan[clock] === 'missed') {
        await this.d.fireTimer(intake, `${step}Late`);
        await this.d.passed(intake, `Record${step}Missed`);
      }
      await this.d.complete(intake, step, { rapidNote: `${step} 完成` });
      await this.d.passed(intake, `Record${step}Met`);
    }
    await this.d.task(intake, 'Handle');
    const clocks = await this.d.db.getRepository(RapidResponseClock).findBy({ intakeId: intake.id });
    const dispatched = await this.d.intake(intake.id);
    expect(dispatched.urgent).toBe(true);
    for (const [clock] of steps) {
      const row = clocks.find((c) => c.clock === clock)!;
      const minutes = { respond: 1, depart: 3, arrive: 15 }[clock];
      expect(row.dueAt.getTime() - dispatched.dispatchedAt!.getTime()).toBe(minutes * 60_000);
      expect(row.metAt).toBeInstanceOf(Date);
      if (plan[clock] === 'missed') expect(row.missedAt).toBeInstanceOf(Date);
      else expect(row.missedAt).toBeNull();
    }
    return this.finish(intake);
  }

  /**
   * 移交: the squad cannot solve a major matter; the department is urged when late, sends it back with reasons,
   * the squad tries again and fails, and the department handles it the second time.
   */
  async escalation(place: Place, atTriage?: Intake): Promise<Intake> {
    const intake = atTriage ?? (await this.start(place, { category: '违法建设', source: 'patrol', title: '巡查发现：屋顶违法搭建' }));
    await this.d.complete(intake, 'Triage', { triageLevel: 'major', triageComment: '重大事项，中队先行处置' });
    await this.d.complete(intake, 'Handle', { handlingResult: '已责令停工，但当事人拒不拆除', resolved: false });
    await this.d.task(intake, 'DepartmentHandle');
    const escalated = await this.d.intake(intake.id);
    expect(escalated.status).toBe('escalated');
    const department = `${place.districtId}-zhujian`;

    await this.d.fireTimer(intake, 'DepartmentLate');
    await this.d.passed(intake, 'NotifyDepartmentLate');
    expect(await this.d.notifications(intake, 'intake.overdue')).toEqual([expect.objectContaining({ recipient: `department:${department}` })]);

    await this.d.complete(intake, 'DepartmentHandle', { departmentDecision: 'returned', handlingResult: '属中队职权范围，请依法先行强制拆除', resolved: false });
    await this.d.task(intake, 'Handle');
    expect((await this.d.intake(intake.id)).status).toBe('dispatched');
    await this.d.complete(intake, 'Handle', { handlingResult: '强制拆除受阻，需规划部门认定', resolved: false });
    await this.d.complete(intake, 'DepartmentHandle', { departmentDecision: 'handled', handlingResult: '已会同规划部门认定并拆除', resolved: true });
    await this.d.ended(intake);

    const escalations = await this.d.db.getRepository(IntakeEscalation).find({ where: { intakeId: intake.id }, order: { escalatedAt: 'ASC' } });
    expect(escalations).toHaveLength(2);
    expect(escalations.every((e) => e.departmentId === department)).toBe(true);
    expect(escalations[0]).toMatchObject({ returnReason: '属中队职权范围，请依法先行强制拆除', resolvedAt: null });
    expect(escalations[0].returnedAt).toBeInstanceOf(Date);
    expect(escalations[1]).toMatchObject({ returnedAt: null });
    expect(escalations[1].resolvedAt).toBeInstanceOf(Date);
    const closed = await this.d.intake(intake.id);
    expect(closed.status).toBe('closed');
    expect(closed.dueAt!.getTime() - closed.dispatchedAt!.getTime()).toBeGreaterThanOrEqual(DAY_MS);
    return closed;
  }

  /** Every path of the model in one district, so every flow node of its variant is reached. */
  async everyPath(place: Place, outsideAddress: string): Promise<void> {
    await this.routine(place);
    const { original } = await this.duplicate(place);
    await this.escalation(place, original);
    await this.noSquad(place, outsideAddress);
    await this.urgeThenSupervise(place);
    await this.rapid(place, { respond: 'met', depart: 'missed', arrive: 'met' });
    await this.rapid(place, { respond: 'missed', depart: 'met', arrive: 'missed' });
  }
}

export const intakesOf = (d: IntakeDriver, ids: string[]) => d.db.getRepository(Intake).findBy({ id: In(ids) });
