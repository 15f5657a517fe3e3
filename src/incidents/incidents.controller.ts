import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { User } from '../auth/current-user';
import type { CurrentUser } from '../auth/current-user';
import { IncidentsService } from './incidents.service';

@Controller('incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  list(@User() user: CurrentUser) {
    return this.incidents.list(user);
  }

  @Get(':id')
  get(@User() user: CurrentUser, @Param('id') id: string) {
    return this.incidents.get(user, id);
  }

  @Post(':id/retry')
  @HttpCode(200)
  retry(@User() user: CurrentUser, @Param('id') id: string) {
    return this.incidents.retry(user, id);
  }
}
