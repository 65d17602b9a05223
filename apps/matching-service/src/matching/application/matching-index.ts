import type { Reach } from '../../read-models/application/read-model.reader';
import type { KnownCandidate, KnownNeed } from '../../read-models/domain/read-models';

const key = (id: string): string => id.toLowerCase();

/**
 * What scoring looks up, in memory: every candidate with a profile (her levels, by task) and every open need with
 * positions left (its tasks), each with an inverted index by task. It answers the read models' index questions
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
  private readonly candidatesByTask = new Map<string, Set<string>>();
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

  /** ReadModelRepository.candidatesHoldingAny followed by knownCandidates, from memory. */
  candidatesHoldingAny(taskIds: readonly string[], reach?: Reach): KnownCandidate[] {
    const within = reach ? new Map(reach.codes.map((code, i) => [code, reach.minutes[i]])) : undefined;
    const seen = new Set<string>();
    const out: KnownCandidate[] = [];
    for (const taskId of taskIds) {
      for (const id of this.candidatesByTask.get(taskId) ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const c = this.candidates.get(id)!;
        if (within) {
          const minutes = within.get(c.profile.homeMunicipality);
          if (minutes === undefined || !(c.profile.maxCommuteMinutes >= minutes)) continue;
        }
        out.push(c);
      }
    }
    // In id order, whatever order the tasks came in: the same candidates in the same order after every rebuild.
    return out.sort((a, b) => compare(key(a.candidateId), key(b.candidateId)));
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
    for (const taskId of Object.keys(c.levels)) add(this.candidatesByTask, taskId, id);
  }

  private dropCandidate(candidateId: string): void {
    const id = key(candidateId);
    const held = this.candidates.get(id);
    if (!held) return;
    this.candidates.delete(id);
    for (const taskId of Object.keys(held.levels)) remove(this.candidatesByTask, taskId, id);
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

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

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
