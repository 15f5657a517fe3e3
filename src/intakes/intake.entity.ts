import { Column, Entity, Index } from 'typeorm';
import { FlowRecord } from '../flows/flow-record.entity';

export const intakeSources = ['hotline', 'photo-app', 'ai-alert', 'iot-sensor', 'patrol', 'grid-liaison', 'department-referral'] as const;
export type IntakeSource = (typeof intakeSources)[number];

export const intakeStatuses = ['received', 'registered', 'dispatched', 'escalated', 'merged', 'closed'] as const;

export const triageLevels = ['routine', 'major'] as const;
export type TriageLevel = (typeof triageLevels)[number];
/** 直办 / 交办 / 督办 */
export const handlingModes = ['direct', 'assign', 'supervise'] as const;
export type HandlingMode = (typeof handlingModes)[number];
export type IntakeStatus = (typeof intakeStatuses)[number];

/** An incoming matter (线索) and, once registered, the case it became. */
@Entity('intake')
@Index(['districtId', 'createdAt'])
@Index(['businessKey'], { unique: true })
export class Intake extends FlowRecord {
  @Index({ unique: true })
  @Column({ name: 'case_number', type: 'varchar', length: 32, nullable: true })
  caseNumber!: string | null;

  @Column({ type: 'varchar', length: 32 })
  source!: IntakeSource;

  @Column({ type: 'varchar', length: 64 })
  category!: string;

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

  @Column({ name: 'registered_at', type: 'datetime', precision: 3, nullable: true })
  registeredAt!: Date | null;

  @Column({ name: 'grid_id', type: 'varchar', length: 64, nullable: true })
  gridId!: string | null;

  @Column({ name: 'triage_level', type: 'varchar', length: 16, nullable: true })
  triageLevel!: TriageLevel | null;

  @Column({ name: 'handling_mode', type: 'varchar', length: 16, nullable: true })
  handlingMode!: HandlingMode | null;

  @Column({ name: 'squad_id', type: 'varchar', length: 64, nullable: true })
  squadId!: string | null;

  @Column({ name: 'dispatched_at', type: 'datetime', precision: 3, nullable: true })
  dispatchedAt!: Date | null;

  @Column({ name: 'due_at', type: 'datetime', precision: 3, nullable: true })
  dueAt!: Date | null;

  /** Set when the deadline passed while the intake was open; the intake is then supervised (督办). */
  @Column({ name: 'overdue_at', type: 'datetime', precision: 3, nullable: true })
  overdueAt!: Date | null;

  /** Carries the 1315 rapid-response clocks. */
  @Column({ type: 'boolean', default: false })
  urgent!: boolean;

  /** The earlier open intake this one was merged into. */
  @Column({ name: 'duplicate_of', type: 'char', length: 36, nullable: true })
  duplicateOf!: string | null;
}
