import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { TaskLevel, TaskWeight } from '@jobbspar/taxonomy';
import type { RoleTaskView, RoleVersionView, RoleView, RoleWithVersionsView } from '../../../application/queries/role.view';
import { ROLE_KINDS, RoleKind } from '../../../domain/role';
import { TASK_WEIGHTS } from '../../../domain/role-composition';

export class RoleTaskResponse implements RoleTaskView {
  @ApiProperty({ description: 'Task id from the taxonomy.' }) taskId!: string;
  @ApiProperty({ description: 'Required level: 1 with support, 2 independently, 3 can instruct others.', enum: [1, 2, 3] })
  requiredLevel!: TaskLevel;
  @ApiProperty({ description: 'must-have or nice-to-have.', enum: TASK_WEIGHTS }) weight!: TaskWeight;
  @ApiPropertyOptional({ description: "The task's Swedish name in the current taxonomy." }) nameSv?: string;
  @ApiPropertyOptional({ description: "The task's English name in the current taxonomy." }) nameEn?: string;
}

export class RoleVersionResponse implements RoleVersionView {
  @ApiProperty({ description: 'Role id.', format: 'uuid' }) roleId!: string;
  @ApiProperty({ description: 'Version number, from 1.' }) version!: number;
  @ApiProperty({ description: "The role's name in this version." }) name!: string;
  @ApiProperty({ description: 'SSYK codes of the occupations the role draws on.', type: [String] }) occupations!: string[];
  @ApiProperty({ description: 'The weighted task requirements of this version.', type: [RoleTaskResponse] }) tasks!: RoleTaskResponse[];
  @ApiProperty({ description: 'Taxonomy version the tasks were taken from.' }) taxonomyVersion!: string;
  @ApiProperty({ description: 'When this version was created (ISO 8601).', format: 'date-time' }) createdAt!: string;
}

export class RoleResponse implements RoleView {
  @ApiProperty({ description: 'Role id.', format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'standard (taken from an occupation) or composed (by municipal HR from tasks).', enum: ROLE_KINDS })
  kind!: RoleKind;
  @ApiProperty({
    description: 'The municipality that composed the role; null for a standard role.',
    format: 'uuid',
    nullable: true,
    type: String,
  })
  employerId!: string | null;
  @ApiProperty({ description: 'The occupation a standard role is taken from; null for a composed role.', nullable: true, type: String })
  ssyk!: string | null;
  @ApiProperty({ description: 'Number of the latest version.' }) latestVersion!: number;
  @ApiProperty({ description: "The latest version's name." }) name!: string;
  @ApiProperty({ description: "The latest version's occupations (SSYK codes).", type: [String] }) occupations!: string[];
  @ApiProperty({ description: "The latest version's task requirements.", type: [RoleTaskResponse] }) tasks!: RoleTaskResponse[];
  @ApiProperty({ description: 'Taxonomy version of the latest version.' }) taxonomyVersion!: string;
  @ApiProperty({ description: 'When the role was created (ISO 8601).', format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'When its latest version was created (ISO 8601).', format: 'date-time' }) updatedAt!: string;
}

export class RoleWithVersionsResponse extends RoleResponse implements RoleWithVersionsView {
  @ApiProperty({ description: 'Every version, oldest first. Needs keep the version they were posted with.', type: [RoleVersionResponse] })
  versions!: RoleVersionResponse[];
}

export class RolePageResponse {
  @ApiProperty({ description: 'The roles on this page.', type: [RoleResponse] }) items!: RoleResponse[];
  @ApiProperty({ description: 'How many roles match the filters in all.' }) total!: number;
  @ApiProperty({ description: 'Page size used.' }) limit!: number;
  @ApiProperty({ description: 'Items skipped before this page.' }) offset!: number;
}
