import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LogChannel, WebhookChannel } from './channels';
import type { OutboxMessage } from './outbox-message.entity';

const message = {
  id: '3f1c0d3e-0000-4000-8000-000000000001',
  externalTaskId: 'ext-1',
  districtId: 'wucheng',
  channel: 'webhook',
  recipient: 'wucheng.squad-leader',
  template: 'intake.dispatched',
  subjectId: 'intake-1',
  processInstanceId: 'pi-1',
  title: '新派单',
  message: '新派单：「随手拍：夜间施工噪音」',
  status: 'pending',
  attempts: 1,
  lastError: null,
  nextAttemptAt: new Date('2026-11-29T00:00:00Z'),
  createdAt: new Date('2026-11-29T00:00:00Z'),
  deliveredAt: null,
} as OutboxMessage;

describe(LogChannel.name, () => {
  it('writes one JSON line with the notification', async () => {
    const lines: string[] = [];
    await new LogChannel({ log: (line: string) => void lines.push(line) } as never).deliver(message);
    expect(JSON.parse(lines[0])).toEqual(expect.objectContaining({ event: 'notification', id: message.id, recipient: 'wucheng.squad-leader', message: message.message, attempt: 2 }));
  });
});

describe(WebhookChannel.name, () => {
  let server: Server;
  let url: string;
  let answer = 204;
  const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = answer;
        res.end(answer === 204 ? undefined : 'busy');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('posts the notification as JSON with its id in a header', async () => {
    answer = 204;
    await new WebhookChannel(url, 2_000).deliver(message);
    const last = received.at(-1)!;
    expect(last.headers['x-xietong-notification-id']).toBe(message.id);
    expect(JSON.parse(last.body)).toEqual(expect.objectContaining({ id: message.id, districtId: 'wucheng', template: 'intake.dispatched' }));
  });

  it('fails the attempt when the receiver does not answer 2xx', async () => {
    answer = 503;
    await expect(new WebhookChannel(url, 2_000).deliver(message)).rejects.toThrow('webhook answered 503: busy');
  });

  it('fails the attempt without a URL instead of dropping the message', async () => {
    await expect(new WebhookChannel(null, 2_000).deliver(message)).rejects.toThrow('NOTIFY_WEBHOOK_URL is not set');
  });
});
