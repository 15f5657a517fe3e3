import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FlowsModule } from '../flows/flows.module';
import { CreditRepairsController } from './credit-repairs.controller';
import { CreditRepairsService } from './credit-repairs.service';

@Module({ imports: [AuditModule, FlowsModule], controllers: [CreditRepairsController], providers: [CreditRepairsService] })
export class CreditRepairsModule {}
