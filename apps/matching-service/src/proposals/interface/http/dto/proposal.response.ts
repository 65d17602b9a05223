import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import {
  DECLINE_REASONS,
  NEED_STATUSES,
  PLACEMENT_TYPES,
  REJECTION_REASONS,
  SCORE_FACTORS,
  TASK_WEIGHTS,
  WITHDRAWAL_REASONS,
} from '@jobbspar/contracts';
import { PROPOSAL_STATUSES } from '../../../domain/proposal';
import type { ProposalView } from '../../../application/queries/proposal.view';
import { EMPLOYER_PROPOSAL_STATUSES } from './proposal.request';

export class ScoreFactorResponse {
  @ApiProperty({ description: 'Which factor', enum: SCORE_FACTORS }) factor!: string;
  @ApiProperty({ description: 'Its weight in the region’s scoring weights (0..100)' }) weight!: number;
  @ApiProperty({ description: 'How well the pair does on it (0..1)' }) value!: number;
  @ApiProperty({ description: 'Points it adds to the score: weight × value' }) contribution!: number;
  @ApiProperty({ description: 'In words, e.g. "5 of 9 tasks at the required level"' }) detail!: string;
}

export class TaskCoverageResponse {
  @ApiProperty({ description: 'Task id (taxonomy)' }) taskId!: string;
  @ApiProperty({ description: 'Level the role requires (1-3)', minimum: 1, maximum: 3 }) required!: number;
  @ApiProperty({
    description: 'Her certified level, null if she has none on this task',
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 3,
  })
  reached!: number | null;
  @ApiProperty({ description: 'must-have or nice-to-have', enum: TASK_WEIGHTS }) weight!: string;
}

export class ExplanationResponse {
  @ApiProperty({ description: 'Score 0..100: the sum of the contributions' }) score!: number;
  @ApiProperty({ description: 'Scoring weights version' }) weightsVersion!: string;
  @ApiProperty({ description: "Each factor's weight, value and contribution", type: [ScoreFactorResponse] })
  factors!: ScoreFactorResponse[];
  @ApiProperty({ description: 'Tasks she holds at the required level or above', type: [TaskCoverageResponse] })
  tasksCovered!: TaskCoverageResponse[];
  @ApiProperty({ description: 'Tasks she lacks or holds below the required level', type: [TaskCoverageResponse] })
  tasksMissing!: TaskCoverageResponse[];
}

export class ProposalSupportOfferedResponse {
  @ApiProperty({ description: 'How many interns the workplace can supervise closely; null while unknown', type: Number, nullable: true })
  supervisorCapacity!: number | null;
  @ApiProperty({ description: 'Whether two candidates may start together (pair internship)', type: Boolean, nullable: true })
  pairInternshipAllowed!: boolean | null;
  @ApiProperty({ description: 'Whether the workplace offers language support (vocational Swedish)', type: Boolean, nullable: true })
  languageSupport!: boolean | null;
}

/** The need a proposal is for, as the people who decide on it need to see it (matching's read models). */
export class NeedContextResponse {
  @ApiProperty({ description: 'Name of the role version the need was posted with', type: String, nullable: true }) roleName!: string | null;
  @ApiProperty({ description: 'That role version', type: Number, nullable: true }) roleVersion!: number | null;
  @ApiProperty({ description: 'Employer of the need', type: String, nullable: true }) employerId!: string | null;
  @ApiProperty({ description: "The employer's name; null until matching has its registration", type: String, nullable: true })
  employerName!: string | null;
  @ApiProperty({ description: 'Workplace municipality code (4 digits)' }) workplaceMunicipality!: string;
  @ApiProperty({ description: 'County code (2 digits) of the need' }) countyCode!: string;
  @ApiProperty({ description: 'Placement type', enum: PLACEMENT_TYPES, nullable: true }) placementType!: string | null;
  @ApiProperty({ description: 'Start date of the need (YYYY-MM-DD)', type: String, nullable: true }) startDate!: string | null;
  @ApiProperty({ description: "The need's status now", enum: NEED_STATUSES, nullable: true }) status!: string | null;
  @ApiProperty({ description: 'Positions not filled yet', type: Number, nullable: true }) positionsLeft!: number | null;
  @ApiProperty({ description: 'Support the workplace offers', type: ProposalSupportOfferedResponse })
  supportOffered!: ProposalSupportOfferedResponse;
}

export class ProposalResponse {
  @ApiProperty({ description: 'Proposal id' }) proposalId!: string;
  @ApiProperty({ description: 'Competence need proposed for' }) needId!: string;
  @ApiProperty({ description: 'Pseudonymous candidate id' }) candidateId!: string;
  @ApiProperty({ description: 'Shared by the two proposals of a pair internship', type: String, nullable: true }) pairId!: string | null;
  @ApiProperty({ description: 'Lifecycle state', enum: PROPOSAL_STATUSES }) status!: string;
  @ApiProperty({
    description:
      "The pair's current score 0..100: kept true while the proposal is open (proposed or accepted), re-scored when her tasks or the need's terms change",
  })
  score!: number;
  @ApiProperty({ description: 'Scoring weights version that produced the current score' }) weightsVersion!: string;
  @ApiProperty({
    description: "The current score's explanation: each factor's weight, value and contribution, tasks covered and tasks missing",
    type: ExplanationResponse,
  })
  explanation!: object;
  @ApiProperty({
    description: 'The score it was accepted with (the current one is `score`, beside it); null before acceptance',
    type: Number,
    nullable: true,
  })
  acceptedScore!: number | null;
  // An inline nullable object: a nullable $ref loses its null in OpenAPI 3.0 (siblings of $ref are ignored).
  @ApiProperty({
    description:
      'The explanation it was accepted with, beside the current `explanation` (factors, tasks covered and missing as the coordinator saw them); null before acceptance',
    type: 'object',
    nullable: true,
    required: ['score', 'weightsVersion', 'factors', 'tasksCovered', 'tasksMissing'],
    properties: {
      score: { type: 'number', description: 'The score accepted: the sum of the contributions' },
      weightsVersion: { type: 'string', description: 'Scoring weights version of that score' },
      factors: {
        type: 'array',
        items: { $ref: getSchemaPath(ScoreFactorResponse) },
        description: "Each factor's weight, value and contribution",
      },
      tasksCovered: {
        type: 'array',
        items: { $ref: getSchemaPath(TaskCoverageResponse) },
        description: 'Tasks she held at the required level',
      },
      tasksMissing: {
        type: 'array',
        items: { $ref: getSchemaPath(TaskCoverageResponse) },
        description: 'Tasks she lacked or held below it',
      },
    },
  })
  acceptedExplanation!: object | null;
  @ApiProperty({ description: 'Workplace municipality code of the need' }) municipality!: string;
  @ApiProperty({ description: "SSYK codes of the need's role", type: [String] }) occupations!: string[];
  @ApiProperty({ description: 'Rejection reason code', enum: REJECTION_REASONS, nullable: true }) reasonCode!: string | null;
  @ApiProperty({ description: "Reviewer's comment (never published)", type: String, nullable: true }) comment!: string | null;
  @ApiProperty({ description: 'Why the proposal was withdrawn', enum: WITHDRAWAL_REASONS, nullable: true }) withdrawalReason!:
    string | null;
  @ApiProperty({ description: 'Who reviewed it (role:pseudonymous id)', type: String, nullable: true }) reviewedBy!: string | null;
  @ApiProperty({ description: 'When it was reviewed (ISO 8601)', type: String, format: 'date-time', nullable: true })
  reviewedAt!: string | null;
  @ApiProperty({ description: 'When it was proposed (ISO 8601)' }) createdAt!: string;
  @ApiProperty({ description: 'Its need: role, employer, where, when, positions left, support offered', type: NeedContextResponse })
  need!: NeedContextResponse;

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
      acceptedScore: p.acceptedScore,
      acceptedExplanation: p.acceptedExplanation,
      municipality: p.municipality,
      occupations: p.occupations,
      reasonCode: p.reasonCode,
      comment: p.comment,
      withdrawalReason: p.withdrawalReason,
      reviewedBy: p.reviewedBy,
      reviewedAt: p.reviewedAt,
      createdAt: p.createdAt,
      need: p.need,
    };
  }
}

export class ProposalPageResponse {
  @ApiProperty({ description: 'Proposals on this page, best score first', type: [ProposalResponse] }) items!: ProposalResponse[];
  @ApiProperty({ description: 'Matching proposals in all pages' }) total!: number;
  @ApiProperty({ description: 'Page size used' }) limit!: number;
  @ApiProperty({ description: 'Rows skipped' }) offset!: number;
}

/** The support she needs at the workplace. */
export interface SupportNeededResponse {
  closeSupervision: boolean;
  languageSupport: boolean;
}

/**
 * A proposal as the employer of its need sees it, once a coordinator accepted it: the pseudonym, the tasks covered
 * and missing, the support she needs. Never contact data, follow-up attributes or the coordinator's comment.
 */
export class EmployerProposalResponse {
  @ApiProperty({ description: 'Proposal id' }) proposalId!: string;
  @ApiProperty({ description: 'Her competence need' }) needId!: string;
  @ApiProperty({ description: 'Name of the role version the need was posted with', type: String, nullable: true }) roleName!: string | null;
  @ApiProperty({ description: 'Pseudonymous candidate id: never a name or contact data' }) candidateId!: string;
  @ApiProperty({ description: 'Shared by the two proposals of a pair internship', type: String, nullable: true }) pairId!: string | null;
  @ApiProperty({
    description:
      'accepted: waiting for her answer; placed: she confirmed; declined: she declined; withdrawn: withdrawn after the acceptance',
    enum: EMPLOYER_PROPOSAL_STATUSES,
  })
  status!: string;
  @ApiProperty({ description: 'The current score 0..100' }) score!: number;
  @ApiProperty({ description: 'The score the coordinator accepted it with' }) acceptedScore!: number;
  @ApiProperty({ description: 'Tasks she holds at the required level or above', type: [TaskCoverageResponse] })
  tasksCovered!: TaskCoverageResponse[];
  @ApiProperty({ description: 'Tasks she lacks or holds below the required level', type: [TaskCoverageResponse] })
  tasksMissing!: TaskCoverageResponse[];
  // An inline nullable object: a nullable $ref loses its null in OpenAPI 3.0 (siblings of $ref are ignored).
  @ApiProperty({
    description: 'The support she needs at the workplace; null once she is erased',
    type: 'object',
    nullable: true,
    required: ['closeSupervision', 'languageSupport'],
    properties: {
      closeSupervision: { type: 'boolean', description: 'She needs close supervision at the workplace' },
      languageSupport: { type: 'boolean', description: 'She needs language support (vocational Swedish) at the workplace' },
    },
  })
  supportNeeds!: SupportNeededResponse | null;
  @ApiProperty({ description: 'When the coordinator accepted it (ISO 8601)', format: 'date-time' }) acceptedAt!: string;
  @ApiProperty({
    description: 'When the employer answered (ISO 8601); null while waiting',
    type: String,
    format: 'date-time',
    nullable: true,
  })
  decidedAt!: string | null;
  @ApiProperty({ description: 'Why she declined', enum: DECLINE_REASONS, nullable: true }) declineReason!: string | null;
  @ApiProperty({ description: 'Why it was withdrawn after the acceptance', enum: WITHDRAWAL_REASONS, nullable: true })
  withdrawalReason!: string | null;
  @ApiProperty({ description: 'Her need: role, where, when, positions left, support offered', type: NeedContextResponse })
  need!: NeedContextResponse;
}

export class EmployerProposalPageResponse {
  @ApiProperty({ description: 'Proposals on this page, best current score first', type: [EmployerProposalResponse] })
  items!: EmployerProposalResponse[];
  @ApiProperty({ description: 'Matching proposals in all pages' }) total!: number;
  @ApiProperty({ description: 'Page size used' }) limit!: number;
  @ApiProperty({ description: 'Rows skipped' }) offset!: number;
}
