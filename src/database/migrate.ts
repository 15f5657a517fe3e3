import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config.schema';
import { dataSourceOptions } from './data-source-options';

/** `node dist/src/database/migrate.js up|down-all`: runs or reverts the business schema's migrations. */
export async function migrate(direction: 'up' | 'down-all', env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(loadConfig(env)));
  await dataSource.initialize();
  try {
    if (direction === 'up') {
      return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
    }
    const reverted: string[] = [];
    for (;;) {
      const executed = await dataSource.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`).catch(() => []);
      if (executed.length === 0) return reverted;
      await dataSource.undoLastMigration({ transaction: 'each' });
      reverted.push(executed[0].name);
    }
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  const direction = process.argv[2] === 'down-all' ? 'down-all' : 'up';
  migrate(direction).then(
    (names) => console.log(names.length ? `${direction}: ${names.join(', ')}` : `${direction}: nothing to do`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
