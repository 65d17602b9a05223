import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TaskRequirement } from '../domain/role-composition';

@Entity({ name: 'roles' })
export class RoleOrmEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') kind!: string;
  @Column('uuid', { name: 'employer_id', nullable: true }) employerId!: string | null;
  @Column('text', { nullable: true }) ssyk!: string | null;
  @Column('text') tenant!: string;
  @Column('integer', { name: 'latest_version' }) latestVersion!: number;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
}

/** Written once, never updated: a posted need keeps pointing at exactly this content. */
@Entity({ name: 'role_versions' })
export class RoleVersionOrmEntity {
  @PrimaryColumn('uuid', { name: 'role_id' }) roleId!: string;
  @PrimaryColumn('integer') version!: number;
  @Column('text') name!: string;
  @Column('text', { array: true }) occupations!: string[];
  @Column('jsonb') tasks!: TaskRequirement[];
  @Column('text', { name: 'taxonomy_version' }) taxonomyVersion!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
