import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';

@Module({ imports: [AuditModule], controllers: [IncidentsController], providers: [IncidentsService] })
export class IncidentsModule {}
