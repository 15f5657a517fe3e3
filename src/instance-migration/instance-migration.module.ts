import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DraftsModule } from '../drafts/drafts.module';
import { InstanceMigrationController } from './instance-migration.controller';
import { InstanceMigrationService } from './instance-migration.service';

@Module({
  imports: [AuditModule, DraftsModule],
  controllers: [InstanceMigrationController],
  providers: [InstanceMigrationService],
})
export class InstanceMigrationModule {}
