import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'employers' })
export class EmployerOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'organisation_number' }) organisationNumber!: string;
  @Column('text') name!: string;
  @Column('text') sector!: string;
  @Column('text', { name: 'municipality_code' }) municipalityCode!: string;
  @Column('text', { name: 'county_code' }) countyCode!: string;
  @Column('boolean', { name: 'is_municipality' }) isMunicipality!: boolean;
  @Column('timestamptz', { name: 'registered_at' }) registeredAt!: Date;
}
