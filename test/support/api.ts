import { resolveProfile } from '../../scripts/stack/profiles';
import { loginWithAuthorizationCode } from './oidc-login';

/** The test stack's URLs and env: the same table the launcher uses, never the dev stack's. */
export const testProfile = resolveProfile('test');
export const urls = testProfile.urls;
export const REALM = 'xietong';
export const UI_CLIENT = 'xietong-ui';

const tokens = new Map<string, Promise<string>>();

/** A real access token of a demo user, obtained through the authorization-code flow with PKCE. */
export function tokenFor(username: string): Promise<string> {
  if (!tokens.has(username)) {
    tokens.set(
      username,
      loginWithAuthorizationCode({
        keycloakUrl: urls.keycloak,
        realm: REALM,
        clientId: UI_CLIENT,
        redirectUri: `${urls.app}/`,
        username,
        password: 'demo',
      }).then((t) => t.accessToken),
    );
  }
  return tokens.get(username) as Promise<string>;
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

/** Calls the API with a raw bearer token (or none) and returns status and parsed body; `xml` sends a document as application/xml. */
export async function callApi<T = any>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string; xml?: string | Buffer } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Buffer | undefined;
  if (options.xml !== undefined) {
    headers['content-type'] = 'application/xml';
    body = options.xml;
  } else if (options.rawBody !== undefined || options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = options.rawBody ?? JSON.stringify(options.body);
  }
  const response = await fetch(`${urls.app}/api${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // XML or plain text stays a string
  }
  return { status: response.status, body: parsed as T };
}

/** The API as one demo user sees it. */
export function as(username: string) {
  return {
    get: async <T = any>(path: string) => callApi<T>('GET', path, { token: await tokenFor(username) }),
    post: async <T = any>(path: string, body?: unknown) => callApi<T>('POST', path, { token: await tokenFor(username), body: body ?? {} }),
    postXml: async <T = any>(path: string, xml: string | Buffer) => callApi<T>('POST', path, { token: await tokenFor(username), xml }),
  };
}

export const sampleIntake = {
  source: 'photo-app',
  category: '市容环境',
  title: '商铺门前占道经营',
  description: '随手拍：罗星街道亭桥路一家水果店把货架摆上人行道，行人需绕行。',
  address: '嘉善县罗星街道亭桥路88号',
  location: { lat: 30.8415, lng: 120.9262 },
  reporter: { name: '王女士', phone: '13800000000' },
};

export async function createIntakeAs(username: string, overrides: Record<string, unknown> = {}): Promise<{ id: string; businessKey: string; processInstanceId: string }> {
  const response = await as(username).post('/intakes', { ...sampleIntake, ...overrides });
  if (response.status !== 201) throw new Error(`intake refused: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Polls until `probe` returns a value, for work the workers do asynchronously. */
export async function eventually<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** The open task of a business key in one user's list, once it has arrived there. */
export function taskInList(username: string, businessKey: string, taskDefinitionKey: string) {
  return eventually(async () => {
    const { body } = await as(username).get<Array<{ id: string; businessKey: string; taskDefinitionKey: string }>>('/tasks');
    return body.find((t) => t.businessKey === businessKey && t.taskDefinitionKey === taskDefinitionKey);
  }, `${taskDefinitionKey} of ${businessKey} in the list of ${username}`);
}
