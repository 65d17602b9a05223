/**
 * An exact maximum-score assignment kept up to date event by event.
 *
 * Method: the assigner holds the min-cost circulation of min-cost-flow.ts — the current optimal flow and the node
 * potentials that certify it (every residual arc has a non-negative reduced cost). An edit touches only the arcs
 * at the nodes it names; any arc it makes negative is saturated on the spot (or, for a batch of one node's edges,
 * that node's potential is moved and its own arcs saturated), which leaves a few nodes with excess or deficit and
 * every other arc still certified. `solve()` then routes those imbalances along shortest paths in reduced costs,
 * each search stopping at the first node that can absorb the imbalance (the hub absorbs anything), and touching only
 * potentials of nodes it settled. The result is again optimal — the same total as a from-scratch `assign` of the
 * same graph — at the cost of searches around the change instead of a solve of the whole graph.
 *
 * The first `solve()` of an assigner built from an instance (or from edits with no solve yet) is a from-scratch
 * solve. `solve()` reports the pairs added and removed since the previous `solve()`.
 */
import {
  checkCapacity,
  checkId,
  checkScore,
  InstanceError,
  quantizeScore,
  SCORE_SCALE,
  type Instance,
  type Pair,
  type ScoredEdge,
} from './instance';
import { prepareEdges } from './assign';
import { BMatchingFlow, type SolveStrategy } from './min-cost-flow';

export interface CandidateEdge {
  readonly need: string;
  readonly score: number;
}

export interface NeedEdge {
  readonly candidate: string;
  readonly score: number;
}

export interface AssignmentDiff {
  readonly added: readonly Pair[];
  readonly removed: readonly Pair[];
  /** Total score of the whole assignment after this solve. */
  readonly total: number;
}

export class IncrementalAssigner {
  private readonly flow = new BMatchingFlow();
  private readonly candidateNode = new Map<string, number>();
  private readonly needNode = new Map<string, number>();
  /** External id per internal node id (candidates at even, needs at odd ids). */
  private readonly idOf: string[] = [];
  /** Pairs as of the last solve, by pair key. */
  private readonly solved = new Map<string, Pair>();
  /** Pairs whose matched state changed since the last solve, with their latest state. */
  private readonly touched = new Map<string, { pair: Pair; matched: boolean }>();
  private solvedTotal = 0;

  constructor(instance?: Instance, options: { strategy?: SolveStrategy } = {}) {
    if (options.strategy !== undefined) this.flow.strategy = options.strategy;
    this.flow.onToggle = (e, matched) => {
      const pair = { candidate: this.idOf[this.flow.edgeCandidate(e)], need: this.idOf[this.flow.edgeNeed(e)] };
      this.touched.set(pairKey(pair.candidate, pair.need), { pair, matched });
    };
    if (instance !== undefined) this.load(instance);
  }

  /** Adds a candidate, or changes the capacity (open proposals) of a known one. */
  upsertCandidate(id: string, capacity: number): void {
    checkId(id, 'candidate id');
    checkCapacity(capacity, `candidate ${JSON.stringify(id)}`);
    const v = this.candidateNode.get(id);
    if (v !== undefined) {
      this.flow.setCapacity(v, capacity);
      return;
    }
    const node = this.flow.addCandidate(capacity);
    this.candidateNode.set(id, node);
    this.idOf[node] = id;
  }

  /** Adds a need, or changes the capacity (positions × proposals per position) of a known one. */
  upsertNeed(id: string, capacity: number): void {
    checkId(id, 'need id');
    checkCapacity(capacity, `need ${JSON.stringify(id)}`);
    const v = this.needNode.get(id);
    if (v !== undefined) {
      this.flow.setCapacity(v, capacity);
      return;
    }
    const node = this.flow.addNeed(capacity);
    this.needNode.set(id, node);
    this.idOf[node] = id;
  }

  /** Removes a candidate and its edges; false if it was not known. */
  removeCandidate(id: string): boolean {
    const v = this.candidateNode.get(id);
    if (v === undefined) return false;
    this.flow.removeNode(v);
    this.candidateNode.delete(id);
    return true;
  }

  removeNeed(id: string): boolean {
    const v = this.needNode.get(id);
    if (v === undefined) return false;
    this.flow.removeNode(v);
    this.needNode.delete(id);
    return true;
  }

  /** Replaces all of a candidate's edges (e.g. after a new validation re-scored her against open needs). */
  setEdges(candidateId: string, edges: readonly CandidateEdge[]): void {
    const v = this.requireNode(this.candidateNode, candidateId, 'candidate');
    const wanted = new Map<number, number>();
    edges.forEach((edge, i) => {
      const where = `setEdges(${JSON.stringify(candidateId)}) edges[${i}]`;
      const n = this.needNode.get(edge.need);
      if (n === undefined) throw new InstanceError(`${where}.need ${JSON.stringify(edge.need)} is not a known need`);
      keepBest(wanted, n, quantizeScore(checkScore(edge.score, where)));
    });
    this.replaceEdges(v, wanted, (other) => [v, other]);
  }

  /** Replaces all of a need's edges (e.g. a new or changed need scored against the candidates holding its tasks). */
  setNeedEdges(needId: string, edges: readonly NeedEdge[]): void {
    const v = this.requireNode(this.needNode, needId, 'need');
    const wanted = new Map<number, number>();
    edges.forEach((edge, i) => {
      const where = `setNeedEdges(${JSON.stringify(needId)}) edges[${i}]`;
      const c = this.candidateNode.get(edge.candidate);
      if (c === undefined) {
        throw new InstanceError(`${where}.candidate ${JSON.stringify(edge.candidate)} is not a known candidate`);
      }
      keepBest(wanted, c, quantizeScore(checkScore(edge.score, where)));
    });
    this.replaceEdges(v, wanted, (other) => [other, v]);
  }

  /** Removes one edge; false if there was none. */
  removeEdge(candidateId: string, needId: string): boolean {
    const c = this.candidateNode.get(candidateId);
    const n = this.needNode.get(needId);
    if (c === undefined || n === undefined) return false;
    for (const e of this.flow.edgesOf(c)) {
      if (this.flow.edgeNeed(e) === n) {
        this.flow.removeEdge(e);
        return true;
      }
    }
    return false;
  }

  /** Brings the assignment back to optimal and reports what changed since the previous solve. */
  solve(): AssignmentDiff {
    this.flow.repair();
    const added: Pair[] = [];
    const removed: Pair[] = [];
    for (const [key, { pair, matched }] of this.touched) {
      const was = this.solved.has(key);
      if (matched && !was) {
        this.solved.set(key, pair);
        added.push(pair);
      } else if (!matched && was) {
        this.solved.delete(key);
        removed.push(pair);
      }
    }
    this.touched.clear();
    this.solvedTotal = this.flow.totalWeight / SCORE_SCALE;
    return { added: added.sort(comparePairs), removed: removed.sort(comparePairs), total: this.solvedTotal };
  }

  /** The assignment as of the last solve. */
  pairs(): Pair[] {
    return [...this.solved.values()].sort(comparePairs);
  }

  /** Total score as of the last solve. */
  get total(): number {
    return this.solvedTotal;
  }

  /** Number of shortest-path searches run so far (for benchmarks and tests of locality). */
  get searchCount(): number {
    return this.flow.searchCount;
  }

  /** The current graph (with scores on the micro-point grid), e.g. to check against a from-scratch `assign`. */
  toInstance(): Instance {
    const edges: ScoredEdge[] = [];
    for (const [id, v] of this.candidateNode) {
      for (const e of this.flow.edgesOf(v)) {
        edges.push({ candidate: id, need: this.idOf[this.flow.edgeNeed(e)], score: this.flow.edgeWeight(e) / SCORE_SCALE });
      }
    }
    return {
      candidates: [...this.candidateNode].map(([id, v]) => ({ id, capacity: this.flow.capacityOf(v) })),
      needs: [...this.needNode].map(([id, v]) => ({ id, capacity: this.flow.capacityOf(v) })),
      edges,
    };
  }

  private load(instance: Instance): void {
    const addNodes = (list: 'candidates' | 'needs', nodes: Instance['candidates'], known: Map<string, number>): void => {
      nodes.forEach((node, i) => {
        const where = `${list}[${i}]`;
        const id = checkId(node.id, `${where}.id`);
        const capacity = checkCapacity(node.capacity, where);
        if (known.has(id)) throw new InstanceError(`${where}.id ${JSON.stringify(id)} is a duplicate`);
        if (list === 'candidates') this.upsertCandidate(id, capacity);
        else this.upsertNeed(id, capacity);
      });
    };
    addNodes('candidates', instance.candidates, this.candidateNode);
    addNodes('needs', instance.needs, this.needNode);
    // Nodes were added in order to an empty flow: candidate i is node 2i, need j node 2j + 1 (slots i and j).
    const slots = (known: Map<string, number>) => new Map([...known].map(([id, v]) => [id, v >> 1]));
    const edges = prepareEdges(instance.edges, slots(this.candidateNode), slots(this.needNode));
    this.flow.loadEdges(edges.uc, edges.un, edges.uw, edges.count, null);
  }

  private replaceEdges(v: number, wanted: Map<number, number>, ends: (other: number) => [number, number]): void {
    const flow = this.flow;
    const isNeed = (v & 1) === 1;
    for (const e of flow.edgesOf(v)) {
      const other = isNeed ? flow.edgeCandidate(e) : flow.edgeNeed(e);
      const w = wanted.get(other);
      if (w === undefined || w <= 0) {
        flow.removeEdge(e);
      } else {
        flow.setWeight(e, w, false);
        wanted.delete(other);
      }
    }
    for (const [other, w] of wanted) {
      if (w <= 0) continue;
      const [c, n] = ends(other);
      flow.addEdge(c, n, w, false);
    }
    flow.fixNode(v);
  }

  private requireNode(nodes: Map<string, number>, id: string, kind: 'candidate' | 'need'): number {
    const v = nodes.get(id);
    if (v === undefined) throw new InstanceError(`${kind} ${JSON.stringify(id)} is not known`);
    return v;
  }
}

function keepBest(wanted: Map<number, number>, node: number, w: number): void {
  const prev = wanted.get(node);
  if (prev === undefined || w > prev) wanted.set(node, w);
}

/** Unambiguous for any ids: the candidate id's length prefixes it. */
function pairKey(candidate: string, need: string): string {
  return `${candidate.length}:${candidate}${need}`;
}

function comparePairs(a: Pair, b: Pair): number {
  return compare(a.candidate, b.candidate) || compare(a.need, b.need);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
