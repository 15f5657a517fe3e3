import type { EntityManager } from 'typeorm';
import { Grid, RapidResponseClock, Squad } from '../../src/dispatch/dispatch.entities';
import { Intake } from '../../src/intakes/intake.entity';
import { BusinessError, HandlerContext } from '../run-topic';
import { IntakeDispatchHandler } from './intake-dispatch.handler';

/** A tiny in-memory stand-in for the handler's transaction: rows by entity, updates merged in place. */
function fakeManager(rows: { intake: Partial<Intake>; grids: Partial<Grid>[]; squads: Partial<Squad>[] }) {
  const clocks: Partial<RapidResponseClock>[] = [];
  const writes: string[] = [];
  const tables = new Map<unknown, Array<Record<string, unknown>>>([
    [Intake, [rows.intake as Record<string, unknown>]],
    [Grid, rows.grids as Array<Record<string, unknown>>],
    [Squad, rows.squads as Array<Record<string, unknown>>],
    [RapidResponseClock, clocks as Array<Record<string, unknown>>],
  ]);
  const matches = (where: Record<string, unknown>) => (row: Record<string, unknown>) => Object.entries(where).every(([k, v]) => row[k] === v);
  const manager = {
    findOne: async (entity: unknown, { where }: { where: Record<string, unknown> }) => tables.get(entity)!.find(matches(where)) ?? null,
    findOneBy: async (entity: unknown, where: Record<string, unknown>) => tables.get(entity)!.find(matches(where)) ?? null,
    findBy: async (entity: unknown, where: Record<string, unknown>) => tables.get(entity)!.filter(matches(where)),
    update: async (entity: unknown, where: Record<string, unknown>, values: Record<string, unknown>) => {
      writes.push(`update ${String((entity as { name: string }).name)}`);
      tables.get(entity)!.filter(matches(where)).forEach((row) => Object.assign(row, values));
    },
    insert: async (entity: unknown, values: Record<string, unknown>) => {
      writes.push(`insert ${String((entity as { name: string }).name)}`);
      tables.get(entity)!.push(values);
    },
  } as unknown as EntityManager;
  return { manager, writes, clocks };
}

const intake = (fields: Partial<Intake> = {}): Partial<Intake> => ({
  id: 'i-1',
  businessKey: 'i-1',
  districtId: 'jiashan',
  address: '嘉善县姚庄镇桃源新邨12幢',
  latitude: null,
  longitude: null,
  status: 'registered',
  gridId: null,
  squadId: null,
  dispatchedAt: null,
  dueAt: null,
  ...fields,
});
const grids = [
  { id: 'js-luoxing-tingqiao', districtId: 'jiashan', name: '罗星街道亭桥社区网格', addressKeyword: '罗星街道', latitude: 30.8415, longitude: 120.9262, radiusM: 2500, squadId: 'js-luoxing' },
  { id: 'js-yaozhuang-taoyuan', districtId: 'jiashan', name: '姚庄镇桃源新邨网格', addressKeyword: '姚庄镇', latitude: 30.9165, longitude: 120.962, radiusM: 2000, squadId: null },
];
const squads = [{ id: 'js-luoxing', districtId: 'jiashan', name: '罗星执法中队', leaderName: '沈建国' }];

function context(manager: EntityManager, variables: Record<string, unknown>): HandlerContext {
  return { variables, districtId: 'jiashan', manager, businessKey: 'i-1', audit: async () => undefined, task: {} as HandlerContext['task'] };
}

describe(IntakeDispatchHandler.name, () => {
  const sut = new IntakeDispatchHandler();
  const triage = { intakeId: 'i-1', triageLevel: 'routine', handlingMode: 'assign', handlingDays: 3 };

  it('refuses with NO_SQUAD, naming the grid, and writes nothing when no squad covers the intake’s grid', async () => {
    const { manager, writes } = fakeManager({ intake: intake(), grids, squads });
    const refusal = sut.handle(context(manager, triage));
    await expect(refusal).rejects.toBeInstanceOf(BusinessError);
    await expect(refusal).rejects.toMatchObject({ code: 'NO_SQUAD', message: '网格「姚庄镇桃源新邨网格」没有责任中队，请指挥中心人工指派' });
    expect(writes).toEqual([]);
  });

  it('dispatches to the squad the command centre chose, with the deadline and the urge halfway', async () => {
    const { manager } = fakeManager({ intake: intake(), grids, squads });
    const out = await sut.handle(context(manager, { ...triage, squadId: 'js-luoxing' }));
    expect(out).toMatchObject({ squadId: 'js-luoxing', gridId: 'js-yaozhuang-taoyuan', urgent: false });
    const [dispatchedAt, dueAt, urgeAt] = [out.dispatchedAt, out.dueAt, out.urgeAt] as Date[];
    expect(dueAt.getTime() - dispatchedAt.getTime()).toBe(3 * 24 * 3600_000);
    expect(urgeAt.getTime() - dispatchedAt.getTime()).toBe(1.5 * 24 * 3600_000);
  });

  it('answers a redelivery with the same times and starts the 1315 clocks of an urgent intake only once', async () => {
    const { manager, clocks } = fakeManager({ intake: intake({ address: '嘉善县罗星街道亭桥路1号' }), grids, squads });
    const first = await sut.handle(context(manager, { ...triage, urgent: true }));
    const again = await sut.handle(context(manager, { ...triage, urgent: true }));
    expect(again).toEqual(first);
    expect(clocks.map((c) => c.clock)).toEqual(['respond', 'depart', 'arrive']);
    const clockOutputs = first as Record<string, unknown>;
    expect(((clockOutputs.arriveDueAt as Date).getTime() - (first.dispatchedAt as Date).getTime()) / 60_000).toBe(15);
  });
});
