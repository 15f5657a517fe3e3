import { Controller, Get, Header, Param } from '@nestjs/common';
import { User } from '../auth/current-user';
import type { CurrentUser } from '../auth/current-user';
import { CasesService } from './cases.service';

@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Get()
  recent(@User() user: CurrentUser) {
    return this.cases.recent(user);
  }

  @Get(':businessKey')
  get(@User() user: CurrentUser, @Param('businessKey') businessKey: string) {
    return this.cases.get(user, businessKey);
  }

  @Get(':businessKey/diagram')
  @Header('content-type', 'application/xml; charset=utf-8')
  diagram(@User() user: CurrentUser, @Param('businessKey') businessKey: string) {
    return this.cases.diagram(user, businessKey);
  }
}
