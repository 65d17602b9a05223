import { ApiProperty } from '@nestjs/swagger';
import { NEED_STATUSES, SCORE_FACTORS } from '@jobbspar/contracts';
import { DECIDING_CAPACITIES, PAIR_VERDICTS } from '../../../domain/pair-answer';
import { TaskCoverageResponse } from '../../../../proposals/interface/http/dto/proposal.response';

class PassedResponse {
  @ApiProperty({ description: 'Whether the pair passes this filter' }) passed!: boolean;
}

export class NeedOpenFilterResponse extends PassedResponse {
  @ApiProperty({ description: "The need's status (it must be open)", enum: NEED_STATUSES }) status!: string;
}

export class PositionsLeftFilterResponse extends PassedResponse {
  @ApiProperty({ description: 'Positions not filled yet (at least one is needed)' }) positionsLeft!: number;
}

export class AvailabilityFilterResponse extends PassedResponse {
  @ApiProperty({
    description: "The day she is available from (YYYY-MM-DD); null on the employer's side (her circumstances, not her competence)",
    type: String,
    nullable: true,
  })
  availableFrom!: string | null;
  @ApiProperty({ description: "The day she must be available by: the need's start, or today if that has passed (YYYY-MM-DD)" })
  startsOn!: string;
}

export class CommuteFilterResponse extends PassedResponse {
  @ApiProperty({
    description:
      "Commute minutes from her home to the workplace; null if no route is known, and on the employer's side (they say roughly where she lives)",
    type: Number,
    nullable: true,
  })
  minutes!: number | null;
  @ApiProperty({ description: "The longest commute she accepts, in minutes; null on the employer's side", type: Number, nullable: true })
  maxMinutes!: number | null;
}

export class MustHaveFilterResponse extends PassedResponse {
  @ApiProperty({ description: 'Must-have task id (taxonomy)' }) taskId!: string;
  @ApiProperty({ description: 'Level the role requires (1-3)', minimum: 1, maximum: 3 }) required!: number;
  @ApiProperty({
    description: 'Her certified level; null if she has none on this task',
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 3,
  })
  reached!: number | null;
}

export class HardFiltersResponse {
  @ApiProperty({ description: 'Whether she passes every hard filter' }) passed!: boolean;
  @ApiProperty({ description: 'The need is open', type: NeedOpenFilterResponse }) needOpen!: NeedOpenFilterResponse;
  @ApiProperty({ description: 'The need has positions left', type: PositionsLeftFilterResponse })
  positionsLeft!: PositionsLeftFilterResponse;
  @ApiProperty({ description: 'She is available by the start', type: AvailabilityFilterResponse })
  availableByStart!: AvailabilityFilterResponse;
  @ApiProperty({ description: 'The commute is within her maximum', type: CommuteFilterResponse }) commute!: CommuteFilterResponse;
  @ApiProperty({ description: 'Her consent to matching is active', type: PassedResponse }) consent!: PassedResponse;
  @ApiProperty({ description: 'She was not rejected (coordinator) or declined (employer) for this need before', type: PassedResponse })
  notRejectedBefore!: PassedResponse;
  @ApiProperty({ description: 'Each must-have task: the level reached against the level required', type: [MustHaveFilterResponse] })
  mustHaves!: MustHaveFilterResponse[];
}

export class WhyFactorResponse {
  @ApiProperty({ description: 'Which factor', enum: SCORE_FACTORS }) factor!: string;
  @ApiProperty({ description: 'Its weight: the points it can give (0..100)' }) weight!: number;
  @ApiProperty({ description: 'How well the pair does on it (0..1)' }) value!: number;
  @ApiProperty({ description: 'Points it gives: weight × value, to the cent; the contributions add up to the score' })
  contribution!: number;
  @ApiProperty({ description: 'In words' }) detail!: string;
}

export class HoldingProposalResponse {
  @ApiProperty({
    description: "The proposal holding the room; null where the caller may not see it (the employer's side)",
    type: String,
    nullable: true,
  })
  proposalId!: string | null;
  @ApiProperty({ description: 'Its need; null for her other needs on the employer’s side', type: String, nullable: true })
  needId!: string | null;
  @ApiProperty({ description: 'Its current score: only the score, never who holds it' }) score!: number;
}

export class CapacityAnswerResponse {
  @ApiProperty({
    description:
      'The capacities that are full in the optimum without her pair, so that taking her in would cost more than she brings (need-slots: positions left × M; candidate-slots: her K; supervisor-capacity: the need’s room for candidates who need close supervision); empty unless out-competed',
    enum: DECIDING_CAPACITIES,
    isArray: true,
  })
  decidedBy!: string[];
  @ApiProperty({
    description:
      'The lowest score (two decimals) with which she would be proposed, the rest unchanged; null unless out-competed or pending, or when no score would do (a side has no open slot)',
    type: Number,
    nullable: true,
  })
  scoreNeeded!: number | null;
  @ApiProperty({ description: "The need's open slots for proposals; null when not asked", type: Number, nullable: true })
  needSlots!: number | null;
  @ApiProperty({ description: "The proposals holding the need's slots, best first", type: [HoldingProposalResponse] })
  needHeldBy!: HoldingProposalResponse[];
  @ApiProperty({ description: 'Her open slots (K minus what she holds); null when not asked', type: Number, nullable: true })
  candidateSlots!: number | null;
  @ApiProperty({ description: 'Her proposals for other needs holding her slots, best first', type: [HoldingProposalResponse] })
  candidateHeldBy!: HoldingProposalResponse[];
  @ApiProperty({ description: 'She needs close supervision (her pair counts against the supervisors’ room)' })
  needsCloseSupervision!: boolean;
  @ApiProperty({
    description: "The need's room for candidates who need close supervision, after its accepted proposals and placements under way",
    type: Number,
    nullable: true,
  })
  supervisorSlots!: number | null;
  @ApiProperty({ description: 'Proposals of candidates under close supervision holding that room', type: [HoldingProposalResponse] })
  supervisorHeldBy!: HoldingProposalResponse[];
}

export class WhyResponse {
  @ApiProperty({ description: 'Pseudonymous candidate id: never a name or contact data' }) candidateId!: string;
  @ApiProperty({ description: 'The competence need' }) needId!: string;
  @ApiProperty({
    description:
      'filtered-out: a hard filter fails; no-score: she passes but scores 0; holds-no-task: she holds none of the need’s tasks (matching finds candidates through them); proposed, accepted, placed: the pair has that proposal; out-competed: a capacity she needs is held by other pairs that give more in all; pending: her score already beats what it needs and matching is about to propose her',
    enum: PAIR_VERDICTS,
  })
  verdict!: string;
  @ApiProperty({
    description: "The pair's live proposal (proposed, accepted or placed); on the employer's side only once accepted",
    type: String,
    nullable: true,
  })
  proposalId!: string | null;
  @ApiProperty({
    description: 'rejected or declined: the pair was settled so before (the not-rejected-before filter)',
    type: String,
    nullable: true,
    enum: ['rejected', 'declined'],
  })
  settledAs!: string | null;
  @ApiProperty({ description: 'The reason code it was rejected or declined with', type: String, nullable: true })
  settledReason!: string | null;
  @ApiProperty({ description: 'Every hard filter with its verdict and values', type: HardFiltersResponse }) filters!: HardFiltersResponse;
  @ApiProperty({ description: "Her home municipality; null on the employer's side", type: String, nullable: true })
  homeMunicipality!: string | null;
  @ApiProperty({ description: 'The workplace municipality of the need' }) workplaceMunicipality!: string;
  @ApiProperty({ description: 'She holds at least one of the need’s tasks, at any level' }) holdsNeedTask!: boolean;
  @ApiProperty({
    description: 'Her score 0..100 with the region’s current weights; null unless she passes every filter',
    type: Number,
    nullable: true,
  })
  score!: number | null;
  @ApiProperty({ description: 'The weights version of the score; null when not scored', type: String, nullable: true })
  weightsVersion!: string | null;
  @ApiProperty({ description: "Each factor's weight and contribution; empty when not scored", type: [WhyFactorResponse] })
  factors!: WhyFactorResponse[];
  @ApiProperty({ description: 'Tasks she holds at the required level or above; empty when not scored', type: [TaskCoverageResponse] })
  tasksCovered!: TaskCoverageResponse[];
  @ApiProperty({ description: 'Tasks she lacks or holds below the level; empty when not scored', type: [TaskCoverageResponse] })
  tasksMissing!: TaskCoverageResponse[];
  @ApiProperty({
    description: 'What decided it when she passes but is not proposed, and the score she would need',
    type: CapacityAnswerResponse,
  })
  capacity!: CapacityAnswerResponse;
}
