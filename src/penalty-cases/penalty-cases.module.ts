import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FlowsModule } from '../flows/flows.module';
import { PenaltyCasesController } from './penalty-cases.controller';
import { PenaltyCasesService } from './penalty-cases.service';

@Module({ imports: [AuditModule, FlowsModule], controllers: [PenaltyCasesController], providers: [PenaltyCasesService] })
export class PenaltyCasesModule {}
