import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DeploymentsModule } from '../deployments/deployments.module';
import { DraftsController, TemplateUpdatesController } from './drafts.controller';
import { DistrictModels } from './district-models';
import { DraftsService } from './drafts.service';
import { ModelVersions } from './model-versions';
import { TemplateUpdatesService } from './template-updates.service';

@Module({
  imports: [AuditModule, DeploymentsModule],
  controllers: [DraftsController, TemplateUpdatesController],
  providers: [DraftsService, ModelVersions, DistrictModels, TemplateUpdatesService],
  exports: [ModelVersions],
})
export class DraftsModule {}
