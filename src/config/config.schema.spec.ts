import { InvalidConfigError, loadConfig } from './config.schema';

describe(loadConfig.name, () => {
  it('gives working local defaults when nothing is set', () => {
    const sut = loadConfig({});
    expect(sut.database.url).toBe('mysql://root@127.0.0.1:3306');
    expect(sut.engine.url).toBe('http://127.0.0.1:8080/engine-rest');
    expect(sut.keycloak.publicUrl).toBe(sut.keycloak.url);
    expect(sut.api.port).toBe(3000);
  });

  it('names every bad variable at once, not just the first', () => {
    let error: unknown;
    try {
      loadConfig({ API_PORT: 'seventy', ENGINE_URL: 'not a url', WORKER_MAX_RETRIES: '-1' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidConfigError);
    const problems = (error as InvalidConfigError).problems.join('\n');
    expect(problems).toContain('API_PORT');
    expect(problems).toContain('ENGINE_URL');
    expect(problems).toContain('WORKER_MAX_RETRIES');
  });

  it('keeps the issuer URL apart from the internal Keycloak URL when both are given', () => {
    const sut = loadConfig({ KEYCLOAK_URL: 'http://keycloak:8080/', KEYCLOAK_PUBLIC_URL: 'https://login.example.org' });
    expect(sut.keycloak.url).toBe('http://keycloak:8080');
    expect(sut.keycloak.publicUrl).toBe('https://login.example.org');
  });

  it('delivers notifications to the log only until a webhook URL is set, and refuses a webhook that is not http(s)', () => {
    expect(loadConfig({}).notify).toEqual(expect.objectContaining({ webhookUrl: null, maxAttempts: 5 }));
    expect(loadConfig({ NOTIFY_WEBHOOK_URL: '' }).notify.webhookUrl).toBeNull();
    expect(loadConfig({ NOTIFY_WEBHOOK_URL: 'https://hooks.example.org/xietong' }).notify.webhookUrl).toBe('https://hooks.example.org/xietong');
    expect(() => loadConfig({ NOTIFY_WEBHOOK_URL: 'file:///etc/passwd', NOTIFY_MAX_ATTEMPTS: '0' })).toThrow(/NOTIFY_WEBHOOK_URL[\s\S]*NOTIFY_MAX_ATTEMPTS|NOTIFY_MAX_ATTEMPTS[\s\S]*NOTIFY_WEBHOOK_URL/);
  });
});
