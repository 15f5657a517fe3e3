import type { DataSource } from 'typeorm';
import type { CurrentUser } from '../auth/current-user';
import { AppError } from '../errors/app-error';
import { figures, MetricsService } from './metrics.service';

const user = (roles: CurrentUser['roles'], district = 'jiashan'): CurrentUser => ({ username: `${district}.x`, name: 'x', district, roles });

/** A database that answers the three queries the service makes, and records them. */
function fakeDatabase() {
  const queries: Array<{ sql: string; params: unknown[] }> = [];
  const dataSource = {
    query: async (sql: string, params: unknown[]) => {
      queries.push({ sql, params });
      if (sql.includes('FROM district')) return sql.includes('WHERE') ? [{ id: 'jiashan', name: '嘉善县' }] : [{ id: 'jiashan', name: '嘉善县' }, { id: 'wucheng', name: '婺城区' }];
      if (sql.includes('FROM intake')) return [{ districtId: 'jiashan', total: '4', closed: '3', closedWithDue: '2', closedOnTime: '1', overdue: '2', handlingSeconds: '10800' }];
      return [
        { districtId: 'wucheng', clock: 'respond', decided: '2', metInTime: '2' },
        { districtId: 'wucheng', clock: 'arrive', decided: '2', metInTime: '1' },
      ];
    },
  } as unknown as DataSource;
  return { dataSource, queries };
}

describe(MetricsService.name, () => {
  it('limits a district user to their own district', async () => {
    const { dataSource, queries } = fakeDatabase();
    const sut = new MetricsService(dataSource);
    const report = await sut.districts(user(['command-center']), { from: null, to: null });
    expect(report.districts.map((d) => d.districtId)).toEqual(['jiashan']);
    expect(queries[0].params).toEqual(['jiashan']);
    expect(queries[1].params).toContainEqual(['jiashan']);
  });

  it('gives a province admin every district and overall figures from the summed counts, not averaged rates', async () => {
    const sut = new MetricsService(fakeDatabase().dataSource);
    const report = await sut.districts(user(['province-admin']), { from: null, to: null });
    expect(report.districts.map((d) => d.districtId)).toEqual(['jiashan', 'wucheng']);
    expect(report.districts[1]).toEqual(expect.objectContaining({ total: 0, closureRate: null, averageHandlingMinutes: null }));
    expect(report.overall).toEqual(
      expect.objectContaining({ total: 4, open: 1, closed: 3, closureRate: 0.75, onTimeRate: 0.5, overdue: 2, averageHandlingMinutes: 60 }),
    );
    expect(report.overall.rapidResponse).toEqual(expect.objectContaining({ decided: 4, metInTime: 3, complianceRate: 0.75 }));
    expect(report.overall.rapidResponse.byClock.depart).toEqual({ decided: 0, metInTime: 0, complianceRate: null });
  });

  it('refuses an officer', async () => {
    const sut = new MetricsService(fakeDatabase().dataSource);
    await expect(sut.districts(user(['officer']), { from: null, to: null })).rejects.toEqual(new AppError('FORBIDDEN'));
  });

  it('rounds the average handling time to a tenth of a minute', () => {
    const sut = figures({ total: 3, closed: 3, closedWithDue: 0, closedOnTime: 0, overdue: 0, handlingSeconds: 100 }, { respond: { decided: 0, metInTime: 0 }, depart: { decided: 0, metInTime: 0 }, arrive: { decided: 0, metInTime: 0 } });
    expect(sut.averageHandlingMinutes).toBe(0.6);
    expect(sut.onTimeRate).toBeNull();
  });
});
