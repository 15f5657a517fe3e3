import { Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { EngineClient } from './engine-client';
import { ServiceTokenProvider } from './service-token';

/** The API's door to the engine, with the API's own service account. */
@Global()
@Module({
  providers: [
    {
      provide: EngineClient,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new EngineClient(config.engine.url, ServiceTokenProvider.forRealm(config.keycloak.url, config.keycloak.realm, config.api.serviceClient)),
    },
  ],
  exports: [EngineClient],
})
export class EngineClientModule {}
