import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { User } from '../auth/current-user';
import type { CurrentUser } from '../auth/current-user';
import { AppError } from '../errors/app-error';
import { parseOrThrow } from '../errors/validate';
import { approveSchema, createDraftSchema, draftFieldMessages, returnSchema, saveRevisionSchema } from './draft.dto';
import { DraftsService } from './drafts.service';
import { TemplateUpdatesService } from './template-updates.service';

@Controller('drafts')
export class DraftsController {
  constructor(private readonly drafts: DraftsService) {}

  @Post()
  create(@User() user: CurrentUser, @Body() body: unknown) {
    return this.drafts.create(user, parseOrThrow(createDraftSchema, body ?? {}, draftFieldMessages));
  }

  @Get()
  list(@User() user: CurrentUser) {
    return this.drafts.list(user);
  }

  @Get(':id')
  get(@User() user: CurrentUser, @Param('id') id: string) {
    return this.drafts.get(user, id);
  }

  @Put(':id')
  save(@User() user: CurrentUser, @Param('id') id: string, @Body() body: unknown) {
    return this.drafts.save(user, id, parseOrThrow(saveRevisionSchema, body ?? {}, draftFieldMessages));
  }

  @Get(':id/revisions/:revision')
  async revision(@User() user: CurrentUser, @Param('id') id: string, @Param('revision') revision: string) {
    if (!/^\d{1,6}$/.test(revision)) throw new AppError('NOT_FOUND');
    return { revision: Number(revision), xml: await this.drafts.revisionXml(user, id, Number(revision)) };
  }

  @Get(':id/diff')
  diff(@User() user: CurrentUser, @Param('id') id: string, @Query('against') against: unknown) {
    return this.drafts.diff(user, id, against);
  }

  @Post(':id/submit')
  @HttpCode(200)
  submit(@User() user: CurrentUser, @Param('id') id: string) {
    return this.drafts.submit(user, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  approve(@User() user: CurrentUser, @Param('id') id: string, @Body() body: unknown) {
    return this.drafts.approve(user, id, parseOrThrow(approveSchema, body ?? {}, draftFieldMessages).comment);
  }

  @Post(':id/return')
  @HttpCode(200)
  returnToDesigner(@User() user: CurrentUser, @Param('id') id: string, @Body() body: unknown) {
    return this.drafts.returnToDesigner(user, id, parseOrThrow(returnSchema, body ?? {}, draftFieldMessages).comment);
  }
}

@Controller()
export class TemplateUpdatesController {
  constructor(private readonly updates: TemplateUpdatesService) {}

  @Get('template-updates')
  list(@User() user: CurrentUser) {
    return this.updates.list(user);
  }

  @Get('deployments/:id/diff')
  deploymentDiff(@User() user: CurrentUser, @Param('id') id: string, @Query('against') against: unknown, @Query('key') key: unknown) {
    return this.updates.deploymentDiff(user, id, against, key);
  }
}
