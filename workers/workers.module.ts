import { Module } from '@nestjs/common';
import { AuditModule } from '../src/audit/audit.module';
import { ConfigModule } from '../src/config/config.module';
import { DatabaseModule } from '../src/database/database.module';
import { DistrictsModule } from '../src/districts/districts.module';
import { EngineSubscriptions, TOPIC_HANDLERS } from './engine-subscriptions';
import { Heartbeat } from './heartbeat';
import { LoginFailurePoller } from './login-failure-poller';
import { IntakeFeedbackHandler } from './topics/intake-feedback.handler';
import { IntakeRegisterHandler } from './topics/intake-register.handler';

const handlers = [IntakeRegisterHandler, IntakeFeedbackHandler];

/** The workers: the API's modules and entities, no HTTP. */
@Module({
  imports: [ConfigModule, DatabaseModule, AuditModule, DistrictsModule],
  providers: [...handlers, { provide: TOPIC_HANDLERS, inject: handlers, useFactory: (...all) => all }, Heartbeat, LoginFailurePoller, EngineSubscriptions],
})
export class WorkersModule {}
