import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { as, callApi } from '../support/api';
import { openDatabase } from '../support/backend';

/**
 * Seeded intakes in a period of their own (a random day in 2001 nobody else writes to), so the figures the API
 * answers can be computed here from exactly the rows this spec inserts, while other tests keep writing intakes.
 */
const day = new Date(Date.UTC(2001, 0, 1) + Math.floor(Math.random() * 360) * 86_400_000);
const at = (hours: number) => new Date(day.getTime() + hours * 3_600_000);
const period = `from=${day.toISOString()}&to=${at(24).toISOString()}`;

interface SeedIntake {
  id: string;
  districtId: string;
  receivedAt: Date;
  dueAt: Date | null;
  closedAt: Date | null;
  overdueAt: Date | null;
  mergedInto?: string;
  clocks: Array<{ clock: 'respond' | 'depart' | 'arrive'; dueAt: Date; metAt?: Date; missedAt?: Date }>;
}

function seedFor(districtId: string, variant: number): SeedIntake[] {
  const intake = (hours: number, rest: Partial<SeedIntake>): SeedIntake => ({
    id: randomUUID(), districtId, receivedAt: at(hours), dueAt: null, closedAt: null, overdueAt: null, clocks: [], ...rest,
  });
  const urgent = intake(1, {
    dueAt: at(5), closedAt: at(3 + variant),
    clocks: [
      { clock: 'respond', dueAt: at(1 + 1 / 60), metAt: at(1 + 0.5 / 60) },
      { clock: 'depart', dueAt: at(1 + 3 / 60), metAt: at(1 + 4 / 60) },
      { clock: 'arrive', dueAt: at(1 + 15 / 60), missedAt: at(1 + 15 / 60) },
    ],
  });
  const rows = [
    urgent,
    intake(2, { dueAt: at(10), closedAt: at(8) }),
    intake(2.5, { dueAt: at(4), closedAt: at(9 + variant), overdueAt: at(4) }),
    intake(3, { closedAt: at(3.75) }),
    intake(4, { dueAt: at(6) }), // open, past its deadline (the test runs long after 2001)
    intake(5, {}), // open, no deadline
    intake(6, { clocks: [{ clock: 'respond', dueAt: at(6 + 1 / 60), metAt: at(6 + 0.2 / 60) }] }),
  ];
  rows.push(intake(2.1, { mergedInto: rows[1].id, closedAt: at(2.2) })); // a duplicate merged into another: not counted
  if (variant) rows.push(intake(7, { closedAt: at(7.5), dueAt: at(7.25) }));
  return rows;
}

/** The expected figures, computed from the seed rows by the definitions in metrics.dto.ts. */
function expected(rows: SeedIntake[]) {
  const counted = rows.filter((r) => !r.mergedInto);
  const closed = counted.filter((r) => r.closedAt);
  const withDue = closed.filter((r) => r.dueAt);
  const clocks = counted.flatMap((r) => r.clocks);
  const rapid = (list: SeedIntake['clocks']) => {
    const decided = list.length; // every seeded clock is long past due
    const metInTime = list.filter((c) => c.metAt && c.metAt <= c.dueAt).length;
    return { decided, metInTime, complianceRate: decided ? metInTime / decided : null };
  };
  const minutes = closed.reduce((sum, r) => sum + (r.closedAt!.getTime() - r.receivedAt.getTime()) / 60_000, 0);
  return {
    total: counted.length,
    open: counted.length - closed.length,
    closed: closed.length,
    closureRate: closed.length / counted.length,
    onTimeRate: withDue.filter((r) => r.closedAt! <= r.dueAt!).length / withDue.length,
    overdue: counted.filter((r) => r.overdueAt || (!r.closedAt && r.dueAt)).length,
    averageHandlingMinutes: Math.round((minutes / closed.length) * 10) / 10,
    rapidResponse: {
      ...rapid(clocks),
      byClock: { respond: rapid(clocks.filter((c) => c.clock === 'respond')), depart: rapid(clocks.filter((c) => c.clock === 'depart')), arrive: rapid(clocks.filter((c) => c.clock === 'arrive')) },
    },
  };
}

describe('GET /api/metrics/districts', () => {
  let db: DataSource;
  const jiashan = seedFor('jiashan', 0);
  const wucheng = seedFor('wucheng', 1);
  const all = [...jiashan, ...wucheng];

  beforeAll(async () => {
    db = await openDatabase();
    for (const r of [...all].sort((a, b) => Number(!!a.mergedInto) - Number(!!b.mergedInto))) {
      await db.query(
        `INSERT INTO intake (id, business_key, district_id, source, category, title, description, address, status, created_by, created_at, registered_at, closed_at, due_at, overdue_at, duplicate_of, urgent)
         VALUES (?, ?, ?, 'hotline', '市容环境', '统计测试线索', '统计测试', '测试地址', ?, 'metrics-spec', ?, ?, ?, ?, ?, ?, ?)`,
        [r.id, r.id, r.districtId, r.mergedInto ? 'merged' : r.closedAt ? 'closed' : 'dispatched', r.receivedAt, r.receivedAt, r.closedAt, r.dueAt, r.overdueAt, r.mergedInto ?? null, r.clocks.length ? 1 : 0],
      );
      for (const c of r.clocks) {
        await db.query(`INSERT INTO rapid_response_clock (district_id, intake_id, clock, due_at, met_at, missed_at) VALUES (?, ?, ?, ?, ?, ?)`, [
          r.districtId, r.id, c.clock, c.dueAt, c.metAt ?? null, c.missedAt ?? null,
        ]);
      }
    }
  });
  afterAll(async () => {
    const ids = all.map((r) => r.id);
    await db.query(`DELETE FROM rapid_response_clock WHERE intake_id IN (?)`, [ids]);
    await db.query(`DELETE FROM intake WHERE id IN (?) AND duplicate_of IS NOT NULL`, [ids]);
    await db.query(`DELETE FROM intake WHERE id IN (?)`, [ids]);
    await db.destroy();
  });

  it('shows a jiashan command centre the figures of jiashan only, computed from its intakes', async () => {
    const response = await as('jiashan.command-center').get(`/metrics/districts?${period}`);
    expect(response.status).toBe(200);
    expect(response.body.districts).toEqual([{ districtId: 'jiashan', name: '嘉善县', ...expected(jiashan) }]);
    expect(response.body.overall).toEqual(expected(jiashan));
    expect(response.body.period).toEqual({ from: day.toISOString(), to: at(24).toISOString() });
  });

  it('shows a province admin every district, and overall figures over all of them', async () => {
    const response = await as('jiashan.province-admin').get(`/metrics/districts?${period}`);
    expect(response.status).toBe(200);
    const byId = Object.fromEntries(response.body.districts.map((d: { districtId: string }) => [d.districtId, d]));
    expect(Object.keys(byId).sort()).toEqual(['jiashan', 'linan', 'wucheng', 'wuxing', 'xiaoshan-xintang']);
    expect(byId.wucheng).toEqual({ districtId: 'wucheng', name: '婺城区', ...expected(wucheng) });
    expect(byId.linan).toEqual(expect.objectContaining({ total: 0, closureRate: null, onTimeRate: null, averageHandlingMinutes: null }));
    expect(response.body.overall).toEqual(expected(all));
  });

  it('counts the wucheng intakes for wucheng, never for jiashan', async () => {
    const response = await as('wucheng.squad-leader').get(`/metrics/districts?${period}`);
    expect(response.body.districts.map((d: { districtId: string }) => d.districtId)).toEqual(['wucheng']);
    expect(response.body.overall.total).toBe(expected(wucheng).total);
  });

  it('refuses an officer, and answers 400 for a period that is not one', async () => {
    expect((await as('jiashan.officer').get(`/metrics/districts?${period}`)).status).toBe(403);
    const bad = await as('jiashan.command-center').get(`/metrics/districts?from=${at(24).toISOString()}&to=${day.toISOString()}`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect((await as('jiashan.command-center').get('/metrics/districts?from=yesterday')).status).toBe(400);
    expect((await callApi('GET', `/metrics/districts?${period}`)).status).toBe(401);
  });
});
