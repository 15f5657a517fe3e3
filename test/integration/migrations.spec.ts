import { createConnection } from 'mysql2/promise';
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

  it('creates every table, removes them all again, and can be applied once more', async () => {
    expect(await migrate('up', env)).toEqual(['Foundation1764000000000', 'Deployments1764100000000']);
    expect(await tables()).toEqual(['audit_chain_head', 'audit_entry', 'case_number_sequence', 'deployment', 'district', 'intake', 'migrations', 'processed_task', 'worker_heartbeat']);

    expect(await migrate('up', env)).toEqual([]);

    expect(await migrate('down-all', env)).toEqual(['Deployments1764100000000', 'Foundation1764000000000']);
    expect(await tables()).toEqual(['migrations']);

    expect(await migrate('up', env)).toEqual(['Foundation1764000000000', 'Deployments1764100000000']);
    expect(await tables()).toContain('deployment');
  });
});
