import { ApiProperty } from '@nestjs/swagger';

const COUNT = { type: 'integer', nullable: true, description: 'A count; null when hidden by disclosure control' } as const;

export class FunnelResponse {
  @ApiProperty({ ...COUNT, description: 'People registered this month' }) registered!: number | null;
  @ApiProperty({ ...COUNT, description: 'People whose first certified task was assessed this month' }) firstCertifiedTask!: number | null;
  @ApiProperty({ ...COUNT, description: 'People proposed for a need for the first time' }) proposed!: number | null;
  @ApiProperty({ ...COUNT, description: 'People whose first proposal was accepted' }) accepted!: number | null;
  @ApiProperty({ ...COUNT, description: 'People whose first placement started' }) placed!: number | null;
  @ApiProperty({ ...COUNT, description: 'Placements whose 90-day checkpoint fell due this month with her in work or studies' })
  inWorkOrStudies90!: number | null;
  @ApiProperty({ ...COUNT, description: 'The same at 180 days' }) inWorkOrStudies180!: number | null;
}

export class PlacementsByTypeResponse {
  @ApiProperty(COUNT) internship!: number | null;
  @ApiProperty(COUNT) 'work-training'!: number | null;
  @ApiProperty(COUNT) employment!: number | null;
  @ApiProperty(COUNT) total!: number | null;
}

export class FollowUpsResponse {
  @ApiProperty({ ...COUNT, description: 'Checkpoints (30/90/180 days) that fell due this month' }) due!: number | null;
  @ApiProperty({ ...COUNT, description: 'Of those, recorded within the grace days of falling due' }) onTime!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'onTime / due, when both are shown' }) shareOnTime!: number | null;
}

export class AreaOutcomesResponse {
  @ApiProperty({ description: 'Municipality code, or the region (se-XX) for the whole region' }) area!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: FunnelResponse }) funnel!: FunnelResponse;
  @ApiProperty({ type: PlacementsByTypeResponse, description: 'Placements started this month, by type' })
  placementsByType!: PlacementsByTypeResponse;
  @ApiProperty({ type: FollowUpsResponse }) followUps!: FollowUpsResponse;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Median days from registration to first placement, of those placed this month; null unless at least five',
  })
  medianDaysToFirstPlacement!: number | null;
}

export class DisclosureMethodResponse {
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ example: 5 }) smallestShownCount!: number;
}

export class OutcomesResponse {
  @ApiProperty({ example: 'se-12' }) region!: string;
  @ApiProperty({ example: '2026-02' }) month!: string;
  @ApiProperty({ description: 'The last day of the month' }) dataAsOf!: string;
  @ApiProperty({ description: 'When this month was released (frozen): reading it again gives the same figures' }) releasedAt!: string;
  @ApiProperty({ type: DisclosureMethodResponse }) method!: DisclosureMethodResponse;
  @ApiProperty({ description: 'Days after falling due within which a follow-up counts as on time' }) followUpGraceDays!: number;
  @ApiProperty({ type: [AreaOutcomesResponse], description: 'Every municipality of the region, then the region' })
  areas!: AreaOutcomesResponse[];
}

export class NextReleaseResponse {
  @ApiProperty({ example: '2026-03' }) month!: string;
  @ApiProperty({ description: 'The day it will be released', example: '2026-04-15' }) on!: string;
}

export class ReleasedMonthsResponse {
  @ApiProperty() region!: string;
  @ApiProperty({ type: [String], description: 'Months that can be read, oldest first' }) months!: string[];
  @ApiProperty({ type: NextReleaseResponse, description: 'The next month to be released and the day it will be' })
  nextRelease!: NextReleaseResponse;
}
