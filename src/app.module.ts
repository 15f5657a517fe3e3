import { Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ServeStaticModule } from '@nestjs/serve-static';
import { join } from 'node:path';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DeploymentsModule } from './deployments/deployments.module';
import { DraftsModule } from './drafts/drafts.module';
import { InstanceMigrationModule } from './instance-migration/instance-migration.module';
import { EngineClientModule } from './engine-client/engine-client.module';
import { AppErrorFilter } from './errors/app-error.filter';
import { HealthModule } from './health/health.module';
import { IncidentsModule } from './incidents/incidents.module';
import { IntakesModule } from './intakes/intakes.module';
import { PenaltyCasesModule } from './penalty-cases/penalty-cases.module';
import { CreditRepairsModule } from './credit-repairs/credit-repairs.module';
import { InspectionsModule } from './inspections/inspections.module';
import { MetricsModule } from './metrics/metrics.module';
import { ModelerCatalogModule } from './modeler-catalog/modeler-catalog.module';
import { TasksModule } from './tasks/tasks.module';
import { repoRoot } from './repo-root';

@Module({
  imports: [
    ConfigModule,
    DatabaseModule,
    EngineClientModule,
    AuthModule,
    IntakesModule,
    PenaltyCasesModule,
    CreditRepairsModule,
    InspectionsModule,
    TasksModule,
    CasesModule,
    IncidentsModule,
    MetricsModule,
    DeploymentsModule,
    DraftsModule,
    InstanceMigrationModule,
    ModelerCatalogModule,
    HealthModule,
    ServeStaticModule.forRoot({ rootPath: join(repoRoot, 'modeler-ui', 'dist'), exclude: ['/api/{*rest}'] }),
  ],
  providers: [{ provide: APP_FILTER, useClass: AppErrorFilter }],
})
export class AppModule {}
