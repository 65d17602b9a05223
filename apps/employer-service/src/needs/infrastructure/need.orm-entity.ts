import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'needs' })
export class NeedOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'employer_id' }) employerId!: string;
  @Column('uuid', { name: 'role_id' }) roleId!: string;
  @Column('integer', { name: 'role_version' }) roleVersion!: number;
  @Column('integer') positions!: number;
  @Column('integer', { name: 'positions_filled' }) positionsFilled!: number;
  @Column('text', { name: 'workplace_municipality' }) workplaceMunicipality!: string;
  @Column('text', { name: 'county_code' }) countyCode!: string;
  /** A calendar day, kept as `YYYY-MM-DD` text in JS so no time zone ever shifts it. */
  @Column('date', { name: 'start_date' }) startDate!: string;
  @Column('text', { name: 'placement_type' }) placementType!: string;
  @Column('integer', { name: 'supervisor_capacity' }) supervisorCapacity!: number;
  @Column('boolean', { name: 'pair_internship_allowed' }) pairInternshipAllowed!: boolean;
  @Column('boolean', { name: 'language_support' }) languageSupport!: boolean;
  @Column('text') status!: string;
  @Column('boolean') shortage!: boolean;
  @Column('text', { name: 'close_reason', nullable: true }) closeReason!: string | null;
  @Column('integer') revision!: number;
  @Column('timestamptz', { name: 'posted_at', nullable: true }) postedAt!: Date | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}
