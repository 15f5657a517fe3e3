import type { ServiceClient } from '../config/config.schema';

interface CachedToken {
  value: string;
  refreshAt: number;
}

/** Client-credentials token of one confidential client, refreshed shortly before it expires. */
export class ServiceTokenProvider {
  private cached: CachedToken | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly tokenUrl: string,
    private readonly client: ServiceClient,
  ) {}

  static forRealm(keycloakUrl: string, realm: string, client: ServiceClient): ServiceTokenProvider {
    return new ServiceTokenProvider(`${keycloakUrl}/realms/${realm}/protocol/openid-connect/token`, client);
  }

  async token(): Promise<string> {
    if (this.cached && Date.now() < this.cached.refreshAt) return this.cached.value;
    // One request in flight at a time, however many callers ask at once.
    this.pending ??= this.fetchToken().finally(() => (this.pending = null));
    return this.pending;
  }

  /** Forget the cached token, e.g. after the engine answered 401 because Keycloak rotated its keys. */
  invalidate(): void {
    this.cached = null;
  }

  private async fetchToken(): Promise<string> {
    const response = await fetch(this.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.client.id, client_secret: this.client.secret }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) {
      throw new Error(`Keycloak refused a service token for ${this.client.id}: ${response.status} ${await response.text()}`);
    }
    const body = (await response.json()) as { access_token: string; expires_in: number };
    const lifetimeMs = body.expires_in * 1000;
    this.cached = { value: body.access_token, refreshAt: Date.now() + Math.max(lifetimeMs - 30_000, lifetimeMs / 2) };
    return body.access_token;
  }
}
