import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { User } from '../auth/current-user';
import type { CurrentUser } from '../auth/current-user';
import { parseOrThrow } from '../errors/validate';
import { createIntakeSchema, intakeFieldMessages } from './intake.dto';
import { IntakesService } from './intakes.service';

@Controller('intakes')
export class IntakesController {
  constructor(private readonly intakes: IntakesService) {}

  @Post()
  @HttpCode(201)
  async create(@User() user: CurrentUser, @Body() body: unknown) {
    const intake = await this.intakes.create(user, parseOrThrow(createIntakeSchema, body, intakeFieldMessages));
    return { id: intake.id, businessKey: intake.businessKey, processInstanceId: intake.processInstanceId };
  }
}
