import Keycloak from 'keycloak-js';
import type { Language } from '../i18n';

/** What `GET /api/ui-config` tells the browser about the identity provider. */
export interface UiConfig {
  keycloakUrl: string;
  realm: string;
  clientId: string;
}

export interface AuthSession {
  /** A fresh access token; refreshes it when it expires within 30 s, re-login if that fails. */
  accessToken(): Promise<string>;
  /** Sends the user to the Keycloak login page and comes back to the current route. */
  relogin(): Promise<never>;
  logout(): Promise<void>;
}

// The hash route survives the round trip to Keycloak here; the redirect URI itself carries no fragment.
const returnRouteKey = 'xietong.returnRoute';
const minValiditySeconds = 30;

export async function fetchUiConfig(): Promise<UiConfig> {
  const response = await fetch('/api/ui-config', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`ui-config answered ${response.status}`);
  return (await response.json()) as UiConfig;
}

export async function startSession(config: UiConfig, language: Language): Promise<AuthSession> {
  const keycloak = new Keycloak({ url: config.keycloakUrl, realm: config.realm, clientId: config.clientId });
  const appUrl = `${location.origin}${location.pathname}`;

  const rememberRoute = (): void => {
    if (location.hash.startsWith('#/')) sessionStorage.setItem(returnRouteKey, location.hash);
  };
  const relogin = async (): Promise<never> => {
    rememberRoute();
    await keycloak.login({ redirectUri: appUrl });
    return new Promise<never>(() => undefined); // the page is navigating away
  };

  rememberRoute();
  await keycloak.init({
    onLoad: 'login-required',
    flow: 'standard',
    pkceMethod: 'S256',
    redirectUri: appUrl,
    // Third-party cookies are blocked in most phone browsers; token refresh replaces the iframe check.
    checkLoginIframe: false,
    locale: language,
  });

  const returnRoute = sessionStorage.getItem(returnRouteKey);
  sessionStorage.removeItem(returnRouteKey);
  if (returnRoute && !location.hash.startsWith('#/')) {
    history.replaceState(history.state, '', `${location.pathname}${location.search}${returnRoute}`);
  }

  keycloak.onTokenExpired = () => {
    keycloak.updateToken(minValiditySeconds).catch(() => void relogin());
  };

  return {
    async accessToken() {
      try {
        await keycloak.updateToken(minValiditySeconds);
      } catch {
        return relogin();
      }
      if (!keycloak.token) return relogin();
      return keycloak.token;
    },
    relogin,
    logout: () => keycloak.logout({ redirectUri: appUrl }),
  };
}
