import { Logger } from '@nestjs/common';
import type { OutboxChannel, OutboxMessage } from './outbox-message.entity';

/** How one channel delivers a queued notification; throwing means "not delivered, try again later". */
export interface ChannelAdapter {
  readonly channel: OutboxChannel;
  deliver(message: OutboxMessage): Promise<void>;
}

/** What leaves the platform: the same JSON for every channel, so a receiver can deduplicate by id. */
export function notificationPayload(message: OutboxMessage) {
  return {
    id: message.id,
    districtId: message.districtId,
    recipient: message.recipient,
    template: message.template,
    subjectId: message.subjectId,
    processInstanceId: message.processInstanceId,
    title: message.title,
    message: message.message,
    createdAt: message.createdAt.toISOString(),
    attempt: message.attempts + 1,
  };
}

/** The default channel: one structured log line per notification. */
export class LogChannel implements ChannelAdapter {
  readonly channel = 'log' as const;

  constructor(private readonly logger: Pick<Logger, 'log'> = new Logger('notify')) {}

  async deliver(message: OutboxMessage): Promise<void> {
    this.logger.log(JSON.stringify({ event: 'notification', ...notificationPayload(message) }));
  }
}

/** POSTs the notification as JSON to NOTIFY_WEBHOOK_URL; any answer but 2xx is a failed attempt. */
export class WebhookChannel implements ChannelAdapter {
  readonly channel = 'webhook' as const;

  constructor(
    private readonly url: string | null,
    private readonly timeoutMs: number,
  ) {}

  async deliver(message: OutboxMessage): Promise<void> {
    if (!this.url) throw new Error('NOTIFY_WEBHOOK_URL is not set: webhook notifications cannot be delivered');
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-xietong-notification-id': message.id },
      body: JSON.stringify(notificationPayload(message)),
      signal: AbortSignal.timeout(this.timeoutMs),
      redirect: 'error',
    });
    if (!response.ok) {
      const body = await response.text().catch(() => '');
      throw new Error(`webhook answered ${response.status}${body ? `: ${body.slice(0, 200)}` : ''}`);
    }
  }
}
