import type { Reach } from '../../read-models/application/read-model.reader';
import type { KnownCandidate, KnownNeed } from '../../read-models/domain/read-models';

const key = (id: string): string => id.toLowerCase();

/**
 * What scoring looks up, in memory: every candidate with a profile (her levels, by task) and every open need with
 * positions left (its tasks), each with an inverted index by task; candidates' by task, home municipality and
 * longest commute, so a need's question visits only those who would travel from their home to its workplace (at 100k
 * candidates, visiting a task's holders nationwide and filtering them was most of a NeedPosted's look-up). It answers the read models' index questions
 * (ReadModelRepository.candidatesHoldingAny, openNeedsAskingAny, knownCandidates, knownNeeds) without a round trip:
 * at 20k × 2k those look-ups were most of a NeedPosted (issue 14 item 3), and the open needs' look-up the heaviest
 * statement of a candidate batch.
 *
 * The engine keeps it in step with the read models as it keeps the assignment: it is loaded from committed state
 * whenever the assignment is rebuilt (start-up, after a rollback, after another replica's turn), and each need or
 * candidate the engine re-scores is put in as the engine has just read it, in the same transaction; a rollback makes
 * both stale together. matching-index.medium-spec.ts holds it against the SQL the repository answers with.
 */
export class MatchingIndex {
  private readonly candidates = new Map<string, KnownCandidate>();
  /** task → home municipality → her longest commute → candidate id → her entry */
  private readonly candidatesByTask = new Map<string, Map<string, Map<number, Map<string, Entry>>>>();
  /** Numbers the questions, to mark whom each has taken (a candidate holding two of its tasks is in two buckets). */
  #questions = 0;
  private readonly needs = new Map<string, KnownNeed>();
  private readonly needsByTask = new Map<string, Set<string>>();

  /** Replaces everything with committed state: candidates with a profile, open needs with positions left. */
  reset(candidates: readonly KnownCandidate[], openNeeds: readonly KnownNeed[]): void {
    this.candidates.clear();
    this.candidatesByTask.clear();
    this.needs.clear();
    this.needsByTask.clear();
    for (const c of candidates) this.putCandidate(c);
    for (const n of openNeeds) this.putNeed(n);
  }

  get size(): { candidates: number; needs: number } {
    return { candidates: this.candidates.size, needs: this.needs.size };
  }

  /** Her read model as just read (undefined: she has no profile any more, or was erased). */
  setCandidate(candidateId: string, found: KnownCandidate | undefined): void {
    this.dropCandidate(candidateId);
    if (found) this.putCandidate(found);
  }

  /** The need as just read; only an open need with positions left is kept. */
  setNeed(needId: string, found: KnownNeed | undefined): void {
    this.dropNeed(needId);
    if (found && found.status === 'open' && found.positionsLeft > 0) this.putNeed(found);
  }

  candidate(candidateId: string): KnownCandidate | undefined {
    return this.candidates.get(key(candidateId));
  }

  need(needId: string): KnownNeed | undefined {
    return this.needs.get(key(needId));
  }

  /**
   * ReadModelRepository.candidatesHoldingAny followed by knownCandidates, from memory, in id order; `ordered: false`
   * for a caller that orders what it keeps of them (the same candidates, in no particular order).
   */
  candidatesHoldingAny(taskIds: readonly string[], reach?: Reach, { ordered = true } = {}): KnownCandidate[] {
    const visit = ++this.#questions;
    const out: KnownCandidate[] = [];
    const take = (byCommute: Map<number, Map<string, Entry>> | undefined, minutes?: number): void => {
      if (!byCommute) return;
      for (const [longest, entries] of byCommute) {
        if (minutes !== undefined && !(longest >= minutes)) continue;
        for (const entry of entries.values()) {
          if (!entry.taken(visit)) out.push(entry.candidate);
        }
      }
    };
    for (const taskId of taskIds) {
      const byHome = this.candidatesByTask.get(taskId);
      if (!byHome) continue;
      if (!reach) for (const byCommute of byHome.values()) take(byCommute);
      else for (let i = 0; i < reach.codes.length; i++) take(byHome.get(reach.codes[i]), reach.minutes[i]);
    }
    // In id order, whatever order the tasks came in: the same candidates in the same order after every rebuild.
    return ordered ? out.sort(byCandidateId) : out;
  }

  /** ReadModelRepository.openNeedsAskingAny followed by knownNeeds, from memory. */
  openNeedsAskingAny(taskIds: readonly string[], workplaces?: readonly string[]): KnownNeed[] {
    const places = workplaces ? new Set(workplaces) : undefined;
    const seen = new Set<string>();
    const out: KnownNeed[] = [];
    for (const taskId of taskIds) {
      for (const id of this.needsByTask.get(taskId) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const n = this.needs.get(id)!;
        if (places && !places.has(n.workplaceMunicipality)) continue;
        out.push(n);
      }
    }
    return out.sort((a, b) => compare(key(a.needId), key(b.needId)));
  }

  private putCandidate(c: KnownCandidate): void {
    const id = key(c.candidateId);
    this.candidates.set(id, c);
    const entry = new Entry(c);
    for (const taskId of Object.keys(c.levels)) {
      let byHome = this.candidatesByTask.get(taskId);
      if (!byHome) this.candidatesByTask.set(taskId, (byHome = new Map()));
      let byCommute = byHome.get(c.profile.homeMunicipality);
      if (!byCommute) byHome.set(c.profile.homeMunicipality, (byCommute = new Map()));
      let entries = byCommute.get(c.profile.maxCommuteMinutes);
      if (!entries) byCommute.set(c.profile.maxCommuteMinutes, (entries = new Map()));
      entries.set(id, entry);
    }
  }

  private dropCandidate(candidateId: string): void {
    const id = key(candidateId);
    const held = this.candidates.get(id);
    if (!held) return;
    this.candidates.delete(id);
    for (const taskId of Object.keys(held.levels)) {
      const byHome = this.candidatesByTask.get(taskId);
      const byCommute = byHome?.get(held.profile.homeMunicipality);
      const entries = byCommute?.get(held.profile.maxCommuteMinutes);
      if (!byHome || !byCommute || !entries) continue;
      entries.delete(id);
      if (entries.size > 0) continue;
      byCommute.delete(held.profile.maxCommuteMinutes);
      if (byCommute.size > 0) continue;
      byHome.delete(held.profile.homeMunicipality);
      if (byHome.size === 0) this.candidatesByTask.delete(taskId);
    }
  }

  private putNeed(n: KnownNeed): void {
    const id = key(n.needId);
    this.needs.set(id, n);
    for (const t of n.terms.tasks) add(this.needsByTask, t.taskId, id);
  }

  private dropNeed(needId: string): void {
    const id = key(needId);
    const held = this.needs.get(id);
    if (!held) return;
    this.needs.delete(id);
    for (const t of held.terms.tasks) remove(this.needsByTask, t.taskId, id);
  }
}

/** A candidate in the task buckets. The mark is private: two indexes holding the same are equal whatever was asked. */
class Entry {
  #visit = 0;

  constructor(readonly candidate: KnownCandidate) {}

  /** Whether question `visit` has taken her already; marks her taken by it. */
  taken(visit: number): boolean {
    if (this.#visit === visit) return true;
    this.#visit = visit;
    return false;
  }
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The order candidatesHoldingAny answers in (ids compared in lower case). */
export const byCandidateId = (a: { candidateId: string }, b: { candidateId: string }): number =>
  compare(key(a.candidateId), key(b.candidateId));

function add(index: Map<string, Set<string>>, taskId: string, id: string): void {
  let set = index.get(taskId);
  if (!set) index.set(taskId, (set = new Set()));
  set.add(id);
}

function remove(index: Map<string, Set<string>>, taskId: string, id: string): void {
  const set = index.get(taskId);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) index.delete(taskId);
}
