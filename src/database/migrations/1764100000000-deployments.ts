import { MigrationInterface, QueryRunner } from 'typeorm';

/** District deployments: the business record of each engine deployment district IT makes, numbered per district. */
export class Deployments1764100000000 implements MigrationInterface {
  name = 'Deployments1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE deployment (
      id char(36) NOT NULL PRIMARY KEY,
      district_id varchar(64) NOT NULL,
      engine_deployment_id varchar(64) NOT NULL,
      version int NOT NULL,
      comment varchar(500) NOT NULL,
      files json NOT NULL,
      definitions json NOT NULL,
      deployed_by varchar(100) NOT NULL,
      deployed_at datetime(3) NOT NULL,
      rollback_of char(36) NULL,
      UNIQUE KEY uq_deployment_district_version (district_id, version),
      UNIQUE KEY uq_deployment_engine_deployment (engine_deployment_id),
      CONSTRAINT fk_deployment_district FOREIGN KEY (district_id) REFERENCES district (id),
      CONSTRAINT fk_deployment_rollback_of FOREIGN KEY (rollback_of) REFERENCES deployment (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE deployment`);
  }
}
