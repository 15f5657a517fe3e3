import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditModule } from '../audit/audit.module';
import { AuditService } from '../audit/audit.service';
import { EngineClient } from '../engine-client/engine-client';
import { DeploymentsController } from './deployments.controller';
import { DeploymentsService } from './deployments.service';
import { ModelGuard } from './model-guard/model-guard';
import { ModelValidationController } from './model-validation.controller';
import { ModelValidationService } from './model-validation.service';
import { ModelXmlBodyMiddleware } from './model-xml-body.middleware';
import { TemplatesController } from './templates.controller';

@Module({
  imports: [AuditModule],
  controllers: [ModelValidationController, DeploymentsController, TemplatesController],
  providers: [
    ModelValidationService,
    { provide: ModelGuard, useFactory: () => new ModelGuard() },
    {
      provide: DeploymentsService,
      inject: [DataSource, EngineClient, AuditService, ModelGuard],
      useFactory: (dataSource: DataSource, engine: EngineClient, audit: AuditService, guard: ModelGuard) => new DeploymentsService(dataSource, engine, audit, guard),
    },
  ],
  exports: [ModelGuard, DeploymentsService],
})
export class DeploymentsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ModelXmlBodyMiddleware).forRoutes({ path: 'models/validate', method: RequestMethod.POST });
  }
}
