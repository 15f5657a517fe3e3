import { Column, CreateDateColumn, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * The columns every flow's business row has (intake, penalty case, credit repair, inspection). Not an entity:
 * TypeORM copies these decorated columns into each subclass's own table. Indexes and `case_number` differ per table
 * and stay with the subclass.
 */
export abstract class FlowRecord {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  /** The process instance's business key; equal to id. */
  @Column({ name: 'business_key', type: 'varchar', length: 64 })
  businessKey!: string;

  @Column({ name: 'district_id', type: 'varchar', length: 64 })
  districtId!: string;

  /** The Chinese subject line the flow's task lists show (process variable `title`). */
  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ name: 'process_instance_id', type: 'varchar', length: 64, nullable: true })
  processInstanceId!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;

  @Column({ name: 'closed_at', type: 'datetime', precision: 3, nullable: true })
  closedAt!: Date | null;
}
