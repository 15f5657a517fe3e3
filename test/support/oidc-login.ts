// Real Keycloak logins for tests: the browser's authorization-code + PKCE flow over plain HTTP, and client credentials.
import { createHash, randomBytes } from 'node:crypto';

export interface AuthorizationCodeLogin {
  keycloakUrl: string;
  realm: string;
  clientId: string;
  redirectUri: string;
  username: string;
  password: string;
}

export interface UserTokens {
  accessToken: string;
  idToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface ClientCredentials {
  keycloakUrl: string;
  realm: string;
  clientId: string;
  clientSecret: string;
}

export interface ServiceToken {
  accessToken: string;
  expiresIn: number;
}

/** Claims the tests look at; anything else is still there under its own name. */
export interface JwtPayload {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  azp?: string;
  exp?: number;
  iat?: number;
  preferred_username?: string;
  district?: string;
  realm_access?: { roles: string[] };
  [claim: string]: unknown;
}

const MAX_REDIRECTS = 10;

/** Signs in as a user the way a browser does and returns the tokens the SPA would get. */
export async function loginWithAuthorizationCode(login: AuthorizationCodeLogin): Promise<UserTokens> {
  const endpoints = oidcEndpoints(login.keycloakUrl, login.realm);
  const cookies = new CookieJar();
  const codeVerifier = base64url(randomBytes(32));
  const state = base64url(randomBytes(16));

  const authorize = new URL(endpoints.authorize);
  authorize.search = new URLSearchParams({
    client_id: login.clientId,
    redirect_uri: login.redirectUri,
    response_type: 'code',
    scope: 'openid',
    state,
    nonce: base64url(randomBytes(16)),
    code_challenge: base64url(createHash('sha256').update(codeVerifier).digest()),
    code_challenge_method: 'S256',
  }).toString();

  let response = await follow(authorize.toString(), { method: 'GET' }, cookies, login.redirectUri);
  if (response.redirectedTo) return exchangeCode(login, endpoints.token, response.redirectedTo, state, codeVerifier);
  const loginPage = response.body;
  const action = formAction(loginPage, 'kc-form-login');
  if (!action) {
    throw new Error(`${who(login)}: Keycloak showed no login form (HTTP ${response.status}): ${pageMessage(loginPage)}`);
  }

  response = await follow(
    new URL(action, response.url).toString(),
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: login.username, password: login.password, credentialId: '' }).toString(),
    },
    cookies,
    login.redirectUri,
  );
  if (!response.redirectedTo) {
    // Keycloak answers a failed login with the login page again, carrying the reason.
    const stillLogin = formAction(response.body, 'kc-form-login') !== undefined;
    const reason = pageMessage(response.body);
    throw new Error(
      stillLogin
        ? `${who(login)}: login refused: ${reason}`
        : `${who(login)}: Keycloak asked for more than a password (HTTP ${response.status}): ${reason}`,
    );
  }
  return exchangeCode(login, endpoints.token, response.redirectedTo, state, codeVerifier);
}

/** A service-account token for a confidential client. */
export async function clientCredentialsToken(client: ClientCredentials): Promise<ServiceToken> {
  const tokens = await postToken(oidcEndpoints(client.keycloakUrl, client.realm).token, {
    grant_type: 'client_credentials',
    client_id: client.clientId,
    client_secret: client.clientSecret,
  }, `client ${client.clientId}`);
  return { accessToken: tokens.access_token, expiresIn: tokens.expires_in };
}

/** The payload of a JWT, unverified: for asserting on claims in tests, never for trusting them. */
export function decodeJwt<T extends JwtPayload = JwtPayload>(token: string): T {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error(`not a JWT (expected 3 parts, got ${parts.length})`);
  return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as T;
}

async function exchangeCode(
  login: AuthorizationCodeLogin,
  tokenEndpoint: string,
  redirectedTo: URL,
  state: string,
  codeVerifier: string,
): Promise<UserTokens> {
  const error = redirectedTo.searchParams.get('error');
  if (error) {
    const description = redirectedTo.searchParams.get('error_description');
    throw new Error(`${who(login)}: authorization failed: ${error}${description ? ` (${description})` : ''}`);
  }
  if (redirectedTo.searchParams.get('state') !== state) throw new Error(`${who(login)}: state in the redirect does not match`);
  const code = redirectedTo.searchParams.get('code');
  if (!code) throw new Error(`${who(login)}: redirect carries no code: ${redirectedTo.toString()}`);

  const tokens = await postToken(tokenEndpoint, {
    grant_type: 'authorization_code',
    client_id: login.clientId,
    code,
    redirect_uri: login.redirectUri,
    code_verifier: codeVerifier,
  }, who(login));
  return {
    accessToken: tokens.access_token,
    idToken: tokens.id_token ?? '',
    refreshToken: tokens.refresh_token ?? '',
    expiresIn: tokens.expires_in,
  };
}

interface TokenResponse {
  access_token: string;
  id_token?: string;
  refresh_token?: string;
  expires_in: number;
}

async function postToken(tokenEndpoint: string, form: Record<string, string>, subject: string): Promise<TokenResponse> {
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
  });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Not JSON: reported below with the raw text.
  }
  if (!response.ok || typeof body.access_token !== 'string') {
    const reason = body.error ? `${String(body.error)}${body.error_description ? ` (${String(body.error_description)})` : ''}` : text.slice(0, 300);
    throw new Error(`${subject}: token request (${form.grant_type}) refused with HTTP ${response.status}: ${reason}`);
  }
  return body as unknown as TokenResponse;
}

interface FollowedResponse {
  status: number;
  url: string;
  body: string;
  /** Set when Keycloak sent the browser to the redirect URI; that URI is never requested. */
  redirectedTo?: URL;
}

async function follow(url: string, init: RequestInit, cookies: CookieJar, redirectUri: string): Promise<FollowedResponse> {
  let current = url;
  let request = init;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const headers = new Headers(request.headers);
    const cookie = cookies.header();
    if (cookie) headers.set('cookie', cookie);
    headers.set('accept-language', headers.get('accept-language') ?? 'zh-CN');
    const response = await fetch(current, { ...request, headers, redirect: 'manual' });
    cookies.store(response.headers);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) {
      return { status: response.status, url: current, body: await response.text() };
    }
    await response.body?.cancel();
    const next = new URL(location, current);
    if (isRedirectUri(next, redirectUri)) return { status: response.status, url: current, body: '', redirectedTo: next };
    current = next.toString();
    request = { method: 'GET' };
  }
  throw new Error(`more than ${MAX_REDIRECTS} redirects starting at ${url}`);
}

function isRedirectUri(candidate: URL, redirectUri: string): boolean {
  const expected = new URL(redirectUri);
  return candidate.origin === expected.origin && candidate.pathname === expected.pathname;
}

function oidcEndpoints(keycloakUrl: string, realm: string): { authorize: string; token: string } {
  const base = `${keycloakUrl.replace(/\/+$/, '')}/realms/${encodeURIComponent(realm)}/protocol/openid-connect`;
  return { authorize: `${base}/auth`, token: `${base}/token` };
}

/** The action of the form with the given id, or of the page's only POST form. */
function formAction(html: string, formId: string): string | undefined {
  const forms = [...html.matchAll(/<form\b[^>]*>/gi)].map((match) => match[0]);
  const form = forms.find((tag) => new RegExp(`\\bid=["']${formId}["']`).test(tag));
  const action = form && /\baction=["']([^"']*)["']/i.exec(form);
  return action ? decodeHtml(action[1]) : undefined;
}

/** The error (or, failing that, the title) a Keycloak page shows to the user. */
function pageMessage(html: string): string {
  const patterns = [
    /<span[^>]*id=["']input-error[^"']*["'][^>]*>([\s\S]*?)<\/span>/i,
    /<span[^>]*class=["'][^"']*kc-feedback-text[^"']*["'][^>]*>([\s\S]*?)<\/span>/i,
    /<p[^>]*id=["']kc-page-title["'][^>]*>([\s\S]*?)<\/p>/i,
    /<h1[^>]*id=["']kc-page-title["'][^>]*>([\s\S]*?)<\/h1>/i,
    /<title>([\s\S]*?)<\/title>/i,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(html);
    const text = match && decodeHtml(match[1].replace(/<[^>]+>/g, '')).replace(/\s+/g, ' ').trim();
    if (text) return text;
  }
  return html.replace(/\s+/g, ' ').slice(0, 200);
}

function decodeHtml(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function base64url(bytes: Buffer): string {
  return bytes.toString('base64url');
}

function who(login: AuthorizationCodeLogin): string {
  return `login of ${login.username} to ${login.clientId}`;
}

/** Enough of a cookie jar for one Keycloak host: name → value, honouring deletions. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const separator = pair.indexOf('=');
      if (separator < 1) continue;
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key, raw = ''] = attribute.split('=');
        const attributeName = key.trim().toLowerCase();
        if (attributeName === 'max-age') return Number(raw) <= 0;
        if (attributeName === 'expires') return Date.parse(raw.trim()) < Date.now();
        return false;
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}
