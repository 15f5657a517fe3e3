import type { EntityManager } from 'typeorm';

/**
 * Next case number of a district and year, e.g. JS-2026-000042. Runs in the caller's transaction: the
 * sequence row stays locked until it commits, and a rollback gives the number back, so numbers are gapless.
 */
export async function allocateCaseNumber(manager: EntityManager, districtId: string, casePrefix: string, year: number): Promise<string> {
  await manager.query(
    'INSERT INTO case_number_sequence (district_id, year, last_value) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE last_value = last_value + 1',
    [districtId, year],
  );
  const [row] = await manager.query('SELECT last_value AS value FROM case_number_sequence WHERE district_id = ? AND year = ? FOR UPDATE', [districtId, year]);
  return `${casePrefix}-${year}-${String(row.value).padStart(6, '0')}`;
}
