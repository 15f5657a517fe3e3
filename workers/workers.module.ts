import { Module } from '@nestjs/common';
import { AuditModule } from '../src/audit/audit.module';
import { APP_CONFIG, ConfigModule } from '../src/config/config.module';
import { DatabaseModule } from '../src/database/database.module';
import { DistrictsModule } from '../src/districts/districts.module';
import { EngineSubscriptions, TOPIC_HANDLERS } from './engine-subscriptions';
import { Heartbeat } from './heartbeat';
import { LoginFailurePoller } from './login-failure-poller';
import { CreditCheckMaterialsHandler } from './topics/credit-check-materials.handler';
import { CreditDecideHandler } from './topics/credit-decide.handler';
import { CreditPublishHandler } from './topics/credit-publish.handler';
import { InspectionOpenHandler } from './topics/inspection-open.handler';
import { InspectionDepartmentHandler } from './topics/inspection-department.handler';
import { InspectionRecordFindingsHandler } from './topics/inspection-record-findings.handler';
import { InspectionMergeProblemsHandler } from './topics/inspection-merge-problems.handler';
import { InspectionRecordReinspectionHandler } from './topics/inspection-record-reinspection.handler';
import { InspectionCloseHandler } from './topics/inspection-close.handler';
import { CaseCloseHandler } from './topics/case-close.handler';
import { CaseFileHandler } from './topics/case-file.handler';
import { CaseRecordExemptionHandler } from './topics/case-record-exemption.handler';
import { CaseRecordReviewHandler } from './topics/case-record-review.handler';
import { DocumentGenerateHandler } from './topics/document-generate.handler';
import { IntakeFeedbackHandler } from './topics/intake-feedback.handler';
import { IntakeRegisterHandler } from './topics/intake-register.handler';
import { IntakeDedupeHandler } from './topics/intake-dedupe.handler';
import { IntakeTriageSuggestHandler } from './topics/intake-triage-suggest.handler';
import { IntakeDispatchHandler } from './topics/intake-dispatch.handler';
import { IntakeSuperviseHandler } from './topics/intake-supervise.handler';
import { IntakeRapidClockHandler } from './topics/intake-rapid-clock.handler';
import { IntakeEscalateHandler } from './topics/intake-escalate.handler';
import { IntakeEscalationReturnHandler } from './topics/intake-escalation-return.handler';
import { NotifyHandler } from './topics/notify.handler';
import { OutboxDispatcher } from './outbox/outbox-dispatcher';
import type { AppConfig } from '../src/config/config.schema';
import { DataSource } from 'typeorm';

const handlers = [IntakeRegisterHandler, IntakeFeedbackHandler, IntakeDedupeHandler, IntakeTriageSuggestHandler, IntakeDispatchHandler, IntakeSuperviseHandler, IntakeRapidClockHandler, IntakeEscalateHandler, IntakeEscalationReturnHandler, NotifyHandler, CreditCheckMaterialsHandler, CreditDecideHandler, CreditPublishHandler, InspectionOpenHandler, InspectionDepartmentHandler, InspectionRecordFindingsHandler, InspectionMergeProblemsHandler, InspectionRecordReinspectionHandler, InspectionCloseHandler, CaseFileHandler, CaseRecordExemptionHandler, CaseRecordReviewHandler, DocumentGenerateHandler, CaseCloseHandler];

/** The workers: the API's modules and entities, no HTTP. */
@Module({
  imports: [ConfigModule, DatabaseModule, AuditModule, DistrictsModule],
  providers: [...handlers, { provide: TOPIC_HANDLERS, inject: handlers, useFactory: (...all) => all }, Heartbeat, LoginFailurePoller, EngineSubscriptions, { provide: OutboxDispatcher, inject: [DataSource, APP_CONFIG], useFactory: (db: DataSource, config: AppConfig) => new OutboxDispatcher(db, config.notify) }],
})
export class WorkersModule {}
