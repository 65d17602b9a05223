import type { TaskLevel } from '@jobbspar/contracts';
import type { EntityManager } from 'typeorm';
import { isErased, type HeldValidation } from '../domain/projection';
import type { ReadModelRepository, TaskLevelRow } from '../domain/read-model.repository';
import type {
  CandidateReadModel,
  EmployerReadModel,
  KnownCandidate,
  KnownNeed,
  NeedReadModel,
  ReadModelFact,
  ValidationReadModel,
} from '../domain/read-models';

type Executor = Pick<EntityManager, 'query'>;

/** What the projection rules read and write: the repository itself, or a batch held in memory over it. */
export type ProjectionStore = Pick<
  ReadModelRepository,
  | 'saveEmployer'
  | 'need'
  | 'saveNeed'
  | 'candidate'
  | 'saveCandidate'
  | 'saveValidation'
  | 'revokeValidation'
  | 'validations'
  | 'level'
  | 'setLevel'
  | 'deleteValidations'
>;

/** Ids are uuids: the database compares them whatever their case, so the maps do too. */
const id = (s: string): string => s.toLowerCase();
const levelKey = (candidateId: string, taskId: string): string => `${id(candidateId)}|${taskId}`;

/**
 * The read models one batch of events touches, held in memory for the batch: what its events need is read in one
 * go before the first is projected (`load`), each event is projected against the rows as the events before it left
 * them, and only the newest state of each row is written, in a few statements, when the batch is flushed. Reads it
 * was not prepared for are read through to the repository (and kept), so the answers are always those the
 * repository would give after the same writes; that is what lets the projector use it in place of the repository.
 */
export class ProjectionBatch implements ProjectionStore {
  /** Rows read or written; `undefined` for one known to be absent. */
  private readonly needs = new Map<string, NeedReadModel | undefined>();
  private readonly candidates = new Map<string, CandidateReadModel | undefined>();
  private readonly validationRows = new Map<string, ValidationReadModel>();
  /**
   * `candidate|task` -> the ids (keys of validationRows) of her validations of that task: what the rule for her
   * effective level reads once per event, so a batch of n validations costs n look-ups, not n scans of all n.
   */
  private readonly validationsOfPair = new Map<string, Set<string>>();
  /** Validation ids known (present in validationRows, or known absent). */
  private readonly validationIdsKnown = new Set<string>();
  /** Candidates all of whose validations and levels are in memory. */
  private readonly candidatesComplete = new Set<string>();
  /** Candidate -> task -> level, for the complete candidates; absent: no level. */
  private readonly levels = new Map<string, Map<string, TaskLevel>>();

  private readonly dirtyEmployers = new Map<string, EmployerReadModel>();
  private readonly dirtyNeeds = new Set<string>();
  private readonly dirtyCandidates = new Set<string>();
  private readonly dirtyValidations = new Set<string>();
  private readonly dirtyLevels = new Map<string, TaskLevelRow>();
  private readonly erased = new Set<string>();

  constructor(private readonly repository: ReadModelRepository) {}

  /** Reads, in one go, every row the facts will read. */
  async load(em: Executor, facts: readonly ReadModelFact[]): Promise<void> {
    const needIds = new Set<string>();
    const candidateIds = new Set<string>();
    const validationIds = new Set<string>();
    for (const f of facts) {
      if (f.kind === 'need-snapshot') needIds.add(id(f.need.needId));
      else if (f.kind === 'need-closed') needIds.add(id(f.needId));
      else if (f.kind === 'candidate-profile') candidateIds.add(id(f.candidate.candidateId));
      else if (f.kind === 'consent-changed' || f.kind === 'candidate-erased') candidateIds.add(id(f.candidateId));
      else if (f.kind === 'task-validated') {
        candidateIds.add(id(f.validation.candidateId));
        validationIds.add(id(f.validation.validationId));
      } else if (f.kind === 'validation-revoked') {
        candidateIds.add(id(f.candidateId));
        validationIds.add(id(f.validationId));
      }
    }
    await this.read(em, [...needIds], [...candidateIds], [...validationIds]);
  }

  async saveEmployer(_em: Executor, employer: EmployerReadModel): Promise<void> {
    this.dirtyEmployers.set(id(employer.employerId), employer);
  }

  async need(em: Executor, needId: string): Promise<NeedReadModel | undefined> {
    if (!this.needs.has(id(needId))) await this.read(em, [id(needId)], [], []);
    return this.needs.get(id(needId));
  }

  async saveNeed(_em: Executor, need: NeedReadModel): Promise<void> {
    this.needs.set(id(need.needId), need);
    this.dirtyNeeds.add(id(need.needId));
  }

  async candidate(em: Executor, candidateId: string): Promise<CandidateReadModel | undefined> {
    if (!this.candidates.has(id(candidateId))) await this.read(em, [], [id(candidateId)], []);
    return this.candidates.get(id(candidateId));
  }

  async saveCandidate(_em: Executor, candidate: CandidateReadModel): Promise<void> {
    this.candidates.set(id(candidate.candidateId), candidate);
    this.dirtyCandidates.add(id(candidate.candidateId));
  }

  async saveValidation(em: Executor, v: Omit<ValidationReadModel, 'revoked'>): Promise<void> {
    const held = this.validationIdsKnown.has(id(v.validationId))
      ? this.validationRows.get(id(v.validationId))
      : await this.validation(em, v.validationId);
    this.putValidation({ ...v, revoked: held?.revoked ?? false });
  }

  async revokeValidation(em: Executor, v: { validationId: string; candidateId: string; taskId: string }): Promise<void> {
    const held = await this.validation(em, v.validationId);
    this.putValidation(held ? { ...held, revoked: true } : { ...v, level: 1, supersedes: null, revoked: true });
  }

  async validations(em: Executor, candidateId: string, taskId: string): Promise<HeldValidation[]> {
    // Not `await this.complete()`: read only when needed, without a promise per call when she is in memory (each
    // validation of a batch asks this and level(); thousands per batch).
    if (!this.candidatesComplete.has(id(candidateId))) await this.complete(em, candidateId);
    const out: HeldValidation[] = [];
    for (const key of this.validationsOfPair.get(levelKey(candidateId, taskId)) ?? []) {
      const v = this.validationRows.get(key)!;
      out.push({ validationId: v.validationId, level: v.level, supersedes: v.supersedes, revoked: v.revoked });
    }
    return out;
  }

  async level(em: Executor, candidateId: string, taskId: string): Promise<TaskLevel | null> {
    if (!this.candidatesComplete.has(id(candidateId))) await this.complete(em, candidateId);
    return this.levels.get(id(candidateId))?.get(taskId) ?? null;
  }

  async setLevel(_em: Executor, candidateId: string, taskId: string, level: TaskLevel | null): Promise<void> {
    const key = levelKey(candidateId, taskId);
    if (level === null) this.levels.get(id(candidateId))?.delete(taskId);
    else this.levelsOfCandidate(candidateId).set(taskId, level);
    this.dirtyLevels.set(key, { candidateId, taskId, level });
  }

  async deleteValidations(em: Executor, candidateId: string): Promise<void> {
    await this.complete(em, candidateId);
    const c = id(candidateId);
    for (const [key, v] of this.validationRows) {
      if (id(v.candidateId) !== c) continue;
      this.forgetValidation(key);
      this.dirtyValidations.delete(key);
    }
    this.levels.delete(c);
    for (const key of [...this.dirtyLevels.keys()]) if (key.startsWith(`${c}|`)) this.dirtyLevels.delete(key);
    this.erased.add(c);
  }

  /**
   * Of `candidateIds`, the candidates this batch holds completely, as knownCandidates would read them now; the ids it
   * does not hold are left for the caller to read. Only while nothing is unwritten (memory and database agree), else
   * undefined. A candidate without a profile (or erased) is left out, as in SQL.
   */
  known(candidateIds: readonly string[]): { held: KnownCandidate[]; rest: string[] } | undefined {
    if (this.unwritten()) return undefined;
    const held: KnownCandidate[] = [];
    const rest: string[] = [];
    const seen = new Set<string>();
    for (const candidateId of candidateIds) {
      const key = id(candidateId);
      if (seen.has(key)) continue;
      seen.add(key);
      if (!this.candidatesComplete.has(key)) {
        rest.push(candidateId);
        continue;
      }
      const c = this.candidates.get(key);
      if (!c || c.profile === null || isErased(c)) continue;
      held.push({ candidateId: key, matchingConsent: c.matchingConsent, profile: c.profile, levels: this.levelsOf(key) });
    }
    return { held, rest };
  }

  /**
   * Of `needIds`, the needs this batch holds, as knownNeeds would read them now (those with terms); the ids it does
   * not hold are left for the caller to read. Only while nothing is unwritten, else undefined.
   */
  knownNeeds(needIds: readonly string[]): { held: KnownNeed[]; rest: string[] } | undefined {
    if (this.unwritten()) return undefined;
    const held: KnownNeed[] = [];
    const rest: string[] = [];
    const seen = new Set<string>();
    for (const needId of needIds) {
      const key = id(needId);
      if (seen.has(key)) continue;
      seen.add(key);
      if (!this.needs.has(key)) {
        rest.push(needId);
        continue;
      }
      const n = this.needs.get(key);
      if (n && n.terms !== null) held.push({ ...n, needId: key } as KnownNeed);
    }
    return { held, rest };
  }

  /** Her levels as jsonb_object_agg gives them: keys shorter first, then in byte order (jsonb's order of keys). */
  private levelsOf(candidateKey: string): Record<string, TaskLevel> {
    const entries = [...(this.levels.get(candidateKey) ?? [])];
    entries.sort(([a], [b]) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries);
  }

  private levelsOfCandidate(candidateId: string): Map<string, TaskLevel> {
    let held = this.levels.get(id(candidateId));
    if (!held) this.levels.set(id(candidateId), (held = new Map()));
    return held;
  }

  private unwritten(): boolean {
    return (
      this.dirtyEmployers.size + this.dirtyNeeds.size + this.dirtyCandidates.size + this.dirtyValidations.size + this.dirtyLevels.size >
        0 || this.erased.size > 0
    );
  }

  /** Writes what the batch changed since the last flush; the rows stay in memory, as they now are in the database. */
  async flush(em: Executor): Promise<void> {
    if (!this.unwritten()) return;
    await this.repository.saveProjection(em, {
      employers: [...this.dirtyEmployers.values()],
      needs: [...this.dirtyNeeds].map((n) => this.needs.get(n)!),
      candidates: [...this.dirtyCandidates].map((c) => this.candidates.get(c)!),
      erased: [...this.erased],
      validations: [...this.dirtyValidations].map((v) => this.validationRows.get(v)!),
      levels: [...this.dirtyLevels.values()],
    });
    this.dirtyEmployers.clear();
    this.dirtyNeeds.clear();
    this.dirtyCandidates.clear();
    this.dirtyValidations.clear();
    this.dirtyLevels.clear();
    this.erased.clear();
  }

  private async validation(em: Executor, validationId: string): Promise<ValidationReadModel | undefined> {
    if (!this.validationIdsKnown.has(id(validationId))) await this.read(em, [], [], [id(validationId)]);
    return this.validationRows.get(id(validationId));
  }

  private putValidation(v: ValidationReadModel): void {
    this.holdValidation(v);
    this.validationIdsKnown.add(id(v.validationId));
    this.dirtyValidations.add(id(v.validationId));
  }

  /** Keeps a validation row in memory and in the index by candidate and task (moved there if an upsert moved it). */
  private holdValidation(v: ValidationReadModel): void {
    const key = id(v.validationId);
    if (this.validationRows.has(key)) this.forgetValidation(key);
    this.validationRows.set(key, v);
    const pair = levelKey(v.candidateId, v.taskId);
    let ids = this.validationsOfPair.get(pair);
    if (!ids) this.validationsOfPair.set(pair, (ids = new Set()));
    ids.add(key);
  }

  private forgetValidation(key: string): void {
    const v = this.validationRows.get(key);
    if (!v) return;
    this.validationRows.delete(key);
    this.validationsOfPair.get(levelKey(v.candidateId, v.taskId))?.delete(key);
  }

  /** Makes sure every validation and level of hers is in memory. */
  private async complete(em: Executor, candidateId: string): Promise<void> {
    if (!this.candidatesComplete.has(id(candidateId))) await this.read(em, [], [id(candidateId)], []);
  }

  /**
   * Reads rows not in memory yet. What memory holds wins over what the database answers: this batch wrote it (or
   * it is what the batch wrote before a flush), so it is newer.
   */
  private async read(em: Executor, needIds: string[], candidateIds: string[], validationIds: string[]): Promise<void> {
    const needs = [...new Set(needIds.filter((n) => !this.needs.has(n)))];
    const candidates = [...new Set(candidateIds.filter((c) => !this.candidatesComplete.has(c)))];
    const validations = [...new Set(validationIds.filter((v) => !this.validationIdsKnown.has(v)))];
    if (needs.length + candidates.length + validations.length === 0) return;
    const rows = await this.repository.loadForProjection(em, { needIds: needs, candidateIds: candidates, validationIds: validations });
    for (const n of rows.needs) if (!this.needs.has(id(n.needId))) this.needs.set(id(n.needId), n);
    for (const n of needs) if (!this.needs.has(n)) this.needs.set(n, undefined);
    for (const c of rows.candidates) if (!this.candidates.has(id(c.candidateId))) this.candidates.set(id(c.candidateId), c);
    for (const c of candidates) if (!this.candidates.has(c)) this.candidates.set(c, undefined);
    for (const v of rows.validations) {
      const key = id(v.validationId);
      if (this.validationIdsKnown.has(key)) continue;
      this.validationIdsKnown.add(key);
      // Erased in this batch and not flushed yet: the database still has it, the batch no longer does.
      if (!this.erased.has(id(v.candidateId))) this.holdValidation(v);
    }
    for (const v of validations) this.validationIdsKnown.add(v);
    // Levels are read only for candidates not complete yet, and nothing writes a level before she is complete.
    for (const l of rows.levels) if (l.level !== null) this.levelsOfCandidate(l.candidateId).set(l.taskId, l.level);
    for (const c of candidates) this.candidatesComplete.add(c);
  }
}
