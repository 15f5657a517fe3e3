import { MigrationInterface, QueryRunner } from 'typeorm';

const series = [
  { table: 'credit_repair_number_sequence', records: 'credit_repair_application' },
  { table: 'inspection_number_sequence', records: 'inspection' },
];

/**
 * 信用修复 (-XF) and 综合查一次 (-JC) numbers get counters of their own; they drew from the intake counter, which left
 * gaps in the intake series. Each new counter starts after the highest number its records already carry
 * (XX-XF-2026-000057 → 57), so no number is handed out twice.
 */
export class NumberSeries1764650000000 implements MigrationInterface {
  name = 'NumberSeries1764650000000';

  async up(db: QueryRunner): Promise<void> {
    for (const { table, records } of series) {
      await db.query(`CREATE TABLE ${table} (
        district_id varchar(64) NOT NULL,
        year smallint NOT NULL,
        last_value int NOT NULL,
        PRIMARY KEY (district_id, year)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
      await db.query(`INSERT INTO ${table} (district_id, year, last_value)
        SELECT district_id,
               CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(case_number, '-', -2), '-', 1) AS UNSIGNED),
               MAX(CAST(SUBSTRING_INDEX(case_number, '-', -1) AS UNSIGNED))
        FROM ${records}
        WHERE case_number IS NOT NULL
        GROUP BY district_id, CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(case_number, '-', -2), '-', 1) AS UNSIGNED)`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const { table } of [...series].reverse()) await db.query(`DROP TABLE ${table}`);
  }
}
