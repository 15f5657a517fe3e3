import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { FlowRecord } from '../flows/flow-record.entity';

export const inspectionStatuses = ['planned', 'inspecting', 'rectifying', 'closed', 'handed-over'] as const;
export type InspectionStatus = (typeof inspectionStatuses)[number];
export const inspectionOutcomes = ['clean', 'rectified', 'handed-over'] as const;
export type InspectionOutcome = (typeof inspectionOutcomes)[number];

/** A scenario of 综合查一次 (one scenario, one checklist): which departments go together and the usual rectification time. */
@Entity('inspection_scenario')
export class InspectionScenario {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'json' })
  departments!: string[];

  @Column({ name: 'rectify_days', type: 'int' })
  rectifyDays!: number;
}

@Entity('inspection_checklist_item')
export class InspectionChecklistItem {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'scenario_code', type: 'varchar', length: 32 })
  scenarioCode!: string;

  @Column({ type: 'varchar', length: 100 })
  department!: string;

  @Column({ type: 'varchar', length: 500 })
  content!: string;

  @Column({ name: 'sort_order', type: 'int' })
  sortOrder!: number;
}

/** One joint inspection (综合查一次) of a party and its rectification (集成改一次). */
@Entity('inspection')
export class Inspection extends FlowRecord {
  @Column({ name: 'case_number', type: 'varchar', length: 40, nullable: true })
  caseNumber!: string | null;

  @Column({ name: 'scenario_code', type: 'varchar', length: 32 })
  scenarioCode!: string;

  @Column({ name: 'party_name', type: 'varchar', length: 200 })
  partyName!: string;

  @Column({ type: 'varchar', length: 500 })
  address!: string;

  /** Set when the inspection was opened from an intake (linan's instant joint check). */
  @Column({ name: 'intake_id', type: 'char', length: 36, nullable: true })
  intakeId!: string | null;

  @Column({ type: 'json' })
  departments!: string[];

  @Column({ type: 'varchar', length: 16 })
  status!: InspectionStatus;

  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome!: InspectionOutcome | null;

  /** How many rectification deadlines have been given. */
  @Column({ name: 'rectification_round', type: 'int', default: 0 })
  rectificationRound!: number;

  @Column({ name: 'rectify_due_at', type: 'datetime', precision: 3, nullable: true })
  rectifyDueAt!: Date | null;
}

export const problemStatuses = ['reported', 'open', 'duplicate', 'fixed'] as const;
export type ProblemStatus = (typeof problemStatuses)[number];

/** One problem a department found; merging keeps one open row per distinct problem and marks the rest duplicates. */
@Entity('inspection_problem')
export class InspectionProblem {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ name: 'inspection_id', type: 'char', length: 36 })
  inspectionId!: string;

  @Column({ name: 'district_id', type: 'varchar', length: 64 })
  districtId!: string;

  @Column({ type: 'int' })
  round!: number;

  @Column({ type: 'varchar', length: 100 })
  department!: string;

  @Column({ type: 'varchar', length: 1000 })
  description!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ProblemStatus;

  @Column({ name: 'duplicate_of', type: 'char', length: 36, nullable: true })
  duplicateOf!: string | null;

  @Column({ name: 'reported_at', type: 'datetime', precision: 3 })
  reportedAt!: Date;

  @Column({ name: 'fixed_at', type: 'datetime', precision: 3, nullable: true })
  fixedAt!: Date | null;
}
