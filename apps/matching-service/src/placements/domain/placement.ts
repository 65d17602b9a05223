import type { PlacementOutcome, PlacementType, SupportMeasuresV1 } from '@jobbspar/contracts';
import { PlacementDateInvalid, PlacementStateConflict } from './placement.errors';

export type FollowUpCheckpoint = 30 | 90 | 180;
export const CHECKPOINTS: readonly FollowUpCheckpoint[] = [30, 90, 180];
export type FollowUpStatus = 'in-work' | 'in-studies' | 'other';
export type SupportMeasures = SupportMeasuresV1;

export interface FollowUp {
  readonly checkpointDays: FollowUpCheckpoint;
  readonly status: FollowUpStatus;
  /** YYYY-MM-DD */
  readonly recordedOn: string;
  readonly recordedBy: string;
}

export interface PlacementProps {
  placementId: string;
  proposalId: string;
  needId: string;
  /** Pseudonymous; after erasure a random id that links to nobody. */
  candidateId: string;
  employerId: string;
  placementType: PlacementType;
  tenant: string;
  /** YYYY-MM-DD */
  startDate: string;
  support: SupportMeasures;
  status: 'started' | 'ended';
  endDate: string | null;
  outcome: PlacementOutcome | null;
  followUps: FollowUp[];
  /** Counts the placement's events; each carries it as aggregateVersion. */
  version: number;
}

export type StartPlacementInput = Omit<PlacementProps, 'status' | 'endDate' | 'outcome' | 'followUps' | 'version'>;

export type PlacementEvent =
  | { type: 'started'; version: number }
  | { type: 'ended'; version: number }
  | { type: 'follow-up-recorded'; version: number; followUp: FollowUp };

/** The day a checkpoint falls due: `checkpoint` calendar days after the start. */
export function followUpDueOn(startDate: string, checkpoint: FollowUpCheckpoint): string {
  const due = new Date(`${startDate}T00:00:00Z`);
  due.setUTCDate(due.getUTCDate() + checkpoint);
  return due.toISOString().slice(0, 10);
}

/**
 * A placement starts from an accepted proposal, ends once with an outcome, and is followed up at fixed checkpoints
 * (30, 90, 180 days after the start), each once and only once it has fallen due, also after the placement ended.
 */
export class Placement {
  private events: PlacementEvent[] = [];

  private constructor(private readonly props: PlacementProps) {}

  /**
   * `acceptedOn` is the Swedish day the coordinator accepted the proposal: a placement cannot start before it (and so
   * not before she was registered, which came before any proposal for her), or its follow-ups would fall due before
   * anyone had decided anything.
   */
  static start(input: StartPlacementInput, acceptedOn: string | null): Placement {
    if (acceptedOn !== null && input.startDate < acceptedOn) {
      throw new PlacementDateInvalid(
        'startDate',
        `${input.startDate} is before the proposal was accepted on ${acceptedOn}; a placement starts on or after its acceptance`,
        { startDate: input.startDate, acceptedOn },
      );
    }
    const placement = new Placement({
      ...input,
      // Only the three measures, so extra input never reaches the store or the event.
      support: {
        supervisor: input.support.supervisor,
        languageSupport: input.support.languageSupport,
        studyCounselling: input.support.studyCounselling,
      },
      status: 'started',
      endDate: null,
      outcome: null,
      followUps: [],
      version: 1,
    });
    placement.events.push({ type: 'started', version: 1 });
    return placement;
  }

  static restore(props: PlacementProps): Placement {
    return new Placement({ ...props, followUps: [...props.followUps] });
  }

  end(endDate: string, outcome: PlacementOutcome): void {
    const p = this.props;
    if (p.status !== 'started')
      throw new PlacementStateConflict(`placement ${p.placementId} has already ended`, { placementId: p.placementId });
    if (endDate < p.startDate) throw new PlacementDateInvalid('endDate', `must not be before the start date ${p.startDate}`);
    Object.assign(p, { status: 'ended', endDate, outcome, version: p.version + 1 });
    this.events.push({ type: 'ended', version: p.version });
  }

  /**
   * "In work 90 days after the start" cannot be known on day 10, and a start that lies in the future describes
   * nothing yet: a checkpoint is recorded once, and only once it has fallen due.
   */
  recordFollowUp(checkpoint: FollowUpCheckpoint, status: FollowUpStatus, today: string, recordedBy: string): void {
    const p = this.props;
    if (p.startDate > today) {
      throw new PlacementStateConflict(`placement ${p.placementId} starts ${p.startDate}: no follow-up before it has started`, {
        placementId: p.placementId,
      });
    }
    const due = followUpDueOn(p.startDate, checkpoint);
    if (due > today) {
      throw new PlacementStateConflict(`the ${checkpoint}-day follow-up of placement ${p.placementId} falls due on ${due}`, {
        placementId: p.placementId,
        checkpointDays: checkpoint,
        dueOn: due,
      });
    }
    if (p.followUps.some((f) => f.checkpointDays === checkpoint)) {
      throw new PlacementStateConflict(`placement ${p.placementId} already has its ${checkpoint}-day follow-up`, {
        placementId: p.placementId,
        checkpointDays: checkpoint,
      });
    }
    const followUp: FollowUp = { checkpointDays: checkpoint, status, recordedOn: today, recordedBy };
    p.followUps = [...p.followUps, followUp];
    p.version += 1;
    this.events.push({ type: 'follow-up-recorded', version: p.version, followUp });
  }

  /** The earliest checkpoint not recorded yet and the day it falls due; null once all three are. */
  nextFollowUp(): { checkpointDays: FollowUpCheckpoint; dueOn: string } | null {
    const next = CHECKPOINTS.find((c) => !this.props.followUps.some((f) => f.checkpointDays === c));
    return next === undefined ? null : { checkpointDays: next, dueOn: followUpDueOn(this.props.startDate, next) };
  }

  /** Erasure: the placement stays as a statistic under `anonymousId`; not an event of the placement. */
  forgetCandidate(anonymousId: string): void {
    this.props.candidateId = anonymousId;
  }

  pullEvents(): PlacementEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  toProps(): Readonly<PlacementProps> {
    return { ...this.props, support: { ...this.props.support }, followUps: [...this.props.followUps] };
  }

  get id(): string {
    return this.props.placementId;
  }
  get candidateId(): string {
    return this.props.candidateId;
  }
  get employerId(): string {
    return this.props.employerId;
  }
  get needId(): string {
    return this.props.needId;
  }
}
