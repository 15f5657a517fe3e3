import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ModelProblem } from '../deployments/model-guard/model-problem';
import type { DraftModelKind, DraftStatus } from './draft-view';

export type { DraftStatus };


/**
 * 为本区定制: a district's version of one model — a process, a DMN decision table or a form — worked on in the
 * business database until district IT deploys it.
 */
@Entity('model_draft')
export class ModelDraft {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ name: 'district_id', type: 'varchar', length: 64 })
  districtId!: string;

  @Column({ name: 'model_kind', type: 'varchar', length: 8, default: 'bpmn' })
  kind!: DraftModelKind;

  /** The model's key: the process id, the decision id (`camunda:decisionRef`) or the form id (`camunda:formRef`); the column keeps its first name. */
  @Column({ name: 'process_key', type: 'varchar', length: 255 })
  processKey!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: DraftStatus;

  /**
   * Where the first revision was copied from: the district's deployed variant or the provincial template. For a
   * decision or form, the process definition whose deployment held the copied file (they are bound by deployment).
   */
  @Column({ name: 'source_kind', type: 'varchar', length: 16 })
  sourceKind!: 'variant' | 'template';

  @Column({ name: 'source_definition_id', type: 'varchar', length: 64 })
  sourceDefinitionId!: string;

  /** The template version the draft is measured against (the newest one when it was opened); for a decision or form, the template process whose deployment holds the province's version. */
  @Column({ name: 'template_definition_id', type: 'varchar', length: 64, nullable: true })
  templateDefinitionId!: string | null;

  @Column({ name: 'from_template_update', type: 'boolean', default: false })
  fromTemplateUpdate!: boolean;

  @Column({ name: 'latest_revision', type: 'int' })
  latestRevision!: number;

  @Column({ name: 'created_by', type: 'varchar', length: 100 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;

  /** The reviewer's last word: why it was returned, or the approval comment. */
  @Column({ name: 'review_comment', type: 'varchar', length: 500, nullable: true })
  reviewComment!: string | null;

  @Column({ name: 'reviewed_by', type: 'varchar', length: 100, nullable: true })
  reviewedBy!: string | null;

  @Column({ name: 'deployment_id', type: 'char', length: 36, nullable: true })
  deploymentId!: string | null;
}

/** One saved version of a draft's model with who saved it, when and why; never changed afterwards. */
@Entity('model_draft_revision')
export class ModelDraftRevision {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'draft_id', type: 'char', length: 36 })
  draftId!: string;

  @Column({ type: 'int' })
  revision!: number;

  /** The model's text: BPMN or DMN XML, or for a form its form-js JSON (the column keeps its first name). */
  @Column({ type: 'mediumtext' })
  xml!: string;

  @Column({ type: 'varchar', length: 500 })
  comment!: string;

  @Column({ type: 'varchar', length: 100 })
  author!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  /** What the model guard found when this revision was saved. */
  @Column({ type: 'json' })
  problems!: ModelProblem[];
}
