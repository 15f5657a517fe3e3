import { eventKey, LOGIN_FAILURE_ACTION, toAuditRecord, UNATTRIBUTED_DISTRICT, type KeycloakEvent } from './login-failures';

const wrongPassword: KeycloakEvent = {
  id: '5f0c7c4e-0d8e-4c57-9b8e-3c1f3f0a9a11',
  time: Date.UTC(2026, 10, 29, 8, 30),
  type: 'LOGIN_ERROR',
  clientId: 'xietong-ui',
  userId: 'b1c2',
  ipAddress: '10.0.0.7',
  error: 'invalid_user_credentials',
  details: { username: 'jiashan.officer', auth_method: 'openid-connect' },
};

describe('a failed login in the audit trail', () => {
  it('names who tried, from where, why it failed and when, in the user’s district', () => {
    expect(toAuditRecord(wrongPassword, 'jiashan')).toEqual({
      districtId: 'jiashan',
      actor: 'jiashan.officer',
      action: LOGIN_FAILURE_ACTION,
      subjectType: 'login',
      subjectId: wrongPassword.id,
      before: null,
      after: { error: 'invalid_user_credentials', clientId: 'xietong-ui', ipAddress: '10.0.0.7', userId: 'b1c2' },
      at: new Date(wrongPassword.time),
    });
  });

  it('keeps a guess at a username nobody has, outside every district', () => {
    const unknown = { ...wrongPassword, userId: null, error: 'user_not_found', details: { username: 'admin' } };
    const record = toAuditRecord(unknown, null);
    expect(record.districtId).toBe(UNATTRIBUTED_DISTRICT);
    expect(record.actor).toBe('admin');
  });

  it('recognises the same event on the next poll even from a server that gives events no id', () => {
    const { id: _id, ...withoutId } = wrongPassword;
    expect(eventKey(withoutId)).toBe(eventKey({ ...withoutId }));
    expect(eventKey(withoutId)).not.toBe(eventKey({ ...withoutId, time: withoutId.time + 1 }));
  });
});
