import { IncrementalAssigner, type AssignmentDiff, type Pair } from '@jobbspar/matching-core';

export type SolveDiff = AssignmentDiff;

/**
 * The assignment state kept in memory between events: matching-core's IncrementalAssigner (exact, re-solved only
 * around what changed) plus an index of which edges exist, which the engine needs to tell a withdrawal's reason
 * ("no longer eligible" versus "re-optimised"). Nodes are created with their capacity before any edge names them.
 */
export class AssignmentModel {
  private readonly assigner = new IncrementalAssigner();
  private readonly candidates = new Set<string>();
  private readonly needs = new Set<string>();
  /** candidate -> needs with an edge */
  private readonly byCandidate = new Map<string, Set<string>>();
  /** need -> candidates with an edge */
  private readonly byNeed = new Map<string, Set<string>>();
  /** Candidates who need close supervision: each of their pairs counts against the need's supervised capacity. */
  private readonly supervised = new Set<string>();
  /** The capacities last set, as the why-not answer shows them. */
  private readonly capacities = new Map<string, { capacity: number; supervisedCapacity?: number }>();

  /**
   * `closeSupervision` is hers; it applies to the edges set after this call (the engine sets a candidate's node
   * before her edges, and re-sets her edges whenever her profile changes).
   */
  setCandidate(id: string, capacity: number, closeSupervision = false): void {
    this.assigner.upsertCandidate(id, capacity);
    this.capacities.set(`c:${id}`, { capacity });
    this.candidates.add(id);
    if (closeSupervision) this.supervised.add(id);
    else this.supervised.delete(id);
  }

  /** `supervisedCapacity`: how many more candidates who need close supervision it may hold (its supervisors' room). */
  setNeed(id: string, capacity: number, supervisedCapacity?: number): void {
    this.assigner.upsertNeed(id, capacity, supervisedCapacity);
    this.capacities.set(`n:${id}`, { capacity, supervisedCapacity });
    this.needs.add(id);
  }

  removeCandidate(id: string): void {
    for (const need of this.byCandidate.get(id) ?? []) this.byNeed.get(need)?.delete(id);
    this.byCandidate.delete(id);
    this.candidates.delete(id);
    this.supervised.delete(id);
    this.capacities.delete(`c:${id}`);
    this.assigner.removeCandidate(id);
  }

  removeNeed(id: string): void {
    for (const candidate of this.byNeed.get(id) ?? []) this.byCandidate.get(candidate)?.delete(id);
    this.byNeed.delete(id);
    this.needs.delete(id);
    this.capacities.delete(`n:${id}`);
    this.assigner.removeNeed(id);
  }

  setCandidateEdges(candidateId: string, edges: ReadonlyMap<string, number>): void {
    for (const need of this.byCandidate.get(candidateId) ?? []) this.byNeed.get(need)?.delete(candidateId);
    this.byCandidate.set(candidateId, new Set(edges.keys()));
    for (const need of edges.keys()) this.index(this.byNeed, need).add(candidateId);
    const closeSupervision = this.supervised.has(candidateId);
    this.assigner.setEdges(
      candidateId,
      [...edges].map(([need, score]) => ({ need, score, closeSupervision })),
    );
  }

  setNeedEdges(needId: string, edges: ReadonlyMap<string, number>): void {
    for (const candidate of this.byNeed.get(needId) ?? []) this.byCandidate.get(candidate)?.delete(needId);
    this.byNeed.set(needId, new Set(edges.keys()));
    for (const candidate of edges.keys()) this.index(this.byCandidate, candidate).add(needId);
    this.assigner.setNeedEdges(
      needId,
      [...edges].map(([candidate, score]) => ({ candidate, score, closeSupervision: this.supervised.has(candidate) })),
    );
  }

  removeEdge(candidateId: string, needId: string): void {
    this.byCandidate.get(candidateId)?.delete(needId);
    this.byNeed.get(needId)?.delete(candidateId);
    this.assigner.removeEdge(candidateId, needId);
  }

  hasEdge(candidateId: string, needId: string): boolean {
    return this.byCandidate.get(candidateId)?.has(needId) ?? false;
  }

  knowsCandidate(id: string): boolean {
    return this.candidates.has(id);
  }

  knowsNeed(id: string): boolean {
    return this.needs.has(id);
  }

  /** How many open proposals she may hold (her K minus what she holds outside the assignment); 0 if unknown. */
  candidateCapacity(id: string): number {
    return this.capacities.get(`c:${id}`)?.capacity ?? 0;
  }

  /** The need's open slots and its supervised bound (undefined: none), as last set; capacity 0 if unknown. */
  needCapacity(id: string): { capacity: number; supervisedCapacity?: number } {
    return this.capacities.get(`n:${id}`) ?? { capacity: 0 };
  }

  /** Whether she needs close supervision (her pairs count against a need's supervised capacity). */
  needsSupervision(id: string): boolean {
    return this.supervised.has(id);
  }

  /** Pairs of the last solve. */
  pairs(): Pair[] {
    return this.assigner.pairs();
  }

  /** Re-solves around what changed since the last solve and reports the pairs added and removed. */
  solve(): SolveDiff {
    return this.assigner.solve();
  }

  private index(map: Map<string, Set<string>>, id: string): Set<string> {
    let s = map.get(id);
    if (!s) map.set(id, (s = new Set()));
    return s;
  }
}
