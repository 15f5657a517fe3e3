import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** 中队: an enforcement squad of a township or street team. */
@Entity('squad')
export class Squad {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'district_id', type: 'varchar', length: 64 })
  districtId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ name: 'leader_name', type: 'varchar', length: 100 })
  leaderName!: string;
}

/** 网格: a cell of a township with its liaison station; the squad covering it gets its intakes. */
@Entity('grid')
export class Grid {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'district_id', type: 'varchar', length: 64 })
  districtId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** A place name that, found in an intake's address, puts the intake in this grid when it has no location. */
  @Column({ name: 'address_keyword', type: 'varchar', length: 100 })
  addressKeyword!: string;

  @Column({ type: 'double' })
  latitude!: number;

  @Column({ type: 'double' })
  longitude!: number;

  @Column({ name: 'radius_m', type: 'int' })
  radiusM!: number;

  @Column({ name: 'liaison_station', type: 'varchar', length: 100, nullable: true })
  liaisonStation!: string | null;

  @Column({ name: 'squad_id', type: 'varchar', length: 64, nullable: true })
  squadId!: string | null;
}

/** 区级业务主管部门: the competent county department an unsolved matter is escalated (移交) to. */
@Entity('department')
export class Department {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'district_id', type: 'varchar', length: 64 })
  districtId!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'json' })
  categories!: string[];

  /** Takes the categories no other department names. */
  @Column({ name: 'is_default', type: 'boolean' })
  isDefault!: boolean;
}

export const rapidResponseClocks = ['respond', 'depart', 'arrive'] as const;
export type RapidResponseClockName = (typeof rapidResponseClocks)[number];

/** One of the three 1315 clocks (respond 1 min, depart 3, arrive 15) of an urgent intake. */
@Entity('rapid_response_clock')
export class RapidResponseClock {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'district_id', type: 'varchar', length: 64 })
  districtId!: string;

  @Column({ name: 'intake_id', type: 'char', length: 36 })
  intakeId!: string;

  @Column({ type: 'varchar', length: 16 })
  clock!: RapidResponseClockName;

  @Column({ name: 'due_at', type: 'datetime', precision: 3 })
  dueAt!: Date;

  @Column({ name: 'met_at', type: 'datetime', precision: 3, nullable: true })
  metAt!: Date | null;

  @Column({ name: 'missed_at', type: 'datetime', precision: 3, nullable: true })
  missedAt!: Date | null;
}

/** 移交: one hand-over of an intake to a county department, and whether it was sent back or resolved. */
@Entity('intake_escalation')
export class IntakeEscalation {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'district_id', type: 'varchar', length: 64 })
  districtId!: string;

  @Column({ name: 'intake_id', type: 'char', length: 36 })
  intakeId!: string;

  @Column({ name: 'department_id', type: 'varchar', length: 64 })
  departmentId!: string;

  @Column({ name: 'escalated_at', type: 'datetime', precision: 3 })
  escalatedAt!: Date;

  @Column({ name: 'due_at', type: 'datetime', precision: 3 })
  dueAt!: Date;

  @Column({ name: 'returned_at', type: 'datetime', precision: 3, nullable: true })
  returnedAt!: Date | null;

  @Column({ name: 'return_reason', type: 'varchar', length: 2000, nullable: true })
  returnReason!: string | null;

  @Column({ name: 'resolved_at', type: 'datetime', precision: 3, nullable: true })
  resolvedAt!: Date | null;
}
