import { REALM, urls } from '../support/api';
import { testConfig } from '../support/backend';
import { clientCredentialsToken } from '../support/oidc-login';

/**
 * CVE-2026-109432: Camunda 7.24 CE evaluates a JUEL expression inside `orQueries` of a task query as code.
 * The engine's request filter refuses any `*Expression` field or parameter before Camunda reads it.
 */
describe('the engine refuses expression fields in queries, even from a valid service token', () => {
  let token: string;

  beforeAll(async () => {
    const { id, secret } = testConfig.api.serviceClient;
    token = (await clientCredentialsToken({ keycloakUrl: urls.keycloak, realm: REALM, clientId: id, clientSecret: secret })).accessToken;
  });

  async function engine(method: string, path: string, body?: unknown) {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${testConfig.engine.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { type?: string; message?: string } };
  }

  it('refuses an expression inside orQueries of a task query body, naming the field', async () => {
    const response = await engine('POST', '/task', { orQueries: [{ assigneeExpression: '${currentUser()}' }] });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('orQueries[0].assigneeExpression');
  });

  it('refuses an expression query parameter, naming it', async () => {
    const response = await engine('GET', `/task?${new URLSearchParams({ dueDateExpression: '${now()}' })}`);
    expect(response.status).toBe(400);
    expect(response.body.message).toContain('dueDateExpression');
  });

  it('still answers a plain task query with the same token', async () => {
    const byBody = await engine('POST', '/task?maxResults=1', { tenantIdIn: ['jiashan'], orQueries: [{ assignee: 'jiashan.officer', candidateGroups: ['officer'] }] });
    expect(byBody.status).toBe(200);
    expect(Array.isArray(byBody.body)).toBe(true);
    const byParameter = await engine('GET', '/task?tenantIdIn=jiashan&maxResults=1');
    expect(byParameter.status).toBe(200);
  });
});
