import { Column, Entity, Index } from 'typeorm';
import { FlowRecord } from '../flows/flow-record.entity';

/** Where a case came from: filed by an officer through the API, or opened from an intake or a joint inspection (call activity). */
export const penaltySourceTypes = ['officer', 'intake', 'inspection'] as const;
export type PenaltySourceType = (typeof penaltySourceTypes)[number];

export const partyTypes = ['individual', 'organization'] as const;
export type PartyType = (typeof partyTypes)[number];

/** received → filed (立案, numbered) → exempted | decided → served → closed (结案, archived). */
export const penaltyCaseStatuses = ['received', 'filed', 'exempted', 'decided', 'served', 'closed'] as const;
export type PenaltyCaseStatus = (typeof penaltyCaseStatuses)[number];

/** An administrative penalty case (行政处罚案件) from 立案 to 结案. */
@Entity('penalty_case')
@Index(['districtId', 'createdAt'])
@Index(['businessKey'], { unique: true })
export class PenaltyCase extends FlowRecord {
  @Index({ unique: true })
  @Column({ name: 'case_number', type: 'varchar', length: 32, nullable: true })
  caseNumber!: string | null;

  @Column({ name: 'source_type', type: 'varchar', length: 16 })
  sourceType!: PenaltySourceType;

  @Column({ name: 'source_id', type: 'varchar', length: 64, nullable: true })
  sourceId!: string | null;

  @Column({ name: 'party_name', type: 'varchar', length: 200 })
  partyName!: string;

  @Column({ name: 'party_type', type: 'varchar', length: 16 })
  partyType!: PartyType;

  @Column({ name: 'violation_code', type: 'varchar', length: 64 })
  violationCode!: string;

  @Column({ type: 'text' })
  facts!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: PenaltyCaseStatus;

  @Column({ type: 'varchar', length: 16, nullable: true })
  procedure!: 'simple' | 'general' | null;

  @Column({ type: 'boolean', nullable: true })
  exempt!: boolean | null;

  @Column({ name: 'exemption_type', type: 'varchar', length: 16, nullable: true })
  exemptionType!: string | null;

  @Column({ name: 'exemption_reason', type: 'text', nullable: true })
  exemptionReason!: string | null;

  @Column({ name: 'penalty_min_yuan', type: 'int', nullable: true })
  penaltyMinYuan!: number | null;

  @Column({ name: 'penalty_max_yuan', type: 'int', nullable: true })
  penaltyMaxYuan!: number | null;

  @Column({ name: 'discretion_level', type: 'varchar', length: 16, nullable: true })
  discretionLevel!: string | null;

  @Column({ name: 'legal_basis', type: 'text', nullable: true })
  legalBasis!: string | null;

  @Column({ name: 'proposed_fine_yuan', type: 'int', nullable: true })
  proposedFineYuan!: number | null;

  @Column({ name: 'final_fine_yuan', type: 'int', nullable: true })
  finalFineYuan!: number | null;

  @Column({ name: 'decision_reasoning', type: 'text', nullable: true })
  decisionReasoning!: string | null;

  @Column({ type: 'boolean', default: false })
  major!: boolean;

  @Column({ name: 'execution_outcome', type: 'varchar', length: 16, nullable: true })
  executionOutcome!: string | null;

  @Column({ name: 'filed_at', type: 'datetime', precision: 3, nullable: true })
  filedAt!: Date | null;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'archived_at', type: 'datetime', precision: 3, nullable: true })
  archivedAt!: Date | null;
}
