import { Column, Entity, PrimaryColumn } from 'typeorm';
import { FlowRecord } from '../flows/flow-record.entity';

export const creditRepairTypes = ['penalty-general', 'penalty-serious'] as const;
export type CreditRepairType = (typeof creditRepairTypes)[number];

export const creditRepairStatuses = ['received', 'incomplete', 'under-review', 'granted', 'refused', 'withdrawn'] as const;
export type CreditRepairStatus = (typeof creditRepairStatuses)[number];

/** One material a kind of credit repair requires (data seeded by the migration; the completeness check reads it). */
@Entity('credit_repair_required_material')
export class RequiredMaterial {
  @PrimaryColumn({ name: 'repair_type', type: 'varchar', length: 32 })
  repairType!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'sort_order', type: 'int' })
  sortOrder!: number;
}

/** A sanctioned party's application to have its credit record repaired (信用修复申请). */
@Entity('credit_repair_application')
export class CreditRepairApplication extends FlowRecord {
  @Column({ name: 'case_number', type: 'varchar', length: 40, nullable: true })
  caseNumber!: string | null;

  @Column({ name: 'repair_type', type: 'varchar', length: 32 })
  repairType!: CreditRepairType;

  @Column({ name: 'applicant_name', type: 'varchar', length: 200 })
  applicantName!: string;

  /** 统一社会信用代码 or identity card number. */
  @Column({ name: 'applicant_code', type: 'varchar', length: 64 })
  applicantCode!: string;

  @Column({ name: 'applicant_phone', type: 'varchar', length: 32, nullable: true })
  applicantPhone!: string | null;

  /** The penalty decision or credit record to repair, e.g. 婺综执罚决字〔2026〕第18号. */
  @Column({ name: 'credit_record_ref', type: 'varchar', length: 100 })
  creditRecordRef!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'materials_provided', type: 'json' })
  materialsProvided!: string[];

  /** The missing materials of the last completeness check: the one-time notice lists them all. */
  @Column({ name: 'missing_materials', type: 'json' })
  missingMaterials!: Array<{ code: string; name: string }>;

  @Column({ name: 'notice_count', type: 'int', default: 0 })
  noticeCount!: number;

  @Column({ name: 'resubmit_due_at', type: 'datetime', precision: 3, nullable: true })
  resubmitDueAt!: Date | null;

  @Column({ type: 'varchar', length: 16 })
  status!: CreditRepairStatus;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason!: string | null;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true })
  decidedAt!: Date | null;

  /** When the repaired record was published (信用信息公示更新). */
  @Column({ name: 'published_at', type: 'datetime', precision: 3, nullable: true })
  publishedAt!: Date | null;
}
