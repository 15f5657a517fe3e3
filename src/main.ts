import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { InvalidConfigError, loadConfig } from './config/config.schema';
import { bodyParserErrors } from './errors/app-error.filter';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    logger: logLevels(config.logLevel),
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: '1mb' });
  app.use(bodyParserErrors);
  app.setGlobalPrefix('api');
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  await app.listen(config.api.port);
  new Logger('xietong').log(`API listening on ${config.api.publicUrl}`);
}

function logLevels(level: string): Array<'error' | 'warn' | 'log' | 'debug'> {
  const all = ['error', 'warn', 'log', 'debug'] as const;
  return all.slice(0, { error: 1, warn: 2, info: 3, debug: 4 }[level] ?? 3);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof InvalidConfigError ? error.message : error);
  process.exit(1);
});
