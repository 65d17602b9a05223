import { ApiProperty } from '@nestjs/swagger';
import { NEED_STATUSES, NeedStatus, PLACEMENT_TYPES, PlacementType } from '../../../domain/need';
import { RoleTaskResponse } from '../../../../roles/interface/http/dto/role.response';
import type { NeedView } from '../../../application/queries/need.view';

export class SupportOfferedResponse {
  @ApiProperty({ description: 'How many placed people a supervisor can support closely at once.' }) supervisorCapacity!: number;
  @ApiProperty({ description: 'Whether two candidates may be placed together (parpraktik).' }) pairInternshipAllowed!: boolean;
  @ApiProperty({ description: 'Whether language support is offered at the workplace.' }) languageSupport!: boolean;
}

export class NeedResponse implements NeedView {
  @ApiProperty({ description: 'Need id.', format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Revision, increased by every change; published events carry it.' }) revision!: number;
  @ApiProperty({ description: 'The employer that posted the need.', format: 'uuid' }) employerId!: string;
  @ApiProperty({ description: 'The role the positions are for.', format: 'uuid' }) roleId!: string;
  @ApiProperty({ description: 'The role version the need was posted with (kept when the role changes).' }) roleVersion!: number;
  @ApiProperty({ description: "That role version's name." }) roleName!: string;
  @ApiProperty({ description: "That role version's occupations (SSYK codes).", type: [String] }) occupations!: string[];
  @ApiProperty({ description: "That role version's task requirements.", type: [RoleTaskResponse] }) tasks!: RoleTaskResponse[];
  @ApiProperty({ description: 'Number of positions.' }) positions!: number;
  @ApiProperty({ description: 'Positions taken by placements started so far.' }) positionsFilled!: number;
  @ApiProperty({ description: 'Positions still open (0 unless the need is open).' }) positionsOpen!: number;
  @ApiProperty({ description: 'Four-digit code of the workplace municipality.' }) workplaceMunicipality!: string;
  @ApiProperty({ description: "Two-digit code of the workplace's county; the need's tenant is `se-<countyCode>`." }) countyCode!: string;
  @ApiProperty({ description: 'First day of work (YYYY-MM-DD).', format: 'date' }) startDate!: string;
  @ApiProperty({ description: 'Internship, work training or employment.', enum: PLACEMENT_TYPES }) placementType!: PlacementType;
  @ApiProperty({ description: 'Support the workplace offers.', type: SupportOfferedResponse }) support!: SupportOfferedResponse;
  @ApiProperty({ description: 'draft → open → filled or closed.', enum: NEED_STATUSES }) status!: NeedStatus;
  @ApiProperty({
    description:
      "Whether one of the role's occupations is in shortage in the county (taxonomy flags and overrides, as of the last post or update).",
  })
  shortage!: boolean;
  @ApiProperty({ description: 'Why the need was closed or filled; null while open or draft.', nullable: true, type: String }) closeReason!:
    string | null;
  @ApiProperty({
    description: 'When the need was first opened (ISO 8601); null for a draft never opened.',
    nullable: true,
    type: String,
    format: 'date-time',
  })
  postedAt!: string | null;
  @ApiProperty({ description: 'When the need was created (ISO 8601).', format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'When the need last changed (ISO 8601).', format: 'date-time' }) updatedAt!: string;
}

export class NeedPageResponse {
  @ApiProperty({ description: 'The needs on this page, newest first.', type: [NeedResponse] }) items!: NeedResponse[];
  @ApiProperty({ description: 'How many needs match the filters in all.' }) total!: number;
  @ApiProperty({ description: 'Page size used.' }) limit!: number;
  @ApiProperty({ description: 'Items skipped before this page.' }) offset!: number;
}

export class NeedListResponse {
  @ApiProperty({
    description: 'The needs asked for that the caller may see, in the order asked; an unknown need, or one she may not see, is left out.',
    type: [NeedResponse],
  })
  items!: NeedResponse[];
}
