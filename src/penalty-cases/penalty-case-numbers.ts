import type { EntityManager } from 'typeorm';

/**
 * Next 立案 number of a district and year, e.g. WC-CF-2026-000007 (CF = 处罚). Its own sequence, gapless the same
 * way as intake numbers: the row stays locked until the caller's transaction commits, and a rollback gives it back.
 */
export async function allocatePenaltyCaseNumber(manager: EntityManager, districtId: string, casePrefix: string, year: number): Promise<string> {
  await manager.query(
    'INSERT INTO penalty_case_number_sequence (district_id, year, last_value) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE last_value = last_value + 1',
    [districtId, year],
  );
  const [row] = await manager.query('SELECT last_value AS value FROM penalty_case_number_sequence WHERE district_id = ? AND year = ? FOR UPDATE', [districtId, year]);
  return `${casePrefix}-CF-${year}-${String(row.value).padStart(6, '0')}`;
}
