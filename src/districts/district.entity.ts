import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A district is a tenant: its id is the Camunda tenant id and the `district` claim of its users. */
@Entity('district')
export class District {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** Short letters that open every case number of the district, e.g. JS for 嘉善. */
  @Column({ name: 'case_prefix', type: 'varchar', length: 8 })
  casePrefix!: string;
}
