import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import type { CurrentUser } from './current-user';
import { isRole } from './roles';

// keycloak-connect ships no types for its internals; these are the two pieces the guard uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const GrantManager = require('keycloak-connect/middleware/auth-utils/grant-manager');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Rotation = require('keycloak-connect/middleware/auth-utils/rotation');

interface VerifiedToken {
  content: Record<string, unknown>;
}

export class TokenRejected extends Error {}

/**
 * The only place that knows how tokens are checked, so keycloak-connect (deprecated upstream) can be swapped.
 * keycloak-connect checks signature, expiry, type and issuer; it does not check the audience or the
 * authorized party of an access token, so this class does.
 */
@Injectable()
export class TokenVerifier {
  private readonly grants: { validateToken(token: unknown, type: string): Promise<VerifiedToken> };
  private readonly Token: new (raw: string, clientId: string) => unknown;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { keycloak, api } = config;
    this.grants = new GrantManager({
      realmUrl: `${keycloak.publicUrl}/realms/${keycloak.realm}`,
      clientId: api.audience,
      bearerOnly: true,
      verifyTokenAudience: true,
    });
    // Keys are fetched from the internal URL; the issuer stays the public one the browser saw.
    (this.grants as unknown as { rotation: unknown }).rotation = new Rotation({
      realmUrl: `${keycloak.url}/realms/${keycloak.realm}`,
      minTimeBetweenJwksRequests: 10,
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.Token = require('keycloak-connect/middleware/auth-utils/token');
  }

  async verify(raw: string): Promise<CurrentUser> {
    let token: VerifiedToken;
    try {
      token = await this.grants.validateToken(new this.Token(raw, this.config.api.audience), 'Bearer');
    } catch (error) {
      throw new TokenRejected(error instanceof Error ? error.message : String(error));
    }
    return this.toUser(token.content);
  }

  private toUser(claims: Record<string, unknown>): CurrentUser {
    const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audience.includes(this.config.api.audience)) throw new TokenRejected(`audience ${JSON.stringify(claims.aud)} lacks ${this.config.api.audience}`);
    if (claims.azp !== this.config.api.uiClientId) throw new TokenRejected(`authorized party ${String(claims.azp)} is not ${this.config.api.uiClientId}`);
    const username = claims.preferred_username;
    if (typeof username !== 'string' || !username) throw new TokenRejected('no preferred_username');
    const district = claims.district;
    if (typeof district !== 'string' || !/^[a-z][a-z0-9-]{1,63}$/.test(district)) throw new TokenRejected('no valid district claim');
    const realmRoles = (claims.realm_access as { roles?: unknown[] } | undefined)?.roles ?? [];
    return {
      username,
      name: typeof claims.name === 'string' && claims.name ? claims.name : username,
      district,
      roles: realmRoles.filter(isRole),
    };
  }
}
