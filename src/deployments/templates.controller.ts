import { Body, Controller, Post, Res, UploadedFiles } from '@nestjs/common';
import type { Response } from 'express';
import { User } from '../auth/current-user';
import type { CurrentUser } from '../auth/current-user';
import { ModelUpload, uploadedModels } from './deployments.controller';
import { DeploymentsService, mayDeployTemplates } from './deployments.service';

/** 省级模板: the province deploys new template versions (no tenant); districts with a variant then see 模板有更新. */
@Controller('templates')
export class TemplatesController {
  constructor(private readonly deployments: DeploymentsService) {}

  @Post()
  @ModelUpload(mayDeployTemplates)
  async create(
    @User() user: CurrentUser,
    @UploadedFiles() files: Express.Multer.File[] | undefined,
    @Body() body: Record<string, unknown> | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const outcome = await this.deployments.createTemplate(user, uploadedModels(files), { ...(body ?? {}) });
    response.status(outcome.valid ? 201 : 422);
    return outcome.valid ? outcome.template : outcome;
  }
}
