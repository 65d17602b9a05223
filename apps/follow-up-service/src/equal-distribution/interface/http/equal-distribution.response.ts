import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEASURES } from '@jobbspar/contracts';
import { DisclosureMethodResponse } from '../../../outcomes/interface/http/outcomes.response';

const COUNT = { type: 'integer', nullable: true, description: 'null: hidden by disclosure control' } as const;

export class DisparityResponse {
  @ApiProperty({ type: Number, nullable: true, description: 'The rate of this group; null unless both its counts are shown' }) rate!:
    number | null;
  @ApiProperty({ type: Number, nullable: true, description: "Rate divided by everyone's rate in the same area" }) ratio!: number | null;
  @ApiPropertyOptional({ nullable: true, enum: ['below', 'above'], description: 'Set when the ratio falls outside the band' }) warning!:
    string | null;
}

export class RatesResponse {
  @ApiProperty({ type: DisparityResponse, description: 'Placements with a supervisor, of placements' }) withSupervisor!: DisparityResponse;
  @ApiProperty({ type: DisparityResponse, description: 'Placements with language support, of placements' })
  withLanguageSupport!: DisparityResponse;
  @ApiProperty({ type: DisparityResponse, description: 'Placements with study counselling, of placements' })
  withStudyCounselling!: DisparityResponse;
  @ApiProperty({ type: DisparityResponse, description: 'In work or studies at the 90-day checkpoint, of checkpoints due' })
  inWorkOrStudies90!: DisparityResponse;
  @ApiProperty({ type: DisparityResponse, description: 'The same at 180 days' }) inWorkOrStudies180!: DisparityResponse;
}

export class CountsResponse {
  @ApiProperty({ ...COUNT, description: 'Placements started in the month' }) placements!: number | null;
  @ApiProperty(COUNT) withSupervisor!: number | null;
  @ApiProperty(COUNT) withLanguageSupport!: number | null;
  @ApiProperty(COUNT) withStudyCounselling!: number | null;
  @ApiProperty({ ...COUNT, description: 'Certified internships started in the month' }) internships!: number | null;
  @ApiProperty({ ...COUNT, description: '90-day checkpoints due in the month' }) due90!: number | null;
  @ApiProperty(COUNT) inWorkOrStudies90!: number | null;
  @ApiProperty({ ...COUNT, description: '180-day checkpoints due in the month' }) due180!: number | null;
  @ApiProperty(COUNT) inWorkOrStudies180!: number | null;
}

export class GroupRowResponse {
  @ApiProperty({ enum: ['gender', 'origin', 'all'] }) classification!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'gender: woman, man, other-or-not-stated, not-recorded; origin: born-in-sweden, arrived-within-5-years, ' +
      'arrived-earlier-or-unknown, not-recorded (no consent to follow-up statistics); null for everyone',
  })
  group!: string | null;
  @ApiProperty({ type: CountsResponse, description: `Counts of ${MEASURES.join(', ')}` }) counts!: CountsResponse;
  @ApiProperty({ type: RatesResponse }) rates!: RatesResponse;
}

export class AreaGroupsResponse {
  @ApiProperty() area!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [GroupRowResponse] }) groups!: GroupRowResponse[];
}

export class BandResponse {
  @ApiProperty({ example: 0.8 }) low!: number;
  @ApiProperty({ example: 1.25 }) high!: number;
}

export class EqualDistributionResponse {
  @ApiProperty() region!: string;
  @ApiProperty() month!: string;
  @ApiProperty() dataAsOf!: string;
  @ApiProperty() releasedAt!: string;
  @ApiProperty({ type: DisclosureMethodResponse }) method!: DisclosureMethodResponse;
  @ApiProperty({ type: BandResponse, description: 'The band of disparity ratios without a warning' }) band!: BandResponse;
  @ApiProperty({ type: String, nullable: true, description: 'Why the whole table is withheld, if it is' }) withheld!: string | null;
  @ApiProperty({ type: [AreaGroupsResponse], description: 'Every municipality, then the region' }) areas!: AreaGroupsResponse[];
}
