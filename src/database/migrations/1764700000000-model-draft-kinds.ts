import { MigrationInterface, QueryRunner } from 'typeorm';

/** Drafts hold a DMN decision table or a form too: the kind of model, every existing draft being BPMN. */
export class ModelDraftKinds1764700000000 implements MigrationInterface {
  name = 'ModelDraftKinds1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE model_draft ADD COLUMN model_kind varchar(8) NOT NULL DEFAULT 'bpmn' AFTER district_id`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE model_draft DROP COLUMN model_kind`);
  }
}
