import { resolveProfile } from './profiles';
import { StackError } from './stack-error';

describe(resolveProfile.name, () => {
  it('keeps a test run on the test ports and schemas even when the shell points at dev', () => {
    const sut = resolveProfile('test', {
      API_PORT: '3000',
      DATABASE_NAME: 'xietong',
      ENGINE_DATABASE_NAME: 'xietong_engine',
      ENGINE_DB_URL: 'jdbc:mariadb://127.0.0.1:3306/xietong_engine',
      KEYCLOAK_URL: 'http://localhost:8180',
      KEYCLOAK_PUBLIC_URL: 'http://localhost:8180',
    });
    expect(sut.env).toMatchObject({
      API_PORT: '13000',
      DATABASE_NAME: 'xietong_test',
      ENGINE_DATABASE_NAME: 'xietong_engine_test',
      ENGINE_DB_URL: 'jdbc:mariadb://127.0.0.1:3306/xietong_engine_test',
      KEYCLOAK_URL: 'http://localhost:18180',
      KEYCLOAK_PUBLIC_URL: 'http://localhost:18180',
      ENGINE_URL: 'http://127.0.0.1:18080/engine-rest',
    });
    expect(sut.keycloakDb).toBe('dev-mem');
  });

  it('lets the caller choose the database server for either profile, and derives the engine login from it', () => {
    const env = { DATABASE_URL: 'mysql://app:s%40cret@db.internal:3307' };
    for (const sut of [resolveProfile('dev', env), resolveProfile('test', env)]) {
      expect(sut.env.ENGINE_DB_URL).toBe(`jdbc:mariadb://db.internal:3307/${sut.database.engineName}`);
      expect(sut.env.ENGINE_DB_USERNAME).toBe('app');
      expect(sut.env.ENGINE_DB_PASSWORD).toBe('s@cret');
    }
  });

  it('lets a variable set by the caller win over the dev default', () => {
    const sut = resolveProfile('dev', { API_PORT: '3100', DATABASE_NAME: 'xietong_demo' });
    expect(sut.ports.api).toBe(3100);
    expect(sut.urls.app).toBe('http://localhost:3100');
    expect(sut.database.name).toBe('xietong_demo');
  });

  it('refuses a DATABASE_URL that is not mysql://, naming it without its password', () => {
    expect(() => resolveProfile('dev', { DATABASE_URL: 'postgres://u:hunter2@h:5432' })).toThrow(StackError);
    expect(() => resolveProfile('dev', { DATABASE_URL: 'postgres://u:hunter2@h:5432' })).toThrow(/postgres:\/\/u:\*\*\*@h:5432/);
  });
});
