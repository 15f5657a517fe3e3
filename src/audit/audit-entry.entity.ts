import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One recorded action (全程留痕). `hash` covers the row and the previous row's hash, so an edit breaks the chain. */
@Entity('audit_entry')
@Index(['districtId', 'subjectId'])
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'district_id', type: 'varchar', length: 64 })
  districtId!: string;

  @Column({ type: 'varchar', length: 100 })
  actor!: string;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 32 })
  subjectType!: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 64 })
  subjectId!: string;

  @Column({ type: 'json', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'json', nullable: true })
  after!: Record<string, unknown> | null;

  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}

/** Single row holding the newest hash; locking it serialises appends so the chain never forks. */
@Entity('audit_chain_head')
export class AuditChainHead {
  @Column({ type: 'tinyint', primary: true })
  id!: number;

  @Column({ name: 'last_hash', type: 'char', length: 64 })
  lastHash!: string;
}
