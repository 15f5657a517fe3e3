import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { User } from '../auth/current-user';
import type { CurrentUser } from '../auth/current-user';
import { parseOrThrow } from '../errors/validate';
import { TasksService } from './tasks.service';

const submissionSchema = z.record(z.string().regex(/^[A-Za-z_][\w]{0,63}$/), z.unknown());

@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  list(@User() user: CurrentUser) {
    return this.tasks.list(user);
  }

  @Get(':id')
  detail(@User() user: CurrentUser, @Param('id') id: string) {
    return this.tasks.detail(user, id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  claim(@User() user: CurrentUser, @Param('id') id: string) {
    return this.tasks.claim(user, id);
  }

  @Post(':id/complete')
  @HttpCode(200)
  complete(@User() user: CurrentUser, @Param('id') id: string, @Body() body: unknown) {
    return this.tasks.complete(user, id, parseOrThrow(submissionSchema, body ?? {}));
  }
}
