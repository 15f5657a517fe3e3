import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const intakeSources = ['hotline', 'photo-app', 'ai-alert', 'iot-sensor', 'patrol', 'grid-liaison', 'department-referral'] as const;
export type IntakeSource = (typeof intakeSources)[number];

export const intakeStatuses = ['received', 'registered', 'closed'] as const;
export type IntakeStatus = (typeof intakeStatuses)[number];

/** An incoming matter (线索) and, once registered, the case it became. */
@Entity('intake')
@Index(['districtId', 'createdAt'])
export class Intake {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Index({ unique: true })
  @Column({ name: 'business_key', type: 'varchar', length: 64 })
  businessKey!: string;

  @Column({ name: 'district_id', type: 'varchar', length: 64 })
  districtId!: string;

  @Index({ unique: true })
  @Column({ name: 'case_number', type: 'varchar', length: 32, nullable: true })
  caseNumber!: string | null;

  @Column({ type: 'varchar', length: 32 })
  source!: IntakeSource;

  @Column({ type: 'varchar', length: 64 })
  category!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'varchar', length: 500 })
  address!: string;

  @Column({ type: 'double', nullable: true })
  latitude!: number | null;

  @Column({ type: 'double', nullable: true })
  longitude!: number | null;

  @Column({ name: 'reporter_name', type: 'varchar', length: 100, nullable: true })
  reporterName!: string | null;

  @Column({ name: 'reporter_phone', type: 'varchar', length: 32, nullable: true })
  reporterPhone!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: IntakeStatus;

  @Column({ name: 'process_instance_id', type: 'varchar', length: 64, nullable: true })
  processInstanceId!: string | null;

  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;

  @Column({ name: 'registered_at', type: 'datetime', precision: 3, nullable: true })
  registeredAt!: Date | null;

  @Column({ name: 'closed_at', type: 'datetime', precision: 3, nullable: true })
  closedAt!: Date | null;
}
