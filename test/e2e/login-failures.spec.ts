import type { DataSource } from 'typeorm';
import { AuditEntry } from '../../src/audit/audit-entry.entity';
import { AuditService } from '../../src/audit/audit.service';
import { LOGIN_FAILURE_ACTION, UNATTRIBUTED_DISTRICT } from '../../src/audit/login-failures';
import { eventually, REALM, UI_CLIENT, urls } from '../support/api';
import { openDatabase } from '../support/backend';
import { loginWithAuthorizationCode } from '../support/oidc-login';

describe('failed logins reach the audit trail', () => {
  let db: DataSource;
  beforeAll(async () => (db = await openDatabase()));
  afterAll(() => db.destroy());

  const tryLogin = (username: string, password: string) =>
    loginWithAuthorizationCode({ keycloakUrl: urls.keycloak, realm: REALM, clientId: UI_CLIENT, redirectUri: `${urls.app}/`, username, password });

  const failuresOf = (actor: string) =>
    db.getRepository(AuditEntry).find({ where: { action: LOGIN_FAILURE_ACTION, actor }, order: { id: 'ASC' } });

  it('records a wrong password once, in the user’s district, and keeps the chain intact', async () => {
    const before = (await failuresOf('wuxing.officer')).length;
    await expect(tryLogin('wuxing.officer', 'not-the-password')).rejects.toThrow(/login refused/);

    const rows = await eventually(async () => {
      const now = await failuresOf('wuxing.officer');
      return now.length > before && now;
    }, 'the failed login in the audit trail');
    const row = rows[rows.length - 1];
    expect(row.districtId).toBe('wuxing');
    expect(row.after).toMatchObject({ error: 'invalid_user_credentials', clientId: UI_CLIENT });

    // Polled again and again, the event is still there only once.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect((await failuresOf('wuxing.officer')).length).toBe(before + 1);
    expect(await new AuditService(db).verifyChain()).toBeNull();
  });

  it('records a username nobody has outside every district', async () => {
    await expect(tryLogin('nobody.guess', 'x')).rejects.toThrow(/login refused/);
    const rows = await eventually(async () => (await failuresOf('nobody.guess')).length > 0 && failuresOf('nobody.guess'), 'the guess in the audit trail');
    expect(rows[0].districtId).toBe(UNATTRIBUTED_DISTRICT);
    expect(rows[0].after).toMatchObject({ error: 'user_not_found' });
  });
});
