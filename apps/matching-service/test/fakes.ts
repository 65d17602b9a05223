/**
 * In-memory stand-ins for matching-service's repository ports (and the engine, for the commands that only take its
 * lock and hand it a change), for handler specs without a database. Each fake implements its port, so a repository
 * method without a fake does not compile. The fakes hold copies of what a table would hold;
 * a FakeDataSource transaction restores all of them when its callback throws. Every fake writes what it is asked to
 * `journal`, shared by the world, so a spec can check the order of work.
 */
import type { TaskLevel } from '@jobbspar/contracts';
import type { RegionWeights } from '@jobbspar/matching-core';
import { FakeDataSource, FakeOutbox, FixedClock, restorable, Transactional } from '@jobbspar/testing';
import type { EntityManager } from 'typeorm';
import { Cause, pairKey } from '../src/common/cause';
import type { MatchingEngine } from '../src/matching/application/matching.engine';
import type { StoredEdge } from '../src/matching/domain/match-edge';
import { MatchEdgeRepository } from '../src/matching/domain/match-edge.repository';
import { CHECKPOINTS, followUpDueOn, Placement, PlacementProps } from '../src/placements/domain/placement';
import { DueFollowUp, PlacementFilter, PlacementRepository, PlacementScope } from '../src/placements/domain/placement.repository';
import { needContext } from '../src/proposals/application/queries/need-context';
import { proposalView } from '../src/proposals/application/queries/proposal.view';
import { Proposal, ProposalProps, type ProposalStatus } from '../src/proposals/domain/proposal';
import { ProposalResponse } from '../src/proposals/interface/http/dto/proposal.response';
import { PairRef, PairsOf, ProposalFilter, ProposalRepository, ProposalWithNeed } from '../src/proposals/domain/proposal.repository';
import type { HeldValidation } from '../src/read-models/domain/projection';
import type {
  CandidateReadModel,
  EmployerReadModel,
  KnownCandidate,
  KnownNeed,
  NeedReadModel,
  ValidationReadModel,
} from '../src/read-models/domain/read-models';
import { NeedsAsking, ProjectionRows, ProjectionWrites, Reach, ReadModelRepository } from '../src/read-models/domain/read-model.repository';
import { StoredWeights, WeightsRepository } from '../src/weights/domain/weights.repository';

export * from '@jobbspar/testing';

type Executor = Pick<EntityManager, 'query'>;

const copyProposal = (p: Readonly<ProposalProps>): ProposalProps => structuredClone(p) as ProposalProps;

export class FakeProposalRepository extends ProposalRepository implements Transactional {
  readonly rows = new Map<string, ProposalProps>();

  constructor(private readonly journal: string[] = []) {
    super();
  }

  seed(props: ProposalProps): void {
    this.rows.set(props.proposalId, copyProposal(props));
  }

  stored(id: string): ProposalProps {
    const row = this.rows.get(id);
    if (!row) throw new Error(`no proposal ${id} stored`);
    return row;
  }

  override async findById(_em: Executor, id: string, options: { lock?: boolean } = {}): Promise<Proposal | null> {
    this.journal.push(options.lock ? 'proposals.findById(lock)' : 'proposals.findById');
    const row = this.rows.get(id);
    return row ? Proposal.restore(copyProposal(row)) : null;
  }

  override async findProposed(_em: Executor, pairs: readonly PairRef[]): Promise<Proposal[]> {
    this.journal.push('proposals.findProposed');
    return pairs.flatMap((q) =>
      [...this.rows.values()]
        .filter((r) => r.status === 'proposed' && r.candidateId === q.candidateId && r.needId === q.needId)
        .map((r) => Proposal.restore(copyProposal(r))),
    );
  }

  override async findOpen(_em: Executor, pairs: readonly PairRef[]): Promise<Proposal[]> {
    this.journal.push('proposals.findOpen');
    return pairs.flatMap((q) =>
      [...this.rows.values()]
        .filter((r) => ['proposed', 'accepted'].includes(r.status) && r.candidateId === q.candidateId && r.needId === q.needId)
        .map((r) => Proposal.restore(copyProposal(r))),
    );
  }

  override async findOpenSingles(_em: Executor, needIds: readonly string[]): Promise<Map<string, Proposal[]>> {
    const out = new Map<string, Proposal[]>();
    if (needIds.length === 0) return out;
    this.journal.push('proposals.findOpenSingles');
    for (const needId of new Set(needIds)) {
      const singles = this.where((r) => r.needId === needId && r.status === 'proposed' && r.pairId === null).sort(
        (a, b) => b.toProps().score - a.toProps().score,
      );
      if (singles.length > 0) out.set(needId, singles);
    }
    return out;
  }

  override async findAccepted(_em: Executor, by: { needId?: string; candidateId?: string }): Promise<Proposal[]> {
    this.journal.push('proposals.findAccepted');
    return this.where(
      (r) => r.status === 'accepted' && (!by.needId || r.needId === by.needId) && (!by.candidateId || r.candidateId === by.candidateId),
    );
  }

  override async findByCandidate(_em: Executor, candidateId: string): Promise<Proposal[]> {
    this.journal.push('proposals.findByCandidate');
    return this.where((r) => r.candidateId === candidateId);
  }

  override async insert(_em: Executor, proposals: readonly Proposal[]): Promise<void> {
    if (proposals.length === 0) return;
    this.journal.push('proposals.insert');
    for (const p of proposals) {
      const props = p.toProps();
      if (this.rows.has(props.proposalId)) throw new Error(`duplicate proposal ${props.proposalId}`);
      const live = [...this.rows.values()].some(
        (r) => r.candidateId === props.candidateId && r.needId === props.needId && ['proposed', 'accepted', 'placed'].includes(r.status),
      );
      if (live) throw new Error(`proposals_live_pair_idx: ${props.candidateId} already has a live proposal for ${props.needId}`);
      this.rows.set(props.proposalId, copyProposal(props));
    }
  }

  override async save(_em: Executor, proposals: readonly Proposal[]): Promise<void> {
    if (proposals.length === 0) return;
    this.journal.push('proposals.save');
    for (const p of proposals) {
      if (!this.rows.has(p.id)) throw new Error(`save of unknown proposal ${p.id}`);
      this.rows.set(p.id, copyProposal(p.toProps()));
    }
  }

  override async list(_em: Executor, f: ProposalFilter): Promise<{ items: Proposal[]; total: number }> {
    const all = this.where(
      (r) =>
        (!f.needId || r.needId === f.needId) &&
        (!f.candidateId || r.candidateId === f.candidateId) &&
        (!f.status || r.status === f.status) &&
        (!f.municipality || r.municipality === f.municipality) &&
        (!f.occupation || r.occupations.includes(f.occupation)) &&
        (!f.needIds || f.needIds.includes(r.needId)) &&
        (!f.tenant || r.tenant === f.tenant) &&
        (!f.employerSide ||
          ['accepted', 'placed', 'declined'].includes(r.status) ||
          (r.status === 'withdrawn' && r.acceptedScore !== null)),
    ).sort((a, b) => b.toProps().score - a.toProps().score);
    return { items: all.slice(f.offset, f.offset + f.limit), total: all.length };
  }

  /** The read models `listWithNeeds` joins (fakeWorld sets them). */
  readModels?: FakeReadModelRepository;

  override async listWithNeeds(em: Executor, f: ProposalFilter): Promise<{ items: ProposalWithNeed[]; total: number }> {
    const { items, total } = await this.list(em, f);
    return {
      items: items.map((proposal) => {
        const need = this.readModels?.needs.get(proposal.needId);
        const known = need?.terms ? need : undefined;
        const employer = known && this.readModels?.employerRows.get(known.terms!.employerId);
        return { proposal, need: known as KnownNeed | undefined, employer };
      }),
      total,
    };
  }

  /** The API's items as the mapping makes them (the SQL's equality with it is the medium spec's). */
  override async pageJson(em: Executor, f: ProposalFilter): Promise<{ itemsJson: string; total: number }> {
    const { items, total } = await this.listWithNeeds(em, f);
    const responses = items.map((i) => ProposalResponse.from(proposalView(i.proposal, needContext(i.proposal, i.need, i.employer))));
    return { itemsJson: JSON.stringify(responses), total };
  }

  override async settledPairs(_em: Executor, by: PairsOf): Promise<Set<string>> {
    return new Set(
      [...this.rows.values()]
        .filter((r) => ['rejected', 'declined', 'accepted', 'placed'].includes(r.status))
        .filter((r) => (!by.candidateId || r.candidateId === by.candidateId) && (!by.needId || r.needId === by.needId))
        .filter((r) => !by.candidateIds || by.candidateIds.includes(r.candidateId))
        .filter((r) => !by.needIds || by.needIds.includes(r.needId))
        .map((r) => pairKey(r.candidateId, r.needId)),
    );
  }

  override async acceptedPairs(_em: Executor, by: PairsOf): Promise<Set<string>> {
    return new Set(
      [...this.rows.values()]
        .filter((r) => r.status === 'accepted')
        .filter((r) => (!by.candidateId || r.candidateId === by.candidateId) && (!by.needId || r.needId === by.needId))
        .filter((r) => !by.candidateIds || by.candidateIds.includes(r.candidateId))
        .filter((r) => !by.needIds || by.needIds.includes(r.needId))
        .map((r) => pairKey(r.candidateId, r.needId)),
    );
  }

  override async heldPairs(_em: Executor, by: PairsOf): Promise<{ key: string; status: Exclude<ProposalStatus, 'withdrawn'> }[]> {
    return [...this.rows.values()]
      .filter((r) => r.status !== 'withdrawn')
      .filter((r) => (!by.candidateId || r.candidateId === by.candidateId) && (!by.needId || r.needId === by.needId))
      .filter((r) => !by.candidateIds || by.candidateIds.includes(r.candidateId))
      .filter((r) => !by.needIds || by.needIds.includes(r.needId))
      .map((r) => ({ key: pairKey(r.candidateId, r.needId), status: r.status as Exclude<ProposalStatus, 'withdrawn'> }));
  }

  override async acceptedPerNeed(_em: Executor, needIds: readonly string[]): Promise<Map<string, number>> {
    return this.count(
      (r) => r.status === 'accepted' && needIds.includes(r.needId),
      (r) => r.needId,
    );
  }

  override async acceptedCandidatesPerNeed(_em: Executor, needIds: readonly string[]): Promise<Map<string, string[]>> {
    const byNeed = new Map<string, string[]>();
    for (const r of this.rows.values()) {
      if (r.status === 'accepted' && needIds.includes(r.needId)) byNeed.set(r.needId, [...(byNeed.get(r.needId) ?? []), r.candidateId]);
    }
    return byNeed;
  }

  override async acceptedPerCandidate(_em: Executor, candidateIds: readonly string[]): Promise<Map<string, number>> {
    return this.count(
      (r) => r.status === 'accepted' && candidateIds.includes(r.candidateId),
      (r) => r.candidateId,
    );
  }

  override async proposedPairs(): Promise<PairRef[]> {
    return [...this.rows.values()].filter((r) => r.status === 'proposed').map((r) => ({ candidateId: r.candidateId, needId: r.needId }));
  }

  snapshot(): () => void {
    return restorable(this.rows);
  }

  private where(keep: (r: ProposalProps) => boolean): Proposal[] {
    return [...this.rows.values()].filter(keep).map((r) => Proposal.restore(copyProposal(r)));
  }

  private count(keep: (r: ProposalProps) => boolean, key: (r: ProposalProps) => string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of this.rows.values()) if (keep(r)) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
    return counts;
  }
}

const copyPlacement = (p: Readonly<PlacementProps>): PlacementProps => structuredClone(p) as PlacementProps;

export class FakePlacementRepository extends PlacementRepository implements Transactional {
  readonly rows = new Map<string, PlacementProps>();
  /** Candidate id -> home municipality, as matching's candidate read model would say. */
  readonly homes = new Map<string, string>();

  constructor(private readonly journal: string[] = []) {
    super();
  }

  seed(props: PlacementProps): void {
    this.rows.set(props.placementId, copyPlacement(props));
  }

  stored(id: string): PlacementProps {
    const row = this.rows.get(id);
    if (!row) throw new Error(`no placement ${id} stored`);
    return row;
  }

  override async findById(_em: Executor, id: string, options: { lock?: boolean } = {}): Promise<Placement | null> {
    this.journal.push(options.lock ? 'placements.findById(lock)' : 'placements.findById');
    const row = this.rows.get(id);
    return row ? Placement.restore(copyPlacement(row)) : null;
  }

  override async findByCandidate(_em: Executor, candidateId: string): Promise<Placement[]> {
    return [...this.rows.values()].filter((r) => r.candidateId === candidateId).map((r) => Placement.restore(copyPlacement(r)));
  }

  override async insert(_em: Executor, placement: Placement): Promise<void> {
    this.journal.push('placements.insert');
    const p = placement.toProps();
    if (this.rows.has(p.placementId)) throw new Error(`duplicate placement ${p.placementId}`);
    if ([...this.rows.values()].some((r) => r.proposalId === p.proposalId)) throw new Error(`placements_proposal_id_key: ${p.proposalId}`);
    this.rows.set(p.placementId, copyPlacement(p));
  }

  override async save(_em: Executor, placement: Placement): Promise<void> {
    this.journal.push('placements.save');
    if (!this.rows.has(placement.id)) throw new Error(`save of unknown placement ${placement.id}`);
    this.rows.set(placement.id, copyPlacement(placement.toProps()));
  }

  override async list(_em: Executor, f: PlacementFilter): Promise<{ items: Placement[]; total: number }> {
    const all = [...this.rows.values()]
      .filter(
        (r) =>
          (!f.needId || r.needId === f.needId) &&
          (!f.employerId || r.employerId === f.employerId) &&
          (!f.candidateId || r.candidateId === f.candidateId) &&
          (!f.status || r.status === f.status) &&
          this.inScope(r, f.scope),
      )
      .sort((a, b) => b.startDate.localeCompare(a.startDate) || a.placementId.localeCompare(b.placementId));
    return { items: all.slice(f.offset, f.offset + f.limit).map((r) => Placement.restore(copyPlacement(r))), total: all.length };
  }

  override async dueFollowUps(_em: Executor, by: { scope?: PlacementScope; until: string; limit: number }): Promise<DueFollowUp[]> {
    return [...this.rows.values()]
      .filter((r) => this.inScope(r, by.scope))
      .flatMap((r) =>
        CHECKPOINTS.filter((c) => !r.followUps.some((f) => f.checkpointDays === c)).map((c) => ({
          placementId: r.placementId,
          needId: r.needId,
          candidateId: r.candidateId,
          employerId: r.employerId,
          startDate: r.startDate,
          checkpointDays: c,
          dueOn: followUpDueOn(r.startDate, c),
        })),
      )
      .filter((d) => d.dueOn <= by.until)
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.placementId.localeCompare(b.placementId) || a.checkpointDays - b.checkpointDays)
      .slice(0, by.limit);
  }

  private inScope(r: PlacementProps, scope: PlacementScope | undefined): boolean {
    if (!scope) return true;
    const home = this.homes.get(r.candidateId);
    return scope.employerIds.includes(r.employerId) || (home !== undefined && scope.homeMunicipalities.includes(home));
  }

  override async underWayPerCandidate(_em: Executor, candidateIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const r of this.rows.values()) {
      if (r.status === 'started' && candidateIds.includes(r.candidateId)) counts.set(r.candidateId, (counts.get(r.candidateId) ?? 0) + 1);
    }
    return counts;
  }

  override async underWayCandidatesPerNeed(_em: Executor, needIds: readonly string[]): Promise<Map<string, string[]>> {
    const byNeed = new Map<string, string[]>();
    for (const r of this.rows.values()) {
      if (r.status === 'started' && needIds.includes(r.needId))
        byNeed.set(r.needId, [...(byNeed.get(r.needId) ?? []), r.candidateId].sort());
    }
    return byNeed;
  }

  snapshot(): () => void {
    return restorable(this.rows);
  }
}

export class FakeWeightsRepository extends WeightsRepository implements Transactional {
  rows: (StoredWeights & { createdAt: Date })[] = [];
  readonly advisoryLocks: string[] = [];

  constructor(private readonly journal: string[] = []) {
    super();
  }

  override async lockRegion(em: Executor, region: string): Promise<void> {
    if (!(em as EntityManager).queryRunner?.isTransactionActive)
      throw new Error('a transaction-scoped advisory lock outside a transaction');
    this.journal.push('weights.lockRegion');
    this.advisoryLocks.push(`weights:${region}`);
  }

  override async all(): Promise<RegionWeights[]> {
    this.journal.push('weights.all');
    return [...this.rows]
      .sort((a, b) => a.region.localeCompare(b.region) || a.seq - b.seq)
      .map((w) => ({ region: w.region, weights: structuredClone(w.weights) }));
  }

  override async insert(_em: Executor, w: StoredWeights): Promise<void> {
    this.journal.push('weights.insert');
    if (this.rows.some((r) => r.version === w.version || (r.region === w.region && r.seq === w.seq))) {
      throw new Error(`duplicate key: weights ${w.version}`);
    }
    this.rows.push({ ...structuredClone(w), createdAt: new Date() });
  }

  override async history(
    _em: Executor,
    region: string,
  ): Promise<{ version: string; weights: StoredWeights['weights']; createdAt: Date }[]> {
    return this.rows
      .filter((r) => r.region === region)
      .sort((a, b) => a.seq - b.seq)
      .map((r) => ({ version: r.version, weights: structuredClone(r.weights), createdAt: r.createdAt }));
  }

  snapshot(): () => void {
    const before = [...this.rows];
    return () => {
      this.rows = before;
    };
  }
}

/** The read-model tables as Maps, answering the repository's questions the way its SQL does. */
export class FakeReadModelRepository extends ReadModelRepository implements Transactional {
  readonly employerRows = new Map<string, EmployerReadModel>();
  readonly needs = new Map<string, NeedReadModel>();
  readonly candidates = new Map<string, CandidateReadModel>();
  readonly validationRows = new Map<string, ValidationReadModel>();
  /** `candidate|task` -> level */
  readonly levels = new Map<string, TaskLevel>();

  constructor(private readonly journal: string[] = []) {
    super();
  }

  override async saveEmployer(_em: Executor, e: EmployerReadModel): Promise<void> {
    this.journal.push('read-models.saveEmployer');
    this.employerRows.set(e.employerId, structuredClone(e));
  }

  override async employers(_em: Executor, ids: readonly string[]): Promise<EmployerReadModel[]> {
    this.journal.push('read-models.employers');
    return [...ids].sort().flatMap((id) => (this.employerRows.has(id) ? [structuredClone(this.employerRows.get(id)!)] : []));
  }

  override async employerIdsOf(
    _em: Executor,
    by: { organisationNumber: string | null; municipalities: readonly string[] },
  ): Promise<string[]> {
    this.journal.push('read-models.employerIdsOf');
    return [...this.employerRows.values()]
      .filter((e) => e.organisationNumber === by.organisationNumber || (e.isMunicipality && by.municipalities.includes(e.municipalityCode)))
      .map((e) => e.employerId)
      .sort();
  }

  override async needIdsOfEmployers(_em: Executor, employerIds: readonly string[]): Promise<string[]> {
    this.journal.push('read-models.needIdsOfEmployers');
    return [...this.needs.values()]
      .filter((n) => n.terms !== null && employerIds.includes(n.terms.employerId))
      .map((n) => n.needId)
      .sort();
  }

  override async need(_em: Executor, needId: string): Promise<NeedReadModel | undefined> {
    this.journal.push('read-models.need');
    return this.needs.get(needId);
  }

  override async saveNeed(_em: Executor, n: NeedReadModel): Promise<void> {
    this.journal.push('read-models.saveNeed');
    this.needs.set(n.needId, structuredClone(n));
  }

  override async candidate(_em: Executor, candidateId: string): Promise<CandidateReadModel | undefined> {
    this.journal.push('read-models.candidate');
    return this.candidates.get(candidateId);
  }

  override async saveCandidate(_em: Executor, c: CandidateReadModel): Promise<void> {
    this.journal.push('read-models.saveCandidate');
    this.candidates.set(c.candidateId, structuredClone(c));
  }

  override async saveValidation(_em: Executor, v: Omit<ValidationReadModel, 'revoked'>): Promise<void> {
    this.journal.push('read-models.saveValidation');
    this.validationRows.set(v.validationId, { ...v, revoked: this.validationRows.get(v.validationId)?.revoked ?? false });
  }

  override async revokeValidation(_em: Executor, v: { validationId: string; candidateId: string; taskId: string }): Promise<void> {
    this.journal.push('read-models.revokeValidation');
    const held = this.validationRows.get(v.validationId);
    this.validationRows.set(v.validationId, held ? { ...held, revoked: true } : { ...v, level: 1, supersedes: null, revoked: true });
  }

  override async validations(_em: Executor, candidateId: string, taskId: string): Promise<HeldValidation[]> {
    return [...this.validationRows.values()]
      .filter((v) => v.candidateId === candidateId && v.taskId === taskId)
      .map((v) => ({ validationId: v.validationId, level: v.level, supersedes: v.supersedes, revoked: v.revoked }));
  }

  override async level(_em: Executor, candidateId: string, taskId: string): Promise<TaskLevel | null> {
    return this.levels.get(`${candidateId}|${taskId}`) ?? null;
  }

  override async setLevel(_em: Executor, candidateId: string, taskId: string, level: TaskLevel | null): Promise<void> {
    this.journal.push('read-models.setLevel');
    if (level === null) this.levels.delete(`${candidateId}|${taskId}`);
    else this.levels.set(`${candidateId}|${taskId}`, level);
  }

  override async deleteValidations(_em: Executor, candidateId: string): Promise<void> {
    this.journal.push('read-models.deleteValidations');
    for (const [id, v] of this.validationRows) if (v.candidateId === candidateId) this.validationRows.delete(id);
    for (const key of this.levels.keys()) if (key.startsWith(`${candidateId}|`)) this.levels.delete(key);
  }

  override async loadForProjection(
    _em: Executor,
    ids: { needIds: readonly string[]; candidateIds: readonly string[]; validationIds: readonly string[] },
  ): Promise<ProjectionRows> {
    this.journal.push('read-models.loadForProjection');
    const candidates = new Set(ids.candidateIds);
    return structuredClone({
      needs: ids.needIds.flatMap((id) => (this.needs.has(id) ? [this.needs.get(id)!] : [])),
      candidates: ids.candidateIds.flatMap((id) => (this.candidates.has(id) ? [this.candidates.get(id)!] : [])),
      validations: [...this.validationRows.values()].filter(
        (v) => candidates.has(v.candidateId) || ids.validationIds.includes(v.validationId),
      ),
      levels: [...this.levels]
        .map(([key, level]) => ({ candidateId: key.split('|')[0], taskId: key.slice(key.indexOf('|') + 1), level }))
        .filter((l) => candidates.has(l.candidateId)),
    });
  }

  override async saveProjection(_em: Executor, w: ProjectionWrites): Promise<void> {
    this.journal.push('read-models.saveProjection');
    for (const e of w.employers) this.employerRows.set(e.employerId, structuredClone(e));
    for (const n of w.needs) this.needs.set(n.needId, structuredClone(n));
    for (const c of w.candidates) this.candidates.set(c.candidateId, structuredClone(c));
    for (const c of w.erased) {
      for (const [id, v] of this.validationRows) if (v.candidateId === c) this.validationRows.delete(id);
      for (const key of this.levels.keys()) if (key.startsWith(`${c}|`)) this.levels.delete(key);
    }
    for (const v of w.validations) this.validationRows.set(v.validationId, structuredClone(v));
    for (const l of w.levels) {
      if (l.level === null) this.levels.delete(`${l.candidateId}|${l.taskId}`);
      else this.levels.set(`${l.candidateId}|${l.taskId}`, l.level);
    }
  }

  override async knownNeeds(_em: Executor, needIds: readonly string[]): Promise<KnownNeed[]> {
    return needIds.flatMap((id) => {
      const n = this.needs.get(id);
      return n?.terms ? [n as KnownNeed] : [];
    });
  }

  override async knownCandidates(_em: Executor, candidateIds: readonly string[]): Promise<KnownCandidate[]> {
    return candidateIds.flatMap((id) => {
      const c = this.candidates.get(id);
      if (!c?.profile) return [];
      return [{ candidateId: id, matchingConsent: c.matchingConsent, profile: c.profile, levels: this.levelsOf(id) }];
    });
  }

  override async allKnownCandidates(em: Executor): Promise<KnownCandidate[]> {
    return this.knownCandidates(em, [...this.candidates.keys()].sort());
  }

  override async openKnownNeeds(em: Executor): Promise<KnownNeed[]> {
    const open = [...this.needs.values()].filter((n) => n.status === 'open' && n.positionsLeft > 0).map((n) => n.needId);
    return this.knownNeeds(em, open.sort());
  }

  override async candidatesHoldingAny(_em: Executor, taskIds: readonly string[], reach?: Reach): Promise<string[]> {
    return [...this.candidates.values()]
      .filter((c) => c.profile && taskIds.some((t) => this.levels.has(`${c.candidateId}|${t}`)))
      .filter((c) => {
        if (!reach) return true;
        const i = reach.codes.indexOf(c.profile!.homeMunicipality);
        return i >= 0 && c.profile!.maxCommuteMinutes >= reach.minutes[i];
      })
      .map((c) => c.candidateId);
  }

  override async openNeedsAskingAny(_em: Executor, taskIds: readonly string[], workplaces?: readonly string[]): Promise<string[]> {
    return [...this.needs.values()]
      .filter((n) => n.status === 'open' && n.positionsLeft > 0 && n.terms?.tasks.some((t) => taskIds.includes(t.taskId)))
      .filter((n) => !workplaces || workplaces.includes(n.workplaceMunicipality ?? ''))
      .map((n) => n.needId);
  }

  override async openNeedIdsOfRegion(_em: Executor, tenant: string): Promise<string[]> {
    return [...this.needs.values()]
      .filter((n) => n.tenant === tenant && n.status === 'open' && n.positionsLeft > 0)
      .map((n) => n.needId)
      .sort();
  }

  override async openNeedsAskingAnyEach(em: Executor, asks: readonly NeedsAsking[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const a of asks) {
      const ids = await this.openNeedsAskingAny(em, a.taskIds, a.workplaces);
      if (ids.length > 0) out.set(a.key, ids);
    }
    return out;
  }

  snapshot(): () => void {
    const restores = [
      restorable(this.employerRows),
      restorable(this.needs),
      restorable(this.candidates),
      restorable(this.validationRows),
      restorable(this.levels),
    ];
    return () => restores.forEach((r) => r());
  }

  private levelsOf(candidateId: string): Record<string, TaskLevel> {
    const levels: Record<string, TaskLevel> = {};
    for (const [key, level] of this.levels) if (key.startsWith(`${candidateId}|`)) levels[key.slice(candidateId.length + 1)] = level;
    return levels;
  }
}

export class FakeMatchEdgeRepository extends MatchEdgeRepository implements Transactional {
  /** `candidate|need` -> edge */
  readonly rows = new Map<string, StoredEdge>();

  constructor(private readonly journal: string[] = []) {
    super();
  }

  override async replaceNeedEdges(_em: Executor, needId: string, edges: readonly StoredEdge[]): Promise<void> {
    this.journal.push('edges.replaceNeedEdges');
    for (const [key, e] of this.rows) if (e.needId === needId) this.rows.delete(key);
    for (const e of edges) this.rows.set(pairKey(e.candidateId, e.needId), stored(e));
  }

  override async replaceEdgesOfNeeds(_em: Executor, needIds: readonly string[], edges: readonly StoredEdge[]): Promise<void> {
    this.journal.push('edges.replaceEdgesOfNeeds');
    const of = new Set(needIds);
    for (const [key, e] of this.rows) if (of.has(e.needId)) this.rows.delete(key);
    for (const e of edges) this.rows.set(pairKey(e.candidateId, e.needId), stored(e));
  }

  override async replaceCandidateEdges(_em: Executor, candidateId: string, edges: readonly StoredEdge[]): Promise<void> {
    this.journal.push('edges.replaceCandidateEdges');
    for (const [key, e] of this.rows) if (e.candidateId === candidateId) this.rows.delete(key);
    for (const e of edges) this.rows.set(pairKey(e.candidateId, e.needId), stored(e));
  }

  override async replaceEdgesOfCandidates(_em: Executor, candidateIds: readonly string[], edges: readonly StoredEdge[]): Promise<void> {
    this.journal.push('edges.replaceEdgesOfCandidates');
    const of = new Set(candidateIds);
    for (const [key, e] of this.rows) if (of.has(e.candidateId)) this.rows.delete(key);
    for (const e of edges) this.rows.set(pairKey(e.candidateId, e.needId), stored(e));
  }

  override async deleteEdge(_em: Executor, candidateId: string, needId: string): Promise<void> {
    this.journal.push('edges.deleteEdge');
    this.rows.delete(pairKey(candidateId, needId));
  }

  override async edges(_em: Executor, pairs: readonly { candidate: string; need: string }[]): Promise<Map<string, StoredEdge>> {
    const found = new Map<string, StoredEdge>();
    for (const p of pairs) {
      const e = this.rows.get(pairKey(p.candidate, p.need));
      if (e) found.set(pairKey(p.candidate, p.need), stored(e));
    }
    return found;
  }

  override async all(_em: Executor): Promise<{ candidateId: string; needId: string; score: number }[]> {
    return [...this.rows.values()].map((e) => ({ candidateId: e.candidateId, needId: e.needId, score: e.score }));
  }

  snapshot(): () => void {
    return restorable(this.rows);
  }
}

/** What the table keeps of an edge: no explanation (an edge just scored carries one). */
const stored = (e: StoredEdge): StoredEdge => ({
  candidateId: e.candidateId,
  needId: e.needId,
  score: e.score,
  weightsVersion: e.weightsVersion,
  scoredOn: e.scoredOn,
});

/** Stands in for the matching engine: records the lock taken and what it was told; can be told to fail. */
export class FakeMatchingEngine {
  entered: { em: EntityManager; cause: Cause }[] = [];
  reviewed: { em: EntityManager; candidateId: string; needId: string; cause: Cause }[] = [];
  commitments: { em: EntityManager; candidateId: string; cause: Cause; needId?: string }[] = [];
  changes: { em: EntityManager; change: unknown; cause: Cause }[] = [];
  failPairReviewed?: Error;

  constructor(private readonly journal: string[] = []) {}

  async enter(em: EntityManager, cause: Cause): Promise<void> {
    this.journal.push('engine.enter');
    this.entered.push({ em, cause });
  }

  async pairReviewed(em: EntityManager, candidateId: string, needId: string, cause: Cause): Promise<void> {
    this.journal.push('engine.pairReviewed');
    if (this.failPairReviewed) throw this.failPairReviewed;
    this.reviewed.push({ em, candidateId, needId, cause });
  }

  async commitmentsChanged(em: EntityManager, candidateId: string, cause: Cause, needId?: string): Promise<void> {
    this.journal.push('engine.commitmentsChanged');
    this.commitments.push({ em, candidateId, cause, ...(needId === undefined ? {} : { needId }) });
  }

  weightsChanged: { em: EntityManager; region: string; cause: Cause }[] = [];

  async onWeightsChanged(em: EntityManager, region: string, cause: Cause): Promise<void> {
    this.journal.push('engine.weightsChanged');
    this.weightsChanged.push({ em, region, cause });
  }

  async onReadModelChange(em: EntityManager, change: unknown, cause: Cause): Promise<void> {
    this.journal.push('engine.onReadModelChange');
    this.changes.push({ em, change, cause });
  }

  asEngine(): MatchingEngine {
    return this as unknown as MatchingEngine;
  }
}

export const PROPOSAL = '6f1c1f8e-0000-4000-8000-000000000001';
export const NEED = '6f1c1f8e-0000-4000-8000-0000000000a1';
export const CANDIDATE = '6f1c1f8e-0000-4000-8000-0000000000c1';
export const EMPLOYER = '6f1c1f8e-0000-4000-8000-0000000000e1';
export const UNKNOWN = '6f1c1f8e-0000-4000-8000-00000000ffff';

/** A proposal as the assignment creates it, overridable per test. */
export function proposalProps(over: Partial<ProposalProps> = {}): ProposalProps {
  return {
    proposalId: PROPOSAL,
    needId: NEED,
    candidateId: CANDIDATE,
    pairId: null,
    status: 'proposed',
    score: 72.5,
    explanation: { score: 72.5, weightsVersion: 'default-v1', factors: [], tasksCovered: [], tasksMissing: [] },
    weightsVersion: 'default-v1',
    acceptedScore: null,
    acceptedExplanation: null,
    tenant: 'se-uppsala',
    municipality: '0380',
    occupations: ['5321'],
    reasonCode: null,
    comment: null,
    withdrawalReason: null,
    reviewedBy: null,
    reviewedAt: null,
    decidedBy: null,
    decidedAt: null,
    declineReason: null,
    createdAt: new Date('2026-01-05T08:00:00Z'),
    version: 1,
    ...over,
  };
}

/** A need whose terms matching knows, overridable per test. */
export function knownNeed(over: Partial<KnownNeed> = {}): KnownNeed {
  return {
    needId: NEED,
    revision: 1,
    termsRevision: 1,
    statusRevision: 1,
    status: 'open',
    tenant: 'se-uppsala',
    positionsLeft: 1,
    workplaceMunicipality: '0380',
    occupations: ['5321'],
    terms: {
      employerId: EMPLOYER,
      roleName: 'Kockbiträde',
      placementType: 'internship',
      startDate: '2026-02-01',
      tasks: [{ taskId: 'kitchen.serve-school-lunch', requiredLevel: 2, weight: 'must-have' }],
      shortage: true,
      support: { supervisorCapacity: 2, pairInternshipAllowed: false, languageSupport: true },
    },
    ...over,
  };
}

/** Every fake, wired to one FakeDataSource whose transactions roll all of them back together, and one journal. */
export function fakeWorld(now = new Date('2026-05-20T10:00:00Z')) {
  const journal: string[] = [];
  const proposals = new FakeProposalRepository(journal);
  const placements = new FakePlacementRepository(journal);
  const weights = new FakeWeightsRepository(journal);
  const readModels = new FakeReadModelRepository(journal);
  proposals.readModels = readModels;
  const outbox = new FakeOutbox('matching-service');
  const engine = new FakeMatchingEngine(journal);
  const dataSource = new FakeDataSource([proposals, placements, weights, readModels, outbox]);
  const clock = new FixedClock(now);
  return { journal, proposals, placements, weights, readModels, outbox, engine, dataSource, clock };
}
