import { MigrationInterface, QueryRunner } from 'typeorm';

/** Districts, intakes, gapless case numbers, the hash-chained audit trail and the workers' bookkeeping. */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE district (
      id varchar(64) NOT NULL PRIMARY KEY,
      name varchar(100) NOT NULL,
      case_prefix varchar(8) NOT NULL
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await db.query(`INSERT INTO district (id, name, case_prefix) VALUES
      ('jiashan', '嘉善县', 'JS'),
      ('xiaoshan-xintang', '萧山区新塘街道', 'XT'),
      ('wucheng', '婺城区', 'WC'),
      ('wuxing', '吴兴区', 'WX'),
      ('linan', '临安区', 'LA')`);

    await db.query(`CREATE TABLE intake (
      id char(36) NOT NULL PRIMARY KEY,
      business_key varchar(64) NOT NULL,
      district_id varchar(64) NOT NULL,
      case_number varchar(32) NULL,
      source varchar(32) NOT NULL,
      category varchar(64) NOT NULL,
      title varchar(200) NOT NULL,
      description text NOT NULL,
      address varchar(500) NOT NULL,
      latitude double NULL,
      longitude double NULL,
      reporter_name varchar(100) NULL,
      reporter_phone varchar(32) NULL,
      status varchar(16) NOT NULL,
      process_instance_id varchar(64) NULL,
      created_by varchar(100) NOT NULL,
      created_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      registered_at datetime(3) NULL,
      closed_at datetime(3) NULL,
      UNIQUE KEY uq_intake_business_key (business_key),
      UNIQUE KEY uq_intake_case_number (case_number),
      KEY ix_intake_district_created (district_id, created_at),
      CONSTRAINT fk_intake_district FOREIGN KEY (district_id) REFERENCES district (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await db.query(`CREATE TABLE case_number_sequence (
      district_id varchar(64) NOT NULL,
      year smallint NOT NULL,
      last_value int NOT NULL,
      PRIMARY KEY (district_id, year),
      CONSTRAINT fk_case_number_district FOREIGN KEY (district_id) REFERENCES district (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await db.query(`CREATE TABLE audit_entry (
      id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
      district_id varchar(64) NOT NULL,
      actor varchar(100) NOT NULL,
      action varchar(64) NOT NULL,
      subject_type varchar(32) NOT NULL,
      subject_id varchar(64) NOT NULL,
      \`before\` json NULL,
      \`after\` json NULL,
      at datetime(3) NOT NULL,
      prev_hash char(64) NOT NULL,
      hash char(64) NOT NULL,
      KEY ix_audit_district_subject (district_id, subject_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await db.query(`CREATE TABLE audit_chain_head (
      id tinyint NOT NULL PRIMARY KEY,
      last_hash char(64) NOT NULL
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await db.query(`INSERT INTO audit_chain_head (id, last_hash) VALUES (1, REPEAT('0', 64))`);

    await db.query(`CREATE TABLE processed_task (
      external_task_id varchar(64) NOT NULL PRIMARY KEY,
      topic varchar(64) NOT NULL,
      business_key varchar(64) NULL,
      district_id varchar(64) NULL,
      outcome varchar(16) NOT NULL,
      output json NULL,
      error_code varchar(64) NULL,
      processed_at datetime(3) NOT NULL,
      KEY ix_processed_task_business_key (business_key)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await db.query(`CREATE TABLE worker_heartbeat (
      worker_id varchar(100) NOT NULL PRIMARY KEY,
      hostname varchar(255) NOT NULL,
      pid int NOT NULL,
      topics json NOT NULL,
      started_at datetime(3) NOT NULL,
      seen_at datetime(3) NOT NULL
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['worker_heartbeat', 'processed_task', 'audit_chain_head', 'audit_entry', 'case_number_sequence', 'intake', 'district']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
