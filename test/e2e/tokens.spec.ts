import { createSign, generateKeyPairSync } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { callApi, REALM, UI_CLIENT, urls } from '../support/api';
import { testConfig } from '../support/backend';
import { clientCredentialsToken, decodeJwt, loginWithAuthorizationCode } from '../support/oidc-login';

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const login = (username: string) =>
  loginWithAuthorizationCode({ keycloakUrl: urls.keycloak, realm: REALM, clientId: UI_CLIENT, redirectUri: `${urls.app}/`, username, password: 'demo' });

/** The local bootstrap admin of the test Keycloak, through the master realm's own admin-cli client. */
async function adminToken(): Promise<string> {
  const response = await fetch(`${urls.keycloak}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username: 'admin', password: 'admin' }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

const whoAmI = (token: string) => callApi('GET', '/me', { token });

describe('the API accepts only tokens of our realm, for our audience, from our UI client', () => {
  it('accepts a real token from the authorization-code flow and reads the district from it', async () => {
    const { accessToken } = await login('wuxing.legal-reviewer');
    const response = await whoAmI(accessToken);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ username: 'wuxing.legal-reviewer', district: 'wuxing', districtName: '吴兴区', roles: ['legal-reviewer'] });
  });

  it('answers 401 with no token, and with a token whose payload was altered', async () => {
    expect((await callApi('GET', '/tasks')).body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });

    const { accessToken } = await login('jiashan.officer');
    const [header, payload, signature] = accessToken.split('.');
    const claims = { ...decodeJwt(accessToken), district: 'wucheng' };
    const altered = [header, b64url(JSON.stringify(claims)), signature].join('.');
    expect((await whoAmI(altered)).status).toBe(401);
  });

  it('answers 401 to a token signed with a key that is not the realm’s, even with the realm’s key id', async () => {
    const { accessToken } = await login('jiashan.officer');
    const header = JSON.parse(Buffer.from(accessToken.split('.')[0], 'base64url').toString());
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const body = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(decodeJwt(accessToken)))}`;
    const forged = `${body}.${createSign('RSA-SHA256').update(body).sign(privateKey).toString('base64url')}`;
    expect((await whoAmI(forged)).status).toBe(401);
  });

  it('answers 401 to a token of another realm, to a service-account token and to an ID token', async () => {
    expect((await whoAmI(await adminToken())).status).toBe(401);

    const service = await clientCredentialsToken({ keycloakUrl: urls.keycloak, realm: REALM, clientId: testConfig.api.serviceClient.id, clientSecret: testConfig.api.serviceClient.secret });
    expect((await whoAmI(service.accessToken)).status).toBe(401);

    const { idToken } = await login('jiashan.officer');
    expect((await whoAmI(idToken)).status).toBe(401);
  });

  it('answers 401 once the token has expired', async () => {
    const admin = await adminToken();
    const clients = `${urls.keycloak}/admin/realms/${REALM}/clients`;
    const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
    const [ui] = (await (await fetch(`${clients}?clientId=${UI_CLIENT}`, { headers })).json()) as Array<{ id: string; attributes: Record<string, string> }>;
    const setLifespan = (seconds: string | undefined) =>
      fetch(`${clients}/${ui.id}`, { method: 'PUT', headers, body: JSON.stringify({ ...ui, attributes: { ...ui.attributes, 'access.token.lifespan': seconds ?? '' } }) });
    try {
      expect((await setLifespan('2')).status).toBe(204);
      const { accessToken } = await login('jiashan.officer');
      expect((await whoAmI(accessToken)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      expect((await whoAmI(accessToken)).status).toBe(401);
    } finally {
      await setLifespan(ui.attributes['access.token.lifespan']);
    }
  });

  it('the UI client cannot use the password grant', async () => {
    await expect(
      fetch(`${urls.keycloak}/realms/${REALM}/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'password', client_id: UI_CLIENT, username: 'jiashan.officer', password: 'demo' }),
      }).then((r) => r.status),
    ).resolves.toBeGreaterThanOrEqual(400);
  });
});

describe('the engine is closed to everyone but our services', () => {
  const engineUrl = testConfig.engine.url;

  it('answers 401 without a token, with a user’s token and with a garbage token', async () => {
    expect((await fetch(`${engineUrl}/version`)).status).toBe(401);
    expect((await fetch(`${engineUrl}/version`, { headers: { authorization: 'Bearer not.a.token' } })).status).toBe(401);
    const { accessToken } = await login('jiashan.district-it');
    expect((await fetch(`${engineUrl}/version`, { headers: { authorization: `Bearer ${accessToken}` } })).status).toBe(401);
  });

  it('answers the worker service account', async () => {
    const worker = await clientCredentialsToken({ keycloakUrl: urls.keycloak, realm: REALM, clientId: testConfig.worker.serviceClient.id, clientSecret: testConfig.worker.serviceClient.secret });
    const response = await fetch(`${engineUrl}/version`, { headers: { authorization: `Bearer ${worker.accessToken}` } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { version: string }).version).toMatch(/^7\.24\./);
  });

  it('listens on loopback only', async () => {
    const port = Number(new URL(engineUrl).port);
    const outside = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && !address.internal && address.family === 'IPv4');
    if (!outside) return; // a machine without any other interface has nothing to reach it through
    const reached = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: outside.address, port, timeout: 2_000 });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
      socket.once('timeout', () => (socket.destroy(), resolve(false)));
    });
    expect(reached).toBe(false);
  });
});
