import { MigrationInterface, QueryRunner } from 'typeorm';

/** Model drafts (为本区定制) with their revisions, and the engine migration batches district IT starts. */
export class ModelDrafts1764600000000 implements MigrationInterface {
  name = 'ModelDrafts1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE model_draft (
      id char(36) NOT NULL PRIMARY KEY,
      district_id varchar(64) NOT NULL,
      process_key varchar(255) NOT NULL,
      status varchar(16) NOT NULL,
      source_kind varchar(16) NOT NULL,
      source_definition_id varchar(64) NOT NULL,
      template_definition_id varchar(64) NULL,
      from_template_update tinyint(1) NOT NULL DEFAULT 0,
      latest_revision int NOT NULL,
      created_by varchar(100) NOT NULL,
      created_at datetime(3) NOT NULL,
      updated_at datetime(3) NOT NULL,
      review_comment varchar(500) NULL,
      reviewed_by varchar(100) NULL,
      deployment_id char(36) NULL,
      KEY ix_model_draft_district_key (district_id, process_key),
      CONSTRAINT fk_model_draft_district FOREIGN KEY (district_id) REFERENCES district (id),
      CONSTRAINT fk_model_draft_deployment FOREIGN KEY (deployment_id) REFERENCES deployment (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await db.query(`CREATE TABLE model_draft_revision (
      id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
      draft_id char(36) NOT NULL,
      revision int NOT NULL,
      xml mediumtext NOT NULL,
      comment varchar(500) NOT NULL,
      author varchar(100) NOT NULL,
      created_at datetime(3) NOT NULL,
      problems json NOT NULL,
      UNIQUE KEY uq_model_draft_revision (draft_id, revision),
      CONSTRAINT fk_model_draft_revision_draft FOREIGN KEY (draft_id) REFERENCES model_draft (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await db.query(`CREATE TABLE instance_migration (
      batch_id varchar(64) NOT NULL PRIMARY KEY,
      district_id varchar(64) NOT NULL,
      deployment_id char(36) NOT NULL,
      source_definition_id varchar(64) NOT NULL,
      target_definition_id varchar(64) NOT NULL,
      batch_job_definition_id varchar(64) NULL,
      process_instance_ids json NOT NULL,
      started_by varchar(100) NOT NULL,
      started_at datetime(3) NOT NULL,
      KEY ix_instance_migration_district (district_id),
      CONSTRAINT fk_instance_migration_district FOREIGN KEY (district_id) REFERENCES district (id),
      CONSTRAINT fk_instance_migration_deployment FOREIGN KEY (deployment_id) REFERENCES deployment (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['instance_migration', 'model_draft_revision', 'model_draft']) await db.query(`DROP TABLE ${table}`);
  }
}
