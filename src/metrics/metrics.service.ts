import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CurrentUser } from '../auth/current-user';
import type { Role } from '../auth/roles';
import { AppError } from '../errors/app-error';
import type { DistrictFigures, DistrictMetrics, MetricsReport, Period, RapidResponseFigures } from './metrics.dto';

/** Those who steer the work; officers, reviewers and designers have their task lists instead. */
export const metricsRoles: readonly Role[] = ['command-center', 'squad-leader', 'agency-head', 'district-it', 'province-admin'];

const clocks = ['respond', 'depart', 'arrive'] as const;

/** Sums per district from SQL; every rate and average is derived from them, so the overall figures are exact too. */
export interface IntakeSums {
  total: number;
  closed: number;
  closedWithDue: number;
  closedOnTime: number;
  overdue: number;
  handlingSeconds: number;
}
export type ClockSums = Record<(typeof clocks)[number], { decided: number; metInTime: number }>;

/** 办结率 and friends per district, straight from the business tables the intake flow writes. */
@Injectable()
export class MetricsService {
  constructor(private readonly dataSource: DataSource) {}

  async districts(user: CurrentUser, period: Period, now = new Date()): Promise<MetricsReport> {
    if (!user.roles.some((role) => metricsRoles.includes(role))) throw new AppError('FORBIDDEN');
    const all = user.roles.includes('province-admin');
    const districts: Array<{ id: string; name: string }> = await this.dataSource.query(
      `SELECT id, name FROM district ${all ? '' : 'WHERE id = ?'} ORDER BY id`,
      all ? [] : [user.district],
    );
    const ids = districts.map((d) => d.id);
    const [intakeSums, clockSums] = ids.length ? await Promise.all([this.intakeSums(ids, period, now), this.clockSums(ids, period, now)]) : [new Map(), new Map()];

    const rows: DistrictMetrics[] = districts.map(({ id, name }) => ({
      districtId: id,
      name,
      ...figures(intakeSums.get(id) ?? emptyIntakeSums(), clockSums.get(id) ?? emptyClockSums()),
    }));
    return {
      period: { from: period.from?.toISOString() ?? null, to: period.to?.toISOString() ?? null },
      generatedAt: now.toISOString(),
      districts: rows,
      overall: figures(sumAll([...intakeSums.values()]), sumClocks([...clockSums.values()])),
    };
  }

  private async intakeSums(districtIds: string[], period: Period, now: Date): Promise<Map<string, IntakeSums>> {
    const { clause, params } = periodClause('i.created_at', period);
    const rows: Array<Record<string, string | number | null>> = await this.dataSource.query(
      `SELECT i.district_id AS districtId,
              COUNT(*) AS total,
              SUM(i.closed_at IS NOT NULL) AS closed,
              SUM(i.closed_at IS NOT NULL AND i.due_at IS NOT NULL) AS closedWithDue,
              SUM(i.closed_at IS NOT NULL AND i.due_at IS NOT NULL AND i.closed_at <= i.due_at) AS closedOnTime,
              SUM(i.overdue_at IS NOT NULL OR (i.closed_at IS NULL AND i.due_at IS NOT NULL AND i.due_at < ?)) AS overdue,
              COALESCE(SUM(CASE WHEN i.closed_at IS NOT NULL THEN TIMESTAMPDIFF(SECOND, i.created_at, i.closed_at) END), 0) AS handlingSeconds
         FROM intake i
        WHERE i.district_id IN (?) AND i.status <> 'merged' AND i.duplicate_of IS NULL ${clause}
        GROUP BY i.district_id`,
      [now, districtIds, ...params],
    );
    return new Map(
      rows.map((r) => [
        String(r.districtId),
        { total: n(r.total), closed: n(r.closed), closedWithDue: n(r.closedWithDue), closedOnTime: n(r.closedOnTime), overdue: n(r.overdue), handlingSeconds: n(r.handlingSeconds) },
      ]),
    );
  }

  /** 1315 clocks of the intakes received in the period; a clock still running before its due time is not decided yet. */
  private async clockSums(districtIds: string[], period: Period, now: Date): Promise<Map<string, ClockSums>> {
    const { clause, params } = periodClause('i.created_at', period);
    const rows: Array<Record<string, string | number | null>> = await this.dataSource.query(
      `SELECT c.district_id AS districtId, c.clock AS clock,
              SUM(c.met_at IS NOT NULL OR c.missed_at IS NOT NULL OR c.due_at < ?) AS decided,
              SUM(c.met_at IS NOT NULL AND c.met_at <= c.due_at) AS metInTime
         FROM rapid_response_clock c JOIN intake i ON i.id = c.intake_id
        WHERE c.district_id IN (?) ${clause}
        GROUP BY c.district_id, c.clock`,
      [now, districtIds, ...params],
    );
    const sums = new Map<string, ClockSums>();
    for (const r of rows) {
      const clock = String(r.clock) as keyof ClockSums;
      if (!clocks.includes(clock)) continue;
      const entry = sums.get(String(r.districtId)) ?? emptyClockSums();
      entry[clock] = { decided: n(r.decided), metInTime: n(r.metInTime) };
      sums.set(String(r.districtId), entry);
    }
    return sums;
  }
}

function periodClause(column: string, period: Period): { clause: string; params: Date[] } {
  const parts: string[] = [];
  const params: Date[] = [];
  if (period.from) parts.push(`AND ${column} >= ?`) && params.push(period.from);
  if (period.to) parts.push(`AND ${column} < ?`) && params.push(period.to);
  return { clause: parts.join(' '), params };
}

const n = (value: unknown): number => Number(value ?? 0);
const ratio = (part: number, whole: number): number | null => (whole ? part / whole : null);
const emptyIntakeSums = (): IntakeSums => ({ total: 0, closed: 0, closedWithDue: 0, closedOnTime: 0, overdue: 0, handlingSeconds: 0 });
const emptyClockSums = (): ClockSums => ({ respond: { decided: 0, metInTime: 0 }, depart: { decided: 0, metInTime: 0 }, arrive: { decided: 0, metInTime: 0 } });

function sumAll(all: IntakeSums[]): IntakeSums {
  return all.reduce(
    (a, b) => ({
      total: a.total + b.total,
      closed: a.closed + b.closed,
      closedWithDue: a.closedWithDue + b.closedWithDue,
      closedOnTime: a.closedOnTime + b.closedOnTime,
      overdue: a.overdue + b.overdue,
      handlingSeconds: a.handlingSeconds + b.handlingSeconds,
    }),
    emptyIntakeSums(),
  );
}

function sumClocks(all: ClockSums[]): ClockSums {
  const total = emptyClockSums();
  for (const sums of all) for (const clock of clocks) (total[clock].decided += sums[clock].decided), (total[clock].metInTime += sums[clock].metInTime);
  return total;
}

const rapid = (s: { decided: number; metInTime: number }): RapidResponseFigures => ({ ...s, complianceRate: ratio(s.metInTime, s.decided) });

/** The figures a dashboard shows, from the sums. */
export function figures(s: IntakeSums, c: ClockSums): DistrictFigures {
  const decided = clocks.reduce((sum, clock) => sum + c[clock].decided, 0);
  const metInTime = clocks.reduce((sum, clock) => sum + c[clock].metInTime, 0);
  return {
    total: s.total,
    open: s.total - s.closed,
    closed: s.closed,
    closureRate: ratio(s.closed, s.total),
    onTimeRate: ratio(s.closedOnTime, s.closedWithDue),
    overdue: s.overdue,
    averageHandlingMinutes: s.closed ? Math.round((s.handlingSeconds / s.closed / 60) * 10) / 10 : null,
    rapidResponse: { ...rapid({ decided, metInTime }), byClock: { respond: rapid(c.respond), depart: rapid(c.depart), arrive: rapid(c.arrive) } },
  };
}
