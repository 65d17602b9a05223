import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An administrator's correction of the taxonomy's default shortage flag for one county and occupation. */
@Entity({ name: 'shortage_overrides' })
export class ShortageOverrideOrmEntity {
  @PrimaryColumn('text', { name: 'county_code' }) countyCode!: string;
  @PrimaryColumn('text') ssyk!: string;
  @Column('boolean') shortage!: boolean;
  @Column('text', { name: 'set_by' }) setBy!: string;
  @Column('timestamptz', { name: 'set_at' }) setAt!: Date;
}
