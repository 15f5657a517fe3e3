import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { topicNames } from './topic-registry';
import { WorkerHeartbeat } from './worker-heartbeat.entity';

const BEAT_MS = 10_000;

/** Lets the API's health check see that a worker process is alive. */
@Injectable()
export class Heartbeat implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly workerId = `${hostname()}-${process.pid}`;
  private readonly logger = new Logger(Heartbeat.name);
  private readonly startedAt = new Date();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly dataSource: DataSource) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => this.beat().catch((error) => this.logger.warn(`heartbeat failed: ${String(error)}`)), BEAT_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.dataSource.getRepository(WorkerHeartbeat).delete({ workerId: this.workerId }).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    await this.dataSource.getRepository(WorkerHeartbeat).upsert(
      { workerId: this.workerId, hostname: hostname(), pid: process.pid, topics: topicNames, startedAt: this.startedAt, seenAt: new Date() },
      ['workerId'],
    );
  }
}
