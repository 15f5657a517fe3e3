import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InvalidConfigError, loadConfig } from '../src/config/config.schema';
import { EngineSubscriptions } from './engine-subscriptions';
import { WorkersModule } from './workers.module';

async function bootstrap(): Promise<void> {
  loadConfig();
  const app = await NestFactory.createApplicationContext(WorkersModule, { logger: ['error', 'warn', 'log'] });
  // SIGTERM/SIGINT run the shutdown hooks: stop fetching, finish or give back running tasks, drop the heartbeat.
  app.enableShutdownHooks();
  await app.get(EngineSubscriptions).start();
  new Logger('xietong-workers').log('workers started');
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigError ? error.message : error);
  process.exit(1);
});
