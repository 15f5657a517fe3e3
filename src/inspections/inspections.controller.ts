import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { User } from '../auth/current-user';
import type { CurrentUser } from '../auth/current-user';
import { parseOrThrow } from '../errors/validate';
import { createInspectionSchema, inspectionFieldMessages } from './inspection.dto';
import { InspectionsService } from './inspections.service';

@Controller('inspections')
export class InspectionsController {
  constructor(private readonly inspections: InspectionsService) {}

  @Post()
  @HttpCode(201)
  async create(@User() user: CurrentUser, @Body() body: unknown) {
    const inspection = await this.inspections.create(user, parseOrThrow(createInspectionSchema, body, inspectionFieldMessages));
    return { id: inspection.id, businessKey: inspection.businessKey, processInstanceId: inspection.processInstanceId };
  }

  @Get()
  list(@User() user: CurrentUser) {
    return this.inspections.list(user);
  }

  /** The scenarios (一个场景一张清单) an inspection can be planned for. */
  @Get('scenarios')
  scenarios() {
    return this.inspections.scenarios();
  }

  @Get(':id')
  get(@User() user: CurrentUser, @Param('id') id: string) {
    return this.inspections.get(user, id);
  }
}
