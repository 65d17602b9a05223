import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOffset, PageSize } from '@jobbspar/platform';
import { REJECTION_REASONS, RejectionReason } from '@jobbspar/contracts';
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
  @ApiPropertyOptional({ description: "Workplace municipality code (4 digits) of the proposals' needs" })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'municipality must be a 4-digit municipality code' })
  municipality?: string;

  @ApiPropertyOptional({ description: 'SSYK 2012 occupation code (4 digits) of the need' })
  @IsOptional()
  @Matches(/^\d{4}$/, { message: 'occupation must be a 4-digit SSYK code' })
  occupation?: string;
}
