import { MigrationInterface, QueryRunner } from 'typeorm';

/** Penalty cases (立案 → 三级审核 → 决定 → 送达 → 执行 → 结案): the case, every review round, the documents and their own numbering. */
export class PenaltyCases1764400000000 implements MigrationInterface {
  name = 'PenaltyCases1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE penalty_case (
      id char(36) NOT NULL PRIMARY KEY,
      business_key varchar(64) NOT NULL,
      district_id varchar(64) NOT NULL,
      case_number varchar(32) NULL,
      source_type varchar(16) NOT NULL,
      source_id varchar(64) NULL,
      title varchar(200) NOT NULL,
      party_name varchar(200) NOT NULL,
      party_type varchar(16) NOT NULL,
      violation_code varchar(64) NOT NULL,
      facts text NOT NULL,
      status varchar(16) NOT NULL,
      \`procedure\` varchar(16) NULL,
      exempt tinyint(1) NULL,
      exemption_type varchar(16) NULL,
      exemption_reason text NULL,
      penalty_min_yuan int NULL,
      penalty_max_yuan int NULL,
      discretion_level varchar(16) NULL,
      legal_basis text NULL,
      proposed_fine_yuan int NULL,
      final_fine_yuan int NULL,
      decision_reasoning text NULL,
      major tinyint(1) NOT NULL DEFAULT 0,
      execution_outcome varchar(16) NULL,
      process_instance_id varchar(64) NULL,
      created_by varchar(100) NOT NULL,
      created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      filed_at datetime(3) NULL,
      decided_at datetime(3) NULL,
      closed_at datetime(3) NULL,
      archived_at datetime(3) NULL,
      UNIQUE KEY uq_penalty_case_business_key (business_key),
      UNIQUE KEY uq_penalty_case_number (case_number),
      UNIQUE KEY uq_penalty_case_source (district_id, source_type, source_id),
      KEY ix_penalty_case_district_created (district_id, created_at),
      CONSTRAINT fk_penalty_case_district FOREIGN KEY (district_id) REFERENCES district (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await db.query(`CREATE TABLE penalty_review (
      id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
      penalty_case_id char(36) NOT NULL,
      district_id varchar(64) NOT NULL,
      round int NOT NULL,
      level varchar(16) NOT NULL,
      decision varchar(8) NOT NULL,
      comment text NULL,
      reviewed_at datetime(3) NOT NULL,
      UNIQUE KEY uq_penalty_review_round_level (penalty_case_id, round, level),
      CONSTRAINT fk_penalty_review_case FOREIGN KEY (penalty_case_id) REFERENCES penalty_case (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await db.query(`CREATE TABLE penalty_document (
      id char(36) NOT NULL PRIMARY KEY,
      penalty_case_id char(36) NOT NULL,
      district_id varchar(64) NOT NULL,
      kind varchar(16) NOT NULL,
      file_name varchar(200) NOT NULL,
      content_type varchar(64) NOT NULL,
      content longblob NOT NULL,
      size int NOT NULL,
      sha256 char(64) NOT NULL,
      created_at datetime(3) NOT NULL,
      UNIQUE KEY uq_penalty_document_case_kind (penalty_case_id, kind),
      CONSTRAINT fk_penalty_document_case FOREIGN KEY (penalty_case_id) REFERENCES penalty_case (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await db.query(`CREATE TABLE penalty_case_number_sequence (
      district_id varchar(64) NOT NULL,
      year smallint NOT NULL,
      last_value int NOT NULL,
      PRIMARY KEY (district_id, year)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE penalty_case_number_sequence`);
    await db.query(`DROP TABLE penalty_document`);
    await db.query(`DROP TABLE penalty_review`);
    await db.query(`DROP TABLE penalty_case`);
  }
}
