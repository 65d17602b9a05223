import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REJECTION_REASONS, WITHDRAWAL_REASONS } from '@jobbspar/contracts';
import { PROPOSAL_STATUSES } from '../../../domain/proposal';
import type { ProposalView } from '../../../application/queries/proposal.view';

export class ProposalResponse {
  @ApiProperty({ description: 'Proposal id' }) proposalId!: string;
  @ApiProperty({ description: 'Competence need proposed for' }) needId!: string;
  @ApiProperty({ description: 'Pseudonymous candidate id' }) candidateId!: string;
  @ApiPropertyOptional({ description: 'Shared by the two proposals of a pair internship', nullable: true }) pairId!: string | null;
  @ApiProperty({ description: 'Lifecycle state', enum: PROPOSAL_STATUSES }) status!: string;
  @ApiProperty({ description: 'Score 0..100' }) score!: number;
  @ApiProperty({ description: 'Scoring weights version that produced the score' }) weightsVersion!: string;
  @ApiProperty({
    description: "The score's explanation: each factor's weight, value and contribution, tasks covered and tasks missing",
    type: Object,
  })
  explanation!: object;
  @ApiProperty({ description: 'Workplace municipality code of the need' }) municipality!: string;
  @ApiProperty({ description: "SSYK codes of the need's role", type: [String] }) occupations!: string[];
  @ApiPropertyOptional({ description: 'Rejection reason code', enum: REJECTION_REASONS, nullable: true }) reasonCode!: string | null;
  @ApiPropertyOptional({ description: "Reviewer's comment (never published)", nullable: true }) comment!: string | null;
  @ApiPropertyOptional({ description: 'Why the proposal was withdrawn', enum: WITHDRAWAL_REASONS, nullable: true }) withdrawalReason!:
    string | null;
  @ApiPropertyOptional({ description: 'Who reviewed it (role:pseudonymous id)', nullable: true }) reviewedBy!: string | null;
  @ApiPropertyOptional({ description: 'When it was reviewed (ISO 8601)', nullable: true }) reviewedAt!: string | null;
  @ApiProperty({ description: 'When it was proposed (ISO 8601)' }) createdAt!: string;

  static from(p: ProposalView): ProposalResponse {
    return {
      proposalId: p.proposalId,
      needId: p.needId,
      candidateId: p.candidateId,
      pairId: p.pairId,
      status: p.status,
      score: p.score,
      weightsVersion: p.weightsVersion,
      explanation: p.explanation,
      municipality: p.municipality,
      occupations: p.occupations,
      reasonCode: p.reasonCode,
      comment: p.comment,
      withdrawalReason: p.withdrawalReason,
      reviewedBy: p.reviewedBy,
      reviewedAt: p.reviewedAt,
      createdAt: p.createdAt,
    };
  }
}

export class ProposalPageResponse {
  @ApiProperty({ description: 'Proposals on this page, best score first', type: [ProposalResponse] }) items!: ProposalResponse[];
  @ApiProperty({ description: 'Matching proposals in all pages' }) total!: number;
  @ApiProperty({ description: 'Page size used' }) limit!: number;
  @ApiProperty({ description: 'Rows skipped' }) offset!: number;
}
