import { MigrationInterface, QueryRunner } from 'typeorm';

/** The notification outbox: rows queued by the `notify` topic, delivered by the workers' dispatcher. */
export class Outbox1764300000000 implements MigrationInterface {
  name = 'Outbox1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE outbox (
      id char(36) NOT NULL PRIMARY KEY,
      external_task_id varchar(64) NULL,
      district_id varchar(64) NOT NULL,
      channel varchar(16) NOT NULL,
      recipient varchar(200) NOT NULL,
      template varchar(64) NOT NULL,
      subject_id varchar(64) NOT NULL,
      process_instance_id varchar(64) NULL,
      title varchar(200) NOT NULL,
      message text NOT NULL,
      status varchar(16) NOT NULL,
      attempts int NOT NULL DEFAULT 0,
      last_error text NULL,
      next_attempt_at datetime(3) NOT NULL,
      created_at datetime(3) NOT NULL,
      delivered_at datetime(3) NULL,
      UNIQUE KEY uq_outbox_external_task (external_task_id),
      KEY ix_outbox_status_next_attempt (status, next_attempt_at),
      KEY ix_outbox_district_subject (district_id, subject_id),
      CONSTRAINT fk_outbox_district FOREIGN KEY (district_id) REFERENCES district (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE outbox`);
  }
}
