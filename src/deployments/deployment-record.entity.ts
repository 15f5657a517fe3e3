import type { DeployedDefinition, DeployedFile } from './deployment-view';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One deployment district IT made to the engine for its district (部署记录); `version` counts per district. */
@Entity('deployment')
export class DeploymentRecord {
  @PrimaryColumn({ type: 'char', length: 36 })
  id!: string;

  @Column({ name: 'district_id', type: 'varchar', length: 64 })
  districtId!: string;

  @Column({ name: 'engine_deployment_id', type: 'varchar', length: 64 })
  engineDeploymentId!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'varchar', length: 500 })
  comment!: string;

  @Column({ type: 'json' })
  files!: DeployedFile[];

  @Column({ type: 'json' })
  definitions!: DeployedDefinition[];

  @Column({ name: 'deployed_by', type: 'varchar', length: 100 })
  deployedBy!: string;

  @Column({ name: 'deployed_at', type: 'datetime', precision: 3 })
  deployedAt!: Date;

  /** The earlier deployment whose files this one repeats, for a rollback. */
  @Column({ name: 'rollback_of', type: 'char', length: 36, nullable: true })
  rollbackOf!: string | null;
}
