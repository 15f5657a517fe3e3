import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { IntakesController } from './intakes.controller';
import { IntakesService } from './intakes.service';

@Module({ imports: [AuditModule], controllers: [IntakesController], providers: [IntakesService] })
export class IntakesModule {}
