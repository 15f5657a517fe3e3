import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 行政处罚决定书 or 不予行政处罚决定书. */
export const documentKinds = ['decision', 'exemption'] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** A generated document, stored in the database so it commits together with the step that made it. */
@Entity('penalty_document')
export class PenaltyDocument {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ name: 'penalty_case_id', type: 'char', length: 36 })
  penaltyCaseId!: string;

  @Column({ name: 'district_id', type: 'varchar', length: 64 })
  districtId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: DocumentKind;

  @Column({ name: 'file_name', type: 'varchar', length: 200 })
  fileName!: string;

  @Column({ name: 'content_type', type: 'varchar', length: 64 })
  contentType!: string;

  @Column({ type: 'longblob', select: false })
  content!: Buffer;

  @Column({ type: 'int' })
  size!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
