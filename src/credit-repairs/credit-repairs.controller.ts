import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { User } from '../auth/current-user';
import type { CurrentUser } from '../auth/current-user';
import { parseOrThrow } from '../errors/validate';
import { createCreditRepairSchema, creditRepairFieldMessages } from './credit-repair.dto';
import { CreditRepairsService } from './credit-repairs.service';

@Controller('credit-repairs')
export class CreditRepairsController {
  constructor(private readonly creditRepairs: CreditRepairsService) {}

  @Post()
  @HttpCode(201)
  async create(@User() user: CurrentUser, @Body() body: unknown) {
    const application = await this.creditRepairs.create(user, parseOrThrow(createCreditRepairSchema, body, creditRepairFieldMessages));
    return { id: application.id, businessKey: application.businessKey, processInstanceId: application.processInstanceId };
  }

  @Get()
  list(@User() user: CurrentUser) {
    return this.creditRepairs.list(user);
  }

  @Get(':id')
  get(@User() user: CurrentUser, @Param('id') id: string) {
    return this.creditRepairs.get(user, id);
  }
}
