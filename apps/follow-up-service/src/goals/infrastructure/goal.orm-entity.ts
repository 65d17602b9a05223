import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'goals' })
export class GoalOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') region!: string;
  @Column('text', { name: 'county_code' }) countyCode!: string;
  @Column('text') name!: string;
  @Column('text', { name: 'target_group' }) targetGroup!: string;
  @Column('text', { name: 'baseline_month' }) baselineMonth!: string;
  @Column('text', { name: 'target_month' }) targetMonth!: string;
  @Column('integer', { name: 'reduction_percent' }) reductionPercent!: number;
  @Column('integer') revision!: number;
  @Column('text', { name: 'created_by' }) createdBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

@Entity({ name: 'goal_figures' })
export class GoalFigureOrmEntity {
  @PrimaryColumn('uuid', { name: 'goal_id' }) goalId!: string;
  @PrimaryColumn('text') municipality!: string;
  @PrimaryColumn('text') month!: string;
  @Column('integer') value!: number;
}
