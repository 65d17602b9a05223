import { NEED_STATUSES, NeedStatus, PLACEMENT_TYPES, PlacementType } from '@jobbspar/contracts';
import type { TaskRequirement } from '../../roles/domain/role-composition';
import { tenantOfCounty } from '../../common/tenant';
import {
  EmptyNeedUpdateError,
  InvalidNeedFieldError,
  NeedAlreadyClosedError,
  NeedNotDraftError,
  NeedNotEditableError,
  NeedNotOpenForPlacementError,
  PositionsBelowFilledError,
  StartDateInPastError,
} from './need.errors';

export { NEED_STATUSES, PLACEMENT_TYPES };
export type { NeedStatus, PlacementType };

export const MAX_POSITIONS = 1000;
export const MAX_SUPERVISOR_CAPACITY = 100;

/** Why an employer closes a need. Codes, never free text: they are published, and free text could name a person. */
export const NEED_CLOSE_REASONS = ['withdrawn', 'filled-otherwise', 'funding-ended', 'other'] as const;
export type NeedCloseReason = (typeof NEED_CLOSE_REASONS)[number];
/** The reason recorded when placements take the last position. */
export const FILLED_REASON = 'positions-filled';

export interface SupportOffered {
  /** How many placed people a supervisor can support closely at once. */
  readonly supervisorCapacity: number;
  readonly pairInternshipAllowed: boolean;
  readonly languageSupport: boolean;
}

/** The role version a need was posted with, frozen: a later version of the role never changes this need. */
export interface NeedRole {
  readonly roleId: string;
  readonly version: number;
  readonly name: string;
  readonly occupations: readonly string[];
  readonly tasks: readonly TaskRequirement[];
}

export interface NeedProps {
  id: string;
  employerId: string;
  role: NeedRole;
  positions: number;
  positionsFilled: number;
  workplaceMunicipality: string;
  countyCode: string;
  startDate: string;
  placementType: PlacementType;
  support: SupportOffered;
  status: NeedStatus;
  shortage: boolean;
  closeReason: string | null;
  /** Increases with every change, drafts included; published events carry it as their order. */
  revision: number;
  /** When the need was first opened; null while it has never been published. */
  postedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * What a change means to the rest of the system. A draft is private to its employer and publishes nothing: only
 * opening a need posts it, and only a published need reports updates and its closing.
 */
export type NeedEvent =
  | { type: 'posted'; revision: number }
  | { type: 'updated'; revision: number }
  | { type: 'closed'; revision: number; status: 'closed' | 'filled'; reason: string };

/** The rules of "today": the day in Sweden, and which occupations are in shortage in a county right now. */
export interface NeedPolicy {
  readonly today: string;
  readonly now: Date;
  shortage(countyCode: string, occupations: readonly string[]): boolean;
}

export interface PostNeedInput {
  id: string;
  employerId: string;
  role: NeedRole;
  positions: number;
  workplaceMunicipality: string;
  countyCode: string;
  startDate: string;
  placementType: PlacementType;
  support: SupportOffered;
  publish: boolean;
}

export interface NeedChanges {
  positions?: number;
  startDate?: string;
  placementType?: PlacementType;
  support?: SupportOffered;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDay(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCFullYear() === Number(m[1]) && date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]);
}

function checkStartDate(startDate: string, today: string): void {
  if (!isCalendarDay(startDate)) throw new InvalidNeedFieldError('startDate', `'${startDate}' is not a calendar day (YYYY-MM-DD)`);
  // ISO days compare correctly as strings.
  if (startDate < today) throw new StartDateInPastError(startDate, today);
}

function checkPositions(positions: number): void {
  if (!Number.isInteger(positions) || positions < 1 || positions > MAX_POSITIONS) {
    throw new InvalidNeedFieldError('positions', `must be a whole number from 1 to ${MAX_POSITIONS}, got ${positions}`);
  }
}

function checkPlacementType(type: string): void {
  if (!(PLACEMENT_TYPES as readonly string[]).includes(type)) {
    throw new InvalidNeedFieldError('placementType', `must be one of ${PLACEMENT_TYPES.join(', ')}`);
  }
}

function checkSupport(support: SupportOffered): void {
  const capacity = support.supervisorCapacity;
  if (!Number.isInteger(capacity) || capacity < 0 || capacity > MAX_SUPERVISOR_CAPACITY) {
    throw new InvalidNeedFieldError(
      'support.supervisorCapacity',
      `must be a whole number from 0 to ${MAX_SUPERVISOR_CAPACITY}, got ${capacity}`,
    );
  }
}

function sameSupport(a: SupportOffered, b: SupportOffered): boolean {
  return (
    a.supervisorCapacity === b.supervisorCapacity &&
    a.pairInternshipAllowed === b.pairInternshipAllowed &&
    a.languageSupport === b.languageSupport
  );
}

/**
 * A competence need: draft → open → filled (placements took every position) or closed (the employer withdrew it).
 * A draft may also be closed (discarded). Filled and closed are final.
 */
export class Need {
  private events: NeedEvent[] = [];

  private constructor(private readonly props: NeedProps) {}

  static post(input: PostNeedInput, policy: NeedPolicy): Need {
    checkPositions(input.positions);
    checkStartDate(input.startDate, policy.today);
    checkPlacementType(input.placementType);
    checkSupport(input.support);
    const need = new Need({
      id: input.id,
      employerId: input.employerId,
      role: input.role,
      positions: input.positions,
      positionsFilled: 0,
      workplaceMunicipality: input.workplaceMunicipality,
      countyCode: input.countyCode,
      startDate: input.startDate,
      placementType: input.placementType,
      support: { ...input.support },
      status: input.publish ? 'open' : 'draft',
      shortage: policy.shortage(input.countyCode, input.role.occupations),
      closeReason: null,
      revision: 1,
      postedAt: input.publish ? policy.now : null,
      createdAt: policy.now,
      updatedAt: policy.now,
    });
    if (input.publish) need.events.push({ type: 'posted', revision: 1 });
    return need;
  }

  static restore(props: NeedProps): Need {
    return new Need({ ...props, support: { ...props.support } });
  }

  /** Applies the changes; returns false when they change nothing (no new revision, nothing published). */
  update(changes: NeedChanges, policy: NeedPolicy): boolean {
    if (
      changes.positions === undefined &&
      changes.startDate === undefined &&
      changes.placementType === undefined &&
      changes.support === undefined
    ) {
      throw new EmptyNeedUpdateError();
    }
    this.requireEditable();
    const p = this.props;
    const next = { ...p };
    if (changes.positions !== undefined && changes.positions !== p.positions) {
      checkPositions(changes.positions);
      if (changes.positions <= p.positionsFilled) throw new PositionsBelowFilledError(changes.positions, p.positionsFilled);
      next.positions = changes.positions;
    }
    if (changes.startDate !== undefined && changes.startDate !== p.startDate) {
      checkStartDate(changes.startDate, policy.today);
      next.startDate = changes.startDate;
    }
    if (changes.placementType !== undefined) {
      checkPlacementType(changes.placementType);
      next.placementType = changes.placementType;
    }
    if (changes.support !== undefined) {
      checkSupport(changes.support);
      next.support = { ...changes.support };
    }
    // The administrator may have changed the shortage flags since the need was posted.
    next.shortage = policy.shortage(p.countyCode, p.role.occupations);
    const changed =
      next.positions !== p.positions ||
      next.startDate !== p.startDate ||
      next.placementType !== p.placementType ||
      !sameSupport(next.support, p.support) ||
      next.shortage !== p.shortage;
    if (!changed) return false;
    Object.assign(this.props, next, { revision: p.revision + 1, updatedAt: policy.now });
    if (this.isPublished) this.events.push({ type: 'updated', revision: this.props.revision });
    return true;
  }

  /** Publishes a draft. Its start date must still lie ahead, and shortage is judged as of today. */
  open(policy: NeedPolicy): void {
    if (this.props.status !== 'draft') throw new NeedNotDraftError(this.props.id, this.props.status);
    checkStartDate(this.props.startDate, policy.today);
    Object.assign(this.props, {
      status: 'open',
      shortage: policy.shortage(this.props.countyCode, this.props.role.occupations),
      postedAt: policy.now,
      revision: this.props.revision + 1,
      updatedAt: policy.now,
    });
    this.events.push({ type: 'posted', revision: this.props.revision });
  }

  close(reason: NeedCloseReason, now: Date): void {
    const { status } = this.props;
    if (status === 'closed' || status === 'filled') throw new NeedAlreadyClosedError(this.props.id, status);
    const wasPublished = this.isPublished;
    Object.assign(this.props, { status: 'closed', closeReason: reason, revision: this.props.revision + 1, updatedAt: now });
    // A discarded draft was never posted, so there is no one to tell.
    if (wasPublished) this.events.push({ type: 'closed', revision: this.props.revision, status: 'closed', reason });
  }

  /**
   * A placement started on this need: one position fewer left, and the need is filled when none is left.
   * Returns false when the need had already stopped taking people (closed or filled meanwhile): the placement
   * stands, but the need does not reopen or overfill.
   */
  recordPlacement(now: Date): boolean {
    const { status } = this.props;
    // Matching only ever saw published needs: a placement on one never published is a broken event.
    if (!this.isPublished) throw new NeedNotOpenForPlacementError(this.props.id, status);
    if (status === 'closed' || status === 'filled') return false;
    const filled = this.props.positionsFilled + 1;
    const full = filled >= this.props.positions;
    Object.assign(this.props, {
      positionsFilled: filled,
      status: full ? 'filled' : 'open',
      closeReason: full ? FILLED_REASON : null,
      revision: this.props.revision + 1,
      updatedAt: now,
    });
    this.events.push(
      full
        ? { type: 'closed', revision: this.props.revision, status: 'filled', reason: FILLED_REASON }
        : { type: 'updated', revision: this.props.revision },
    );
    return true;
  }

  private requireEditable(): void {
    const { status } = this.props;
    if (status === 'closed' || status === 'filled') throw new NeedNotEditableError(this.props.id, status);
  }

  /** Whether the rest of the system has heard of this need (it has been open at some point). */
  get isPublished(): boolean {
    return this.props.postedAt !== null;
  }
  get id(): string {
    return this.props.id;
  }
  get status(): NeedStatus {
    return this.props.status;
  }
  get employerId(): string {
    return this.props.employerId;
  }
  get revision(): number {
    return this.props.revision;
  }
  get tenant(): string {
    return tenantOfCounty(this.props.countyCode);
  }

  /** Events recorded since the last call, in order; the caller writes them to the outbox in the same transaction. */
  pullEvents(): NeedEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  toProps(): Readonly<NeedProps> {
    return { ...this.props, support: { ...this.props.support } };
  }
}
