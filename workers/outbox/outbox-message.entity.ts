import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const outboxChannels = ['log', 'webhook'] as const;
export type OutboxChannel = (typeof outboxChannels)[number];
export type OutboxStatus = 'pending' | 'delivered' | 'failed';

/** A notification queued by the `notify` topic in the step's transaction; the outbox dispatcher delivers it. */
@Entity('outbox')
@Index(['status', 'nextAttemptAt'])
export class OutboxMessage {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  /** The external task that queued it: a redelivered task finds its row instead of queuing a second one. */
  @Index({ unique: true })
  @Column({ name: 'external_task_id', type: 'varchar', length: 64, nullable: true })
  externalTaskId!: string | null;

  @Column({ name: 'district_id', type: 'varchar', length: 64 })
  districtId!: string;

  @Column({ type: 'varchar', length: 16 })
  channel!: OutboxChannel;

  @Column({ type: 'varchar', length: 200 })
  recipient!: string;

  @Column({ type: 'varchar', length: 64 })
  template!: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 64 })
  subjectId!: string;

  @Column({ name: 'process_instance_id', type: 'varchar', length: 64, nullable: true })
  processInstanceId!: string | null;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text' })
  message!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: OutboxStatus;

  @Column({ type: 'int' })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'next_attempt_at', type: 'datetime', precision: 3 })
  nextAttemptAt!: Date;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'delivered_at', type: 'datetime', precision: 3, nullable: true })
  deliveredAt!: Date | null;
}
