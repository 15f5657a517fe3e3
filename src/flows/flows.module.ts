import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { FlowStarter } from './flow-starter';

@Module({ imports: [AuditModule], providers: [FlowStarter], exports: [FlowStarter] })
export class FlowsModule {}
