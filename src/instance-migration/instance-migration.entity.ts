import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A migration batch district IT started, so its progress is only ever shown to that district. */
@Entity('instance_migration')
export class InstanceMigration {
  @PrimaryColumn({ name: 'batch_id', type: 'varchar', length: 64 })
  batchId!: string;

  @Column({ name: 'district_id', type: 'varchar', length: 64 })
  districtId!: string;

  @Column({ name: 'deployment_id', type: 'char', length: 36 })
  deploymentId!: string;

  @Column({ name: 'source_definition_id', type: 'varchar', length: 64 })
  sourceDefinitionId!: string;

  @Column({ name: 'target_definition_id', type: 'varchar', length: 64 })
  targetDefinitionId!: string;

  @Column({ name: 'batch_job_definition_id', type: 'varchar', length: 64, nullable: true })
  batchJobDefinitionId!: string | null;

  @Column({ name: 'process_instance_ids', type: 'json' })
  processInstanceIds!: string[];

  @Column({ name: 'started_by', type: 'varchar', length: 100 })
  startedBy!: string;

  @Column({ name: 'started_at', type: 'datetime', precision: 3 })
  startedAt!: Date;
}
