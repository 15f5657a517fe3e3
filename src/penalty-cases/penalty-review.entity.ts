import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The levels of 三级审核, plus the collective discussion of a major decision (重大执法决定). */
export const reviewLevels = ['unit-head', 'legal', 'agency-head', 'collective'] as const;
export type ReviewLevel = (typeof reviewLevels)[number];

/** One reviewer's decision in one round; a rejection starts the next round, so every round stays on record. */
@Entity('penalty_review')
export class PenaltyReview {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'penalty_case_id', type: 'char', length: 36 })
  penaltyCaseId!: string;

  @Column({ name: 'district_id', type: 'varchar', length: 64 })
  districtId!: string;

  @Column({ type: 'int' })
  round!: number;

  @Column({ type: 'varchar', length: 16 })
  level!: ReviewLevel;

  @Column({ type: 'varchar', length: 8 })
  decision!: 'approve' | 'reject';

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  @Column({ name: 'reviewed_at', type: 'datetime', precision: 3 })
  reviewedAt!: Date;
}
