import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last case number handed out per district and year; the row lock makes numbering gapless. */
@Entity('case_number_sequence')
export class CaseNumberSequence {
  @PrimaryColumn({ name: 'district_id', type: 'varchar', length: 64 })
  districtId!: string;

  @PrimaryColumn({ type: 'smallint' })
  year!: number;

  @Column({ name: 'last_value', type: 'int' })
  lastValue!: number;
}
