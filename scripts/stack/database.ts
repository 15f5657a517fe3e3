// The MySQL/MariaDB server the stack needs: reachable, with the profile's two schemas.
import mysql from 'mysql2/promise';
import { parseDatabaseUrl, redact, type Profile } from './profiles';
import { StackError } from './stack-error';

const CONNECT_TIMEOUT_MS = 5000;

async function connect(profile: Profile): Promise<mysql.Connection> {
  const server = parseDatabaseUrl(profile.database.url);
  try {
    return await mysql.createConnection({
      host: server.host,
      port: server.port,
      user: server.user,
      password: server.password,
      connectTimeout: CONNECT_TIMEOUT_MS,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = (error instanceof Error && error.message) || code || String(error);
    const tried = `tried ${server.host}:${server.port} as user "${server.user}" (DATABASE_URL=${redact(profile.database.url)}): ${reason}`;
    // An ER_ code is the server's own answer: it runs, but will not have us.
    if (code?.startsWith('ER_')) {
      throw new StackError(`The database refused the connection: ${tried}\nFix the user and password in DATABASE_URL (mysql://user[:password]@host[:port]).`);
    }
    throw new StackError(
      [
        `Cannot reach the database: ${tried}`,
        'Start MySQL or MariaDB and run the command again, for example:',
        '  sudo service mariadb start',
        '  sudo start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd',
        '  docker compose up -d mysql',
        'or point DATABASE_URL at a running server (mysql://user[:password]@host[:port]).',
      ].join('\n'),
    );
  }
}

async function withConnection<T>(profile: Profile, work: (connection: mysql.Connection) => Promise<T>): Promise<T> {
  const connection = await connect(profile);
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
}

/** The business schema sorts text like people do; Camunda compares its ids and keys case-sensitively. */
function schemasOf(profile: Profile): { name: string; collation: string }[] {
  for (const name of [profile.database.name, profile.database.engineName]) {
    if (!/^\w+$/.test(name)) throw new StackError(`Schema name "${name}" may hold only letters, digits and _`);
  }
  return [
    { name: profile.database.name, collation: 'utf8mb4_unicode_ci' },
    { name: profile.database.engineName, collation: 'utf8mb4_bin' },
  ];
}

/** Creates the profile's schemas that are missing; returns their names. */
export function ensureSchemas(profile: Profile): Promise<string[]> {
  return withConnection(profile, async (connection) => {
    const created: string[] = [];
    for (const schema of schemasOf(profile)) {
      const [rows] = await connection.query<mysql.RowDataPacket[]>(
        'SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
        [schema.name],
      );
      if (rows.length > 0) continue;
      await connection.query(`CREATE DATABASE \`${schema.name}\` CHARACTER SET utf8mb4 COLLATE ${schema.collation}`);
      created.push(schema.name);
    }
    return created;
  });
}

/** Drops and recreates the test schemas, so every test run starts from nothing. Never for dev data. */
export function resetSchemas(profile: Profile): Promise<void> {
  if (profile.name !== 'test') throw new Error(`refusing to reset the schemas of profile ${profile.name}`);
  return withConnection(profile, async (connection) => {
    for (const schema of schemasOf(profile)) {
      await connection.query(`DROP DATABASE IF EXISTS \`${schema.name}\``);
      await connection.query(`CREATE DATABASE \`${schema.name}\` CHARACTER SET utf8mb4 COLLATE ${schema.collation}`);
    }
  });
}

/** Whether the server answers at all, for `npm run status`. */
export async function databaseAnswers(profile: Profile): Promise<boolean> {
  try {
    await withConnection(profile, (connection) => connection.ping());
    return true;
  } catch {
    return false;
  }
}
