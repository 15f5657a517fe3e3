import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LoginFailureImport } from '../src/audit/login-failures';
import { AuditService } from '../src/audit/audit.service';
import { APP_CONFIG } from '../src/config/config.module';
import type { AppConfig } from '../src/config/config.schema';
import { ServiceTokenProvider } from '../src/engine-client/service-token';

const DAY_MS = 24 * 60 * 60_000;

/** Every few seconds, copies new failed logins from Keycloak into the audit trail. */
@Injectable()
export class LoginFailurePoller implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LoginFailurePoller.name);
  private readonly import: LoginFailureImport;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, dataSource: DataSource, audit: AuditService) {
    const { keycloak, worker } = config;
    // The workers' service account holds realm-management's view-events and view-users for this, nothing more.
    const tokens = ServiceTokenProvider.forRealm(keycloak.url, keycloak.realm, worker.serviceClient);
    this.import = LoginFailureImport.forRealm(keycloak.url, keycloak.realm, tokens, dataSource, audit);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.poll(), this.config.audit.loginFailurePollMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private poll(): Promise<void> {
    // Keycloak filters by day: looking back one day and skipping what is already imported loses nothing at midnight.
    this.running ??= this.import
      .importSince(new Date(Date.now() - DAY_MS))
      .then((count) => count > 0 && this.logger.log(`${count} failed login(s) added to the audit trail`))
      .catch((error: unknown) => this.logger.warn(`importing failed logins: ${String(error)}`))
      .then(() => void (this.running = null));
    return this.running;
  }
}
