import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ModelGuard } from './model-guard/model-guard';
import { ModelValidationController } from './model-validation.controller';
import { ModelValidationService } from './model-validation.service';
import { ModelXmlBodyMiddleware } from './model-xml-body.middleware';

@Module({
  controllers: [ModelValidationController],
  providers: [ModelValidationService, { provide: ModelGuard, useFactory: () => new ModelGuard() }],
  exports: [ModelGuard],
})
export class DeploymentsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ModelXmlBodyMiddleware).forRoutes({ path: 'models/validate', method: RequestMethod.POST });
  }
}
