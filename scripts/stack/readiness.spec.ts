import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLog } from './log';
import type { Exit } from './processes';
import { waitForReady, type Starting } from './readiness';
import { StackError } from './stack-error';

describe(waitForReady.name, () => {
  const log = createLog({ quiet: true });
  const never = new Promise<Exit>(() => undefined);
  let server: http.Server;
  let status = 503;
  let url: string;

  beforeAll(async () => {
    server = http.createServer((_request, response) => response.writeHead(status).end('{"status":"degraded"}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const component = (overrides: Partial<Starting>): Starting => ({
    name: 'api',
    readyUrl: url,
    readyTimeoutMs: 5000,
    logFile: '/tmp/api.log',
    exit: never,
    ...overrides,
  });

  it('resolves once the component answers 200', async () => {
    status = 503;
    setTimeout(() => (status = 200), 300);
    await expect(waitForReady(log, [component({})])).resolves.toBeUndefined();
  });

  it('fails at once when the component exits before it is ready, pointing at its log', async () => {
    status = 503;
    const error = await waitForReady(log, [component({ exit: Promise.resolve({ code: 3, signal: null }) })]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StackError);
    expect((error as StackError).message).toBe('api exited with code 3 before it was ready');
    expect((error as StackError).logFile).toBe('/tmp/api.log');
  });

  it('gives up after the timeout and says what the URL last answered', async () => {
    status = 503;
    const error = await waitForReady(log, [component({ readyTimeoutMs: 200 })]).catch((e: unknown) => e);
    expect((error as StackError).message).toMatch(/api was not ready after 0.2s .*503 \{"status":"degraded"\}/);
  });
});
