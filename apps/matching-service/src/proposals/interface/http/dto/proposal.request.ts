import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOffset, PageSize } from '@jobbspar/platform';
import { DECLINE_REASONS, DeclineReason, REJECTION_REASONS, RejectionReason } from '@jobbspar/contracts';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PROPOSAL_STATUSES, ProposalStatus } from '../../../domain/proposal';

export class ProposalIdParam {
  @ApiProperty({ description: 'Proposal id (UUID)' })
  @IsUUID()
  id!: string;
}

export class NeedIdParam {
  @ApiProperty({ description: 'Competence need id (UUID)' })
  @IsUUID()
  needId!: string;
}

export class CandidateIdParam {
  @ApiProperty({ description: 'Pseudonymous candidate id (UUID)' })
  @IsUUID()
  candidateId!: string;
}

export class RejectProposalRequest {
  @ApiProperty({ description: 'Why the proposal is rejected, from the fixed list', enum: REJECTION_REASONS })
  @IsIn(REJECTION_REASONS)
  reasonCode!: RejectionReason;

  @ApiPropertyOptional({ description: "The coordinator's comment; kept in matching-service, never published", maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  comment?: string;
}

export class PageQuery {
  @PageSize({ max: 200, default: 50, description: 'Proposals per page' })
  limit?: number;

  @PageOffset({ max: 1_000_000, description: 'Rows to skip' })
  offset?: number;
}

export class ProposalListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only proposals in this status', enum: PROPOSAL_STATUSES })
  @IsOptional()
  @IsIn(PROPOSAL_STATUSES)
  status?: ProposalStatus;
}

export class ReviewQueueQuery extends PageQuery {
  @ApiPropertyOptional({ description: "County code (2 digits) of the proposals' needs, e.g. 14 for Västra Götaland" })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'county must be a 2-digit county code' })
  county?: string;

  @ApiPropertyOptional({ description: "Workplace municipality code (4 digits) of the proposals' needs" })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'municipality must be a 4-digit municipality code' })
  municipality?: string;

  @ApiPropertyOptional({ description: 'SSYK 2012 occupation code (4 digits) of the need' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'occupation must be a 4-digit SSYK code' })
  occupation?: string;
}

export class DeclineProposalRequest {
  @ApiProperty({ description: 'Why the employer declines, from the fixed list (no free text)', enum: DECLINE_REASONS })
  @IsIn(DECLINE_REASONS)
  reasonCode!: DeclineReason;
}

export const EMPLOYER_PROPOSAL_STATUSES = ['accepted', 'placed', 'declined', 'withdrawn'] as const;

export class EmployerProposalListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only proposals for this need of hers (UUID)' })
  @IsOptional()
  @IsUUID()
  needId?: string;

  @ApiPropertyOptional({
    description: 'Only proposals in this status: accepted (waiting for her answer), placed (confirmed), declined, withdrawn',
    enum: EMPLOYER_PROPOSAL_STATUSES,
  })
  @IsOptional()
  @IsIn(EMPLOYER_PROPOSAL_STATUSES)
  status?: (typeof EMPLOYER_PROPOSAL_STATUSES)[number];
}
