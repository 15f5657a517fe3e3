import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Each running worker process refreshes its row; the API's health check reads them. */
@Entity('worker_heartbeat')
export class WorkerHeartbeat {
  @PrimaryColumn({ name: 'worker_id', type: 'varchar', length: 100 })
  workerId!: string;

  @Column({ type: 'varchar', length: 255 })
  hostname!: string;

  @Column({ type: 'int' })
  pid!: number;

  @Column({ type: 'json' })
  topics!: string[];

  @Column({ name: 'started_at', type: 'datetime', precision: 3 })
  startedAt!: Date;

  @Column({ name: 'seen_at', type: 'datetime', precision: 3 })
  seenAt!: Date;
}
