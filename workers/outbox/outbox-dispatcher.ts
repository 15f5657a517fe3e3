import { BeforeApplicationShutdown, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import type { AppConfig } from '../../src/config/config.schema';
import { ChannelAdapter, LogChannel, WebhookChannel } from './channels';
import { OutboxMessage } from './outbox-message.entity';

const BATCH = 20;
const MAX_BACKOFF_MS = 60 * 60_000;

export type NotifyConfig = AppConfig['notify'];

/**
 * Delivers queued notifications through their channel adapter, outside any engine or business transaction.
 * A pass claims due rows with SKIP LOCKED and moves them past a lease, so several worker processes share the
 * outbox without sending a row twice; a process that dies mid-delivery leaves the row due again once the lease
 * ends (at-least-once: receivers deduplicate by the notification id). Failures back off exponentially until
 * the attempts run out and the row is marked failed with its last error.
 */
export class OutboxDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxDispatcher.name);
  private readonly adapters: Map<string, ChannelAdapter>;
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: NotifyConfig,
    adapters: ChannelAdapter[] = [new LogChannel(), new WebhookChannel(config.webhookUrl, config.webhookTimeoutMs)],
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.adapters = new Map(adapters.map((adapter) => [adapter.channel, adapter]));
  }

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.pass.catch(() => undefined);
  }

  /** Delivers every row due at `now` (one claimed batch at a time) and returns how many were attempted. */
  async dispatchDue(now: Date = this.clock()): Promise<number> {
    let attempted = 0;
    for (;;) {
      const batch = await this.claim(now);
      for (const message of batch) await this.deliver(message);
      attempted += batch.length;
      if (batch.length < BATCH || this.stopped) return attempted;
    }
  }

  /** The wait before attempt `attempts + 1`, doubling from the base and capped at an hour. */
  backoffMs(attempts: number): number {
    return Math.min(this.config.retryBaseMs * 2 ** Math.max(attempts - 1, 0), MAX_BACKOFF_MS);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.pass = this.dispatchDue()
        .catch((error) => this.logger.warn(`outbox pass failed: ${String(error)}`))
        .finally(() => this.schedule());
    }, this.config.pollIntervalMs);
  }

  private claim(now: Date): Promise<OutboxMessage[]> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager
        .getRepository(OutboxMessage)
        .createQueryBuilder('m')
        .where('m.status = :status AND m.nextAttemptAt <= :now', { status: 'pending', now })
        .orderBy('m.nextAttemptAt', 'ASC')
        .limit(BATCH)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (rows.length) {
        const lease = new Date(now.getTime() + this.config.webhookTimeoutMs + 30_000);
        await manager.update(OutboxMessage, { id: In(rows.map((r) => r.id)) }, { nextAttemptAt: lease });
      }
      return rows;
    });
  }

  private async deliver(message: OutboxMessage): Promise<void> {
    const attempts = message.attempts + 1;
    const repository = this.dataSource.getRepository(OutboxMessage);
    try {
      const adapter = this.adapters.get(message.channel);
      if (!adapter) throw new Error(`no adapter for channel ${message.channel}`);
      await adapter.deliver(message);
      await repository.update({ id: message.id, status: 'pending' }, { status: 'delivered', attempts, deliveredAt: this.clock(), lastError: null });
    } catch (error) {
      const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
      const giveUp = attempts >= this.config.maxAttempts;
      const next = new Date(this.clock().getTime() + this.backoffMs(attempts));
      await repository.update({ id: message.id, status: 'pending' }, { status: giveUp ? 'failed' : 'pending', attempts, lastError, nextAttemptAt: giveUp ? message.nextAttemptAt : next });
      this.logger.warn(`notification ${message.id} (${message.channel} → ${message.recipient}) attempt ${attempts}: ${lastError}${giveUp ? ' — giving up' : ''}`);
    }
  }
}
