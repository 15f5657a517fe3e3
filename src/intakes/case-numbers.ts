import type { EntityManager } from 'typeorm';

/** The counters numbers are drawn from, one per kind of record, so each series is gapless on its own. */
const sequenceTables = {
  intake: 'case_number_sequence',
  'penalty-case': 'penalty_case_number_sequence',
  'credit-repair': 'credit_repair_number_sequence',
  inspection: 'inspection_number_sequence',
} as const;
export type NumberSequence = keyof typeof sequenceTables;

/**
 * Next case number of a district and year from one sequence, e.g. JS-2026-000042. Runs in the caller's
 * transaction: the sequence row stays locked until it commits, and a rollback gives the number back, so numbers
 * are gapless within their sequence.
 */
export async function allocateCaseNumber(manager: EntityManager, districtId: string, casePrefix: string, year: number, sequence: NumberSequence = 'intake'): Promise<string> {
  const table = sequenceTables[sequence];
  await manager.query(`INSERT INTO ${table} (district_id, year, last_value) VALUES (?, ?, 1) ON DUPLICATE KEY UPDATE last_value = last_value + 1`, [districtId, year]);
  const [row] = await manager.query(`SELECT last_value AS value FROM ${table} WHERE district_id = ? AND year = ? FOR UPDATE`, [districtId, year]);
  return `${casePrefix}-${year}-${String(row.value).padStart(6, '0')}`;
}
