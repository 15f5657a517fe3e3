import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { z } from 'zod';
import { User } from '../auth/current-user';
import type { CurrentUser } from '../auth/current-user';
import { errorCatalog } from '../errors/app-error';
import { parseOrThrow } from '../errors/validate';
import { InstanceMigrationService } from './instance-migration.service';

const migrateSchema = z.object({ sourceDefinitionId: z.string().min(1).max(64) }).strict();

@Controller()
export class InstanceMigrationController {
  constructor(private readonly migrations: InstanceMigrationService) {}

  @Get('deployments/:id/migration-plan')
  plan(@User() user: CurrentUser, @Param('id') id: string) {
    return this.migrations.plan(user, id);
  }

  /** 202 with the batch id; 422 with the engine's validation report when the plan is refused. */
  @Post('deployments/:id/migrate')
  async migrate(@User() user: CurrentUser, @Param('id') id: string, @Body() body: unknown, @Res({ passthrough: true }) response: Response) {
    const { sourceDefinitionId } = parseOrThrow(migrateSchema, body ?? {});
    const outcome = await this.migrations.migrate(user, id, sourceDefinitionId);
    if (!outcome.valid) {
      const { status, zh, en } = errorCatalog.MIGRATION_INVALID;
      response.status(status);
      return { statusCode: status, code: 'MIGRATION_INVALID', message: { zh, en }, report: outcome.report };
    }
    response.status(202);
    return outcome;
  }

  @Get('migrations/:batchId')
  progress(@User() user: CurrentUser, @Param('batchId') batchId: string) {
    return this.migrations.progress(user, batchId);
  }
}
