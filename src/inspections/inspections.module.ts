import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FlowsModule } from '../flows/flows.module';
import { InspectionsController } from './inspections.controller';
import { InspectionsService } from './inspections.service';

@Module({ imports: [AuditModule, FlowsModule], controllers: [InspectionsController], providers: [InspectionsService] })
export class InspectionsModule {}
