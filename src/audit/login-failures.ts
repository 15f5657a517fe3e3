import { In, type DataSource } from 'typeorm';
import type { ServiceTokenProvider } from '../engine-client/service-token';
import { AuditEntry } from './audit-entry.entity';
import type { AuditService } from './audit.service';

export const LOGIN_FAILURE_ACTION = 'auth.login-failure';
/** The district of a failure whose username matches no user: nobody's district, visible to province-wide review. */
export const UNATTRIBUTED_DISTRICT = 'unattributed';

/** The fields of a Keycloak user event this import reads (GET /admin/realms/{realm}/events). */
export interface KeycloakEvent {
  id?: string;
  time: number;
  type: string;
  clientId?: string;
  userId?: string | null;
  ipAddress?: string;
  error?: string;
  details?: Record<string, string | undefined>;
}

/** Keycloak 26 gives every event an id; older servers don't, so time, user and address stand in for it. */
export function eventKey(event: KeycloakEvent): string {
  return event.id ?? `${event.time}-${event.userId ?? event.details?.username ?? '?'}-${event.ipAddress ?? '?'}`;
}

/** The audit row of one failed login; the password is never in an event, so nothing secret is copied. */
export function toAuditRecord(event: KeycloakEvent, districtId: string | null) {
  return {
    districtId: districtId ?? UNATTRIBUTED_DISTRICT,
    actor: event.details?.username ?? event.userId ?? 'unknown',
    action: LOGIN_FAILURE_ACTION,
    subjectType: 'login',
    subjectId: eventKey(event).slice(0, 64),
    before: null,
    after: { error: event.error ?? null, clientId: event.clientId ?? null, ipAddress: event.ipAddress ?? null, userId: event.userId ?? null },
    at: new Date(event.time),
  };
}

/**
 * Copies Keycloak's LOGIN_ERROR events into the hash-chained audit trail. Each event is imported once:
 * the check for an existing row runs under the audit chain's lock, so two importers never both append it.
 */
export class LoginFailureImport {
  constructor(
    private readonly adminUrl: string,
    private readonly tokens: ServiceTokenProvider,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  static forRealm(keycloakUrl: string, realm: string, tokens: ServiceTokenProvider, dataSource: DataSource, audit: AuditService) {
    return new LoginFailureImport(`${keycloakUrl}/admin/realms/${encodeURIComponent(realm)}`, tokens, dataSource, audit);
  }

  /** Imports what Keycloak holds from `since` on (newest 200 at most per run); returns how many rows were appended. */
  async importSince(since: Date): Promise<number> {
    const events = await this.get<KeycloakEvent[]>(`/events?type=LOGIN_ERROR&dateFrom=${since.toISOString().slice(0, 10)}&first=0&max=200`);
    if (events.length === 0) return 0;
    const districts = await this.districtsOf(events);
    return this.dataSource.transaction(async (manager) => {
      // Taking the chain head first serialises importers: the existence check below cannot race another append.
      await manager.query('SELECT last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE');
      const keys = events.map((event) => eventKey(event).slice(0, 64));
      const known = new Set(
        (await manager.find(AuditEntry, { select: { subjectId: true }, where: { action: LOGIN_FAILURE_ACTION, subjectId: In(keys) } })).map((row) => row.subjectId),
      );
      const fresh = events.filter((event) => !known.has(eventKey(event).slice(0, 64))).sort((a, b) => a.time - b.time);
      for (const event of fresh) {
        await this.audit.append(manager, toAuditRecord(event, event.userId ? (districts.get(event.userId) ?? null) : null));
      }
      return fresh.length;
    });
  }

  /** The district attribute of each known user among the events. */
  private async districtsOf(events: KeycloakEvent[]): Promise<Map<string, string>> {
    const userIds = [...new Set(events.map((event) => event.userId).filter((id): id is string => Boolean(id)))];
    const districts = new Map<string, string>();
    for (const userId of userIds) {
      const user = await this.get<{ attributes?: Record<string, string[]> } | null>(`/users/${encodeURIComponent(userId)}`, true);
      const district = user?.attributes?.district?.[0];
      if (district) districts.set(userId, district);
    }
    return districts;
  }

  private async get<T>(path: string, missingIsNull = false): Promise<T> {
    const response = await fetch(`${this.adminUrl}${path}`, {
      headers: { authorization: `Bearer ${await this.tokens.token()}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (missingIsNull && response.status === 404) return null as T;
    if (!response.ok) throw new Error(`Keycloak ${path.split('?')[0]} answered ${response.status}`);
    return (await response.json()) as T;
  }
}
