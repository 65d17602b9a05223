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
  checkCloseSupervision,
  checkId,
  checkScore,
  checkSupervisedCapacity,
  InstanceError,
  quantizeScore,
  SCORE_SCALE,
  type Instance,
  type NeedCapacity,
  type Pair,
  type ScoredEdge,
} from './instance';
import { prepareEdges } from './assign';
import { BMatchingFlow, type SolveStrategy } from './min-cost-flow';

export interface CandidateEdge {
  readonly need: string;
  readonly score: number;
  /** She needs close supervision: the pair counts against the need's supervised capacity. */
  readonly closeSupervision?: boolean;
}

export interface NeedEdge {
  readonly candidate: string;
  readonly score: number;
  /** The candidate needs close supervision: the pair counts against the need's supervised capacity. */
  readonly closeSupervision?: boolean;
}

/** A wanted edge: weight in micro-points and whether it needs close supervision. */
interface Wanted {
  w: number;
  supervised: boolean;
}

const SUPERVISED = 1;

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

  /**
   * Adds a need, or changes the capacity (positions × proposals per position) of a known one. `supervisedCapacity`
   * bounds how many of its pairs may need close supervision (its supervisor capacity); undefined: no bound.
   */
  upsertNeed(id: string, capacity: number, supervisedCapacity?: number): void {
    checkId(id, 'need id');
    const where = `need ${JSON.stringify(id)}`;
    checkCapacity(capacity, where);
    checkSupervisedCapacity(supervisedCapacity, where);
    const flow = this.flow;
    let v = this.needNode.get(id);
    if (v !== undefined) {
      flow.setCapacity(v, capacity);
    } else {
      v = flow.addNeed(capacity);
      this.needNode.set(id, v);
      this.idOf[v] = id;
    }
    const sub = flow.subNodeOf(v);
    if (supervisedCapacity !== undefined && sub !== -1) {
      flow.setCapacity(sub, supervisedCapacity);
    } else if (supervisedCapacity !== undefined) {
      // A bound appears: the need's supervised edges move to its new sub-node.
      const s = flow.addSubNode(v, supervisedCapacity);
      this.idOf[s] = id;
      this.moveSupervisedEdges(v, s);
    } else if (sub !== -1) {
      // The bound is lifted: its edges go back to the need itself.
      this.moveSupervisedEdges(sub, v);
      flow.removeNode(sub);
    }
  }

  private moveSupervisedEdges(from: number, to: number): void {
    const flow = this.flow;
    for (const e of flow.edgesOf(from)) {
      if (flow.edgeTag(e) !== SUPERVISED) continue;
      const c = flow.edgeCandidate(e);
      const w = flow.edgeWeight(e);
      flow.removeEdge(e);
      flow.setEdgeTag(flow.addEdge(c, to, w), SUPERVISED);
    }
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
    const wanted = new Map<number, Wanted>();
    edges.forEach((edge, i) => {
      const where = `setEdges(${JSON.stringify(candidateId)}) edges[${i}]`;
      const n = this.needNode.get(edge.need);
      if (n === undefined) throw new InstanceError(`${where}.need ${JSON.stringify(edge.need)} is not a known need`);
      keepBest(wanted, n, quantizeScore(checkScore(edge.score, where)), checkCloseSupervision(edge.closeSupervision, where));
    });
    const flow = this.flow;
    for (const e of flow.edgesOf(v)) {
      const end = flow.edgeNeed(e);
      const up = flow.parentOf(end);
      const n = up === -1 ? end : up;
      const want = wanted.get(n);
      if (want === undefined || want.w <= 0 || (flow.edgeTag(e) === SUPERVISED) !== want.supervised) {
        flow.removeEdge(e);
      } else {
        flow.setWeight(e, want.w, false);
        wanted.delete(n);
      }
    }
    for (const [n, want] of wanted) this.addEdge(v, n, want);
    flow.fixNode(v);
  }

  /** Replaces all of a need's edges (e.g. a new or changed need scored against the candidates holding its tasks). */
  setNeedEdges(needId: string, edges: readonly NeedEdge[]): void {
    const v = this.requireNode(this.needNode, needId, 'need');
    const wanted = new Map<number, Wanted>();
    edges.forEach((edge, i) => {
      const where = `setNeedEdges(${JSON.stringify(needId)}) edges[${i}]`;
      const c = this.candidateNode.get(edge.candidate);
      if (c === undefined) {
        throw new InstanceError(`${where}.candidate ${JSON.stringify(edge.candidate)} is not a known candidate`);
      }
      keepBest(wanted, c, quantizeScore(checkScore(edge.score, where)), checkCloseSupervision(edge.closeSupervision, where));
    });
    const flow = this.flow;
    const sub = flow.subNodeOf(v);
    const ends = sub === -1 ? [v] : [v, sub];
    for (const end of ends) {
      for (const e of flow.edgesOf(end)) {
        const c = flow.edgeCandidate(e);
        const want = wanted.get(c);
        if (want === undefined || want.w <= 0 || (flow.edgeTag(e) === SUPERVISED) !== want.supervised) {
          flow.removeEdge(e);
        } else {
          flow.setWeight(e, want.w, false);
          wanted.delete(c);
        }
      }
    }
    for (const [c, want] of wanted) this.addEdge(c, v, want);
    for (const end of ends) flow.fixNode(end);
  }

  /** An unchecked edge from candidate node c to need node n (or its sub-node, if she needs close supervision). */
  private addEdge(c: number, n: number, want: Wanted): void {
    if (want.w <= 0) return;
    const sub = want.supervised ? this.flow.subNodeOf(n) : -1;
    const e = this.flow.addEdge(c, sub === -1 ? n : sub, want.w, false);
    if (want.supervised) this.flow.setEdgeTag(e, SUPERVISED);
  }

  /** Removes one edge; false if there was none. */
  removeEdge(candidateId: string, needId: string): boolean {
    const c = this.candidateNode.get(candidateId);
    const n = this.needNode.get(needId);
    if (c === undefined || n === undefined) return false;
    const sub = this.flow.subNodeOf(n);
    for (const e of this.flow.edgesOf(c)) {
      const end = this.flow.edgeNeed(e);
      if (end === n || end === sub) {
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
    const flow = this.flow;
    for (const [id, v] of this.candidateNode) {
      for (const e of flow.edgesOf(v)) {
        const edge = { candidate: id, need: this.idOf[flow.edgeNeed(e)], score: flow.edgeWeight(e) / SCORE_SCALE };
        edges.push(flow.edgeTag(e) === SUPERVISED ? { ...edge, closeSupervision: true } : edge);
      }
    }
    return {
      candidates: [...this.candidateNode].map(([id, v]) => ({ id, capacity: flow.capacityOf(v) })),
      needs: [...this.needNode].map(([id, v]) => {
        const sub = flow.subNodeOf(v);
        const capacity = flow.capacityOf(v);
        return sub === -1 ? { id, capacity } : { id, capacity, supervisedCapacity: flow.capacityOf(sub) };
      }),
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
        else this.upsertNeed(id, capacity, checkSupervisedCapacity((node as NeedCapacity).supervisedCapacity, where));
      });
    };
    addNodes('candidates', instance.candidates, this.candidateNode);
    addNodes('needs', instance.needs, this.needNode);
    // Nodes were added in order to an empty flow: candidate i is node 2i, need j node 2j + 1 (slots i and j), and
    // sub-nodes came with their needs, so slots are looked up, not assumed.
    const slots = (known: Map<string, number>) => new Map([...known].map(([id, v]) => [id, v >> 1]));
    const edges = prepareEdges(instance.edges, slots(this.candidateNode), slots(this.needNode));
    const { un, us } = edges;
    for (let k = 0; k < edges.count; k++) {
      if (us[k] === 0) continue;
      const sub = this.flow.subNodeOf(2 * un[k] + 1);
      if (sub !== -1) un[k] = sub >> 1;
    }
    this.flow.loadEdges(edges.uc, un, edges.uw, edges.count, null, us);
  }

  private requireNode(nodes: Map<string, number>, id: string, kind: 'candidate' | 'need'): number {
    const v = nodes.get(id);
    if (v === undefined) throw new InstanceError(`${kind} ${JSON.stringify(id)} is not known`);
    return v;
  }
}

/** Duplicates: the best score wins; she needs close supervision if any usable copy says so (as in assign). */
function keepBest(wanted: Map<number, Wanted>, node: number, w: number, supervised: boolean): void {
  const prev = wanted.get(node);
  const flag = (supervised && w > 0) || (prev?.supervised ?? false);
  if (prev === undefined || w > prev.w) wanted.set(node, { w, supervised: flag });
  else prev.supervised = flag;
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
