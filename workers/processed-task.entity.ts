import { Column, Entity, PrimaryColumn } from 'typeorm';

export type TaskOutcome = 'completed' | 'bpmn-error';

/** An external task whose side effects are done; a re-delivered task is answered from here instead of running again. */
@Entity('processed_task')
export class ProcessedTask {
  @PrimaryColumn({ name: 'external_task_id', type: 'varchar', length: 64 })
  externalTaskId!: string;

  @Column({ type: 'varchar', length: 64 })
  topic!: string;

  @Column({ name: 'business_key', type: 'varchar', length: 64, nullable: true })
  businessKey!: string | null;

  @Column({ name: 'district_id', type: 'varchar', length: 64, nullable: true })
  districtId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  outcome!: TaskOutcome;

  @Column({ type: 'json', nullable: true })
  output!: Record<string, unknown> | null;

  @Column({ name: 'error_code', type: 'varchar', length: 64, nullable: true })
  errorCode!: string | null;

  @Column({ name: 'processed_at', type: 'datetime', precision: 3 })
  processedAt!: Date;
}
