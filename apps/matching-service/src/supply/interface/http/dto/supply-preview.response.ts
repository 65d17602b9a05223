import { ApiProperty } from '@nestjs/swagger';
import type { SupplyPreviewView } from '../../../application/queries/preview-supply/preview-supply.query';

export class ClosingValidationResponse {
  @ApiProperty({ description: 'The must-have task', example: 'kitchen.dishwashing' }) taskId!: string;
  @ApiProperty({ description: 'The level the role asks for it', enum: [1, 2, 3] }) requiredLevel!: 1 | 2 | 3;
  @ApiProperty({ description: 'Candidates one validation away who have no validation of this task yet', minimum: 0 }) missing!: number;
  @ApiProperty({ description: 'Candidates one validation away validated in this task below the level', minimum: 0 }) belowLevel!: number;
}

export class SupplyPreviewResponse {
  @ApiProperty({ description: 'The workplace municipality asked about', example: '1496' }) workplaceMunicipality!: string;
  @ApiProperty({ description: 'The start date asked about, null if none', type: String, nullable: true, example: null })
  startDate!: string | null;
  @ApiProperty({
    description:
      'Candidates within their own maximum commute of the workplace, consenting to matching, available by the start date, and validated in at least one of the tasks',
    minimum: 0,
  })
  inReach!: number;
  @ApiProperty({
    description: 'Of those, the ones who pass every hard filter a proposal of this role would: every must-have at its level',
    minimum: 0,
  })
  qualify!: number;
  @ApiProperty({ description: 'Of those, the ones for whom exactly one must-have is missing or below its level', minimum: 0 })
  oneValidationAway!: number;
  @ApiProperty({
    description: 'Which validation would make those candidates qualify: per must-have task, most candidates first',
    type: [ClosingValidationResponse],
  })
  closingValidations!: ClosingValidationResponse[];

  static from(v: SupplyPreviewView): SupplyPreviewResponse {
    return {
      workplaceMunicipality: v.workplaceMunicipality,
      startDate: v.startDate,
      inReach: v.inReach,
      qualify: v.qualify,
      oneValidationAway: v.oneValidationAway,
      closingValidations: v.closingValidations.map((c) => ({ ...c })),
    };
  }
}
