import { createConnection } from 'mysql2/promise';
import { migrations } from '../../src/database/data-source-options';
import { migrate } from '../../src/database/migrate';
import { testProfile } from '../support/api';

const SCHEMA = 'xietong_test_migrations';
const env = { ...testProfile.env, DATABASE_NAME: SCHEMA };

async function tables(): Promise<string[]> {
  const connection = await createConnection({ uri: `${testProfile.database.url}/${SCHEMA}` });
  try {
    const [rows] = await connection.query('SHOW TABLES');
    return (rows as Array<Record<string, string>>).map((row) => Object.values(row)[0]).sort();
  } finally {
    await connection.end();
  }
}

describe('business schema migrations on the real MariaDB', () => {
  beforeAll(async () => {
    const connection = await createConnection({ uri: testProfile.database.url });
    await connection.query(`DROP DATABASE IF EXISTS ${SCHEMA}`);
    await connection.query(`CREATE DATABASE ${SCHEMA} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await connection.end();
  });

  // In the order they were written: a migration numbered before one already applied would be skipped in production.
  const names = migrations.map((migration) => migration.name).sort((a, b) => Number(a.match(/\d+$/)?.[0]) - Number(b.match(/\d+$/)?.[0]));

  it('creates every table, removes them all again, and can be applied once more', async () => {
    expect(await migrate('up', env)).toEqual(names);
    expect(await tables()).toEqual(
      expect.arrayContaining(['audit_chain_head', 'audit_entry', 'case_number_sequence', 'deployment', 'district', 'intake', 'processed_task', 'worker_heartbeat', 'outbox', 'rapid_response_clock', 'penalty_case', 'credit_repair_application', 'inspection']),
    );

    expect(await migrate('up', env)).toEqual([]);

    expect(await migrate('down-all', env)).toEqual([...names].reverse());
    expect(await tables()).toEqual(['migrations']);

    expect(await migrate('up', env)).toEqual(names);
    expect(await tables()).toContain('deployment');
  });
});
