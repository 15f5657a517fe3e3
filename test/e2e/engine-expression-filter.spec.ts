import { randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  describe('an expression that would leave a trace if the engine ever evaluated it', () => {
    const markers: string[] = [];
    /**
     * JUEL reaching Runtime through reflection: evaluated by camunda-juel 7.24 (checked by hand with its
     * ExpressionFactoryImpl) it runs `touch`, so an evaluation on the engine's host (this host) leaves the marker file.
     */
    const touching = (what: string) => {
      const path = join(tmpdir(), `xietong-cve-${randomUUID().slice(0, 8)}-${what}`);
      markers.push(path);
      return { path, expression: `\${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null).exec('touch ${path}')}` };
    };
    afterAll(() => markers.forEach((path) => rmSync(path, { force: true })));

    it.each([
      ['orQueries of a task query', (e: string) => engine('POST', '/task', { tenantIdIn: ['jiashan'], orQueries: [{ assigneeExpression: e, candidateGroups: ['officer'] }] }), 'orQueries[0].assigneeExpression'],
      ['orQueries of a task count', (e: string) => engine('POST', '/task/count', { orQueries: [{ candidateUserExpression: e }] }), 'orQueries[0].candidateUserExpression'],
      ['a query parameter', (e: string) => engine('GET', `/task?${new URLSearchParams({ assigneeExpression: e })}`), 'assigneeExpression'],
    ])('in %s is refused and never runs: no marker file appears', async (_, send, field) => {
      const { path, expression } = touching(field.replace(/\W/g, '-'));
      const response = await send(expression);
      expect(response.status).toBe(400);
      expect(response.body.message).toContain(field);
      // Runtime.exec returns before its child runs: give a command that did start the time to finish.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect([path, existsSync(path)]).toEqual([path, false]);
    });
  });

  it('still answers a plain task query with the same token', async () => {
    const byBody = await engine('POST', '/task?maxResults=1', { tenantIdIn: ['jiashan'], orQueries: [{ assignee: 'jiashan.officer', candidateGroups: ['officer'] }] });
    expect(byBody.status).toBe(200);
    expect(Array.isArray(byBody.body)).toBe(true);
    const byParameter = await engine('GET', '/task?tenantIdIn=jiashan&maxResults=1');
    expect(byParameter.status).toBe(200);
  });
});
