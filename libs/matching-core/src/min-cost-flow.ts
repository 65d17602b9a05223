/**
 * Exact maximum-weight b-matching, kept as a min-cost circulation that stays optimal while the graph changes.
 *
 * The network: a hub node z, an arc z→c per candidate (capacity = the candidate's capacity, cost 0), an arc c→n per
 * scored edge (capacity 1, cost −weight) and an arc n→z per need (capacity = the need's capacity, cost 0). A
 * circulation is a b-matching and its cost is minus its total weight, so a minimum-cost circulation is a maximum-
 * weight b-matching, whatever its size: the hub is source and sink at once, which is what makes "match fewer when
 * that scores more" come out by itself.
 *
 * Optimality is kept as reduced-cost optimality: node potentials π with r(u,v) = cost(u,v) + π(u) − π(v) ≥ 0 on every
 * residual arc (π(z) is fixed at 0). Every change to the graph keeps that invariant by saturating any arc the change
 * made negative, which leaves some nodes with excess or deficit. `repair()` then routes each imbalance along a
 * shortest path in reduced costs (Dijkstra) to the nearest node of opposite sign or to the hub, which absorbs any
 * amount: successive shortest paths. Each search stops as soon as it reaches a target, and only the nodes it settled
 * change potential (π(v) += d(v) − D, D the target's distance), which keeps every reduced cost non-negative. The hub is
 * never expanded (it is always a target), so a search costs what its neighbourhood costs, not O(nodes).
 *
 * A from-scratch solve picks its start per instance (SolveStrategy below). 'shortest-paths': potentials that make
 * every edge arc non-negative, then all of one side's hub arcs saturated, so that each unit of that side is routed by
 * one search; fast when searches stay short (one side has room to spare, or every candidate reaches every need), slow
 * when both sides compete for the same partners (every path then walks most of the graph). 'cost-scaling':
 * cost-scaling push-relabel (cost-scaling.ts) run to optimality on weights scaled by the node count, its prices
 * turned into exact potentials. 'auto', the default: shortest paths within a budget of arc scans proportional to the
 * graph, cost scaling as soon as that budget runs out or a projection of the rest says it will (drain).
 *
 * Weights are integers (micro-points, see instance.ts), so every distance and potential is an exact integer in float64:
 * no epsilon anywhere. Balanced nodes keep |π| ≤ max weight, and a balanced node with no flow is reset to π = 0 after a
 * search touches it, so potentials cannot drift.
 *
 * A need may have one sub-node (addSubNode): a need-side node whose arc leads to the need instead of the hub, with its
 * own capacity; its edges are edges to the need that also count against that capacity (the supervisor capacity for
 * candidates who need close supervision). Searches, edits and checks treat that arc like a hub arc that ends at a node.
 *
 * Node ids interleave the two sides: candidate slot i is node 2i, need slot j is node 2j+1. Each node keeps its edges
 * in one doubly linked list with matched edges first, so a search that wants only matched (or only unmatched) edges
 * stops at the boundary instead of scanning the whole list.
 */

import { costScaling, type NearOptimalFlow } from './cost-scaling';

const NIL = -1;
const POPPED = -2;

export type SourceSide = 'candidates' | 'needs';
/**
 * How a from-scratch solve starts (all end exact; this only changes the speed):
 * - 'shortest-paths': every unit of one side routed by one search (fast when the searches stay short);
 * - 'cost-scaling': cost-scaling push-relabel run to optimality (weights scaled so that ε-optimal at the last phase
 *   means optimal), its prices turned into exact potentials (startFromCostScaling);
 * - 'auto' (the default): shortest paths within a work budget proportional to the graph, and cost scaling from
 *   scratch once the budget runs out or is projected to (when both sides compete for the same partners, searches
 *   walk most of the graph).
 */
export type SolveStrategy = 'auto' | 'cost-scaling' | 'shortest-paths';

/**
 * The 'auto' budget for shortest paths, in arc scans per arc of the graph (edges plus hub arcs; a settled node counts
 * its degree). Measured: shortest paths finish the capacity-bound 20k × 2k instance in 9.5 scans per arc, regional
 * ones in 24–29, dense 800 × 800 in 70; contended ones (both sides competing for the same partners) need 900–1300,
 * where cost scaling is 5–10× faster. 128 keeps the first kind on shortest paths and stops the second early.
 */
const SHORTEST_PATH_BUDGET = 128;
/** The 'auto' switch projects the rest of the shortest-path run from the scans of each 1/64 of the units (drain). */
const PROJECTION_WINDOWS = 64;
/** Used only when exact scaling would not fit in float64 (see startFromCostScaling): the old near-optimal stop. */
const SCALING_STOP = 1000;
/**
 * Cost scaling lets prices fall to about n·maxWeight; beyond this bound (absurd scores on huge graphs) the start
 * falls back to shortest paths, whose potentials stay within ±maxWeight.
 */
const SAFE_PRICE = 2 ** 51;

export class BMatchingFlow {
  /** Sum of the matched edges' weights. */
  totalWeight = 0;
  /** How the first repair (the from-scratch solve) starts; all end exact, this only changes the speed. */
  strategy: SolveStrategy = 'auto';
  /** The 'auto' budget of shortest paths, in arc scans per arc (tests set 0 to force the switch). */
  shortestPathBudget = SHORTEST_PATH_BUDGET;
  /** How the last from-scratch solve went (for benchmarks and tests): the start used and whether auto switched. */
  startUsed: 'cost-scaling' | 'shortest-paths' | 'auto-switched-to-cost-scaling' | null = null;
  /** For the 'shortest-paths' strategy: which side's units start; null: the side with fewer usable units. */
  startSide: SourceSide | null = null;
  /** Called whenever an edge becomes matched or unmatched. */
  onToggle: ((edge: number, matched: boolean) => void) | null = null;

  // Per node.
  private nodeLen = 0;
  private cap = new Int32Array(0);
  /** Flow on the node's hub arc: z→c for a candidate, n→z for a need. */
  private hubFlow = new Int32Array(0);
  private matched = new Int32Array(0);
  private degree = new Int32Array(0);
  private pi = new Float64Array(0);
  private head = new Int32Array(0);
  private tail = new Int32Array(0);
  private live = new Uint8Array(0);
  /** Need side only: the node a sub-node's up arc leads to (NIL: the hub), and a need's sub-node (NIL: none). */
  private parent = new Int32Array(0);
  private child = new Int32Array(0);
  private subNodeCount = 0;
  private candidateTop = 0;
  private needTop = 0;
  private readonly freeCandidates: number[] = [];
  private readonly freeNeeds: number[] = [];

  // Per edge.
  private edgeLen = 0;
  private edgeTop = 0;
  private readonly freeEdges: number[] = [];
  private eCand = new Int32Array(0);
  private eNeed = new Int32Array(0);
  private eW = new Float64Array(0);
  private eMatched = new Uint8Array(0);
  /** A byte the owner keeps per edge (the IncrementalAssigner: needs close supervision); the flow never reads it. */
  private eTag = new Uint8Array(0);
  private nxC = new Int32Array(0);
  private pvC = new Int32Array(0);
  private nxN = new Int32Array(0);
  private pvN = new Int32Array(0);

  // Search scratch, per node; `stamp` avoids clearing between searches.
  private dist = new Float64Array(0);
  private pred = new Int32Array(0);
  private stamp = new Uint32Array(0);
  private hpos = new Int32Array(0);
  private heap = new Int32Array(0);
  private heapSize = 0;
  private visited = new Int32Array(0);
  private curStamp = 0;

  private pending: number[] = [];
  /** No flow yet: edits need no optimality bookkeeping, and the first repair solves from scratch. */
  private fresh = true;
  private searches = 0;
  /** Arcs examined by searches so far (the 'auto' budget counts these). */
  private scans = 0;

  constructor(expectedCandidates = 0, expectedNeeds = 0, expectedEdges = 0) {
    this.ensureNodes(2 * Math.max(expectedCandidates, expectedNeeds) + 2);
    this.ensureEdges(expectedEdges);
  }

  /** Number of shortest-path searches run so far (for benchmarks). */
  get searchCount(): number {
    return this.searches;
  }

  /** Arcs examined by searches so far (for benchmarks). */
  get scanCount(): number {
    return this.scans;
  }

  addCandidate(capacity: number): number {
    const slot = this.freeCandidates.length > 0 ? this.freeCandidates.pop()! : this.candidateTop++;
    return this.initNode(2 * slot, capacity);
  }

  addNeed(capacity: number): number {
    const slot = this.freeNeeds.length > 0 ? this.freeNeeds.pop()! : this.needTop++;
    return this.initNode(2 * slot + 1, capacity);
  }

  /** Removes the node and its edges; its id may be reused by a later add. */
  /**
   * Adds a sub-node under need `n`: edges to it are edges to n whose units also pass through the sub-node's own arc
   * to n (capacity `capacity`), e.g. n's candidates who need close supervision, bounded by its supervisor capacity.
   * Instances with sub-nodes are solved from scratch by shortest paths (cost-scaling.ts knows only the plain network).
   */
  addSubNode(n: number, capacity: number): number {
    if ((n & 1) !== 1 || this.live[n] === 0 || this.parent[n] !== NIL) throw new Error(`addSubNode: ${n} is not a top-level need`);
    if (this.child[n] !== NIL) throw new Error(`addSubNode: need ${n} has a sub-node already`);
    const s = this.addNeed(capacity);
    this.parent[s] = n;
    this.child[n] = s;
    // Its arc to n starts at reduced cost 0, so the invariant holds without a repair.
    this.pi[s] = this.pi[n];
    this.subNodeCount++;
    return s;
  }

  /** The sub-node of need n, or −1. */
  subNodeOf(n: number): number {
    return this.child[n];
  }

  /** The need a sub-node belongs to, or −1 for any other node. */
  parentOf(v: number): number {
    return this.parent[v];
  }

  removeNode(v: number): void {
    if (this.child[v] !== NIL) this.removeNode(this.child[v]);
    for (const e of this.edgesOf(v)) this.removeEdge(e);
    const up = this.parent[v];
    if (up !== NIL) {
      // The flow the sub-node passed up no longer arrives: its parent is short of it until repair.
      if (this.hubFlow[v] > 0 && !this.fresh) this.pending.push(up);
      this.child[up] = NIL;
      this.parent[v] = NIL;
      this.subNodeCount--;
    }
    this.cap[v] = 0;
    this.hubFlow[v] = 0;
    this.pi[v] = 0;
    this.live[v] = 0;
    if ((v & 1) === 0) this.freeCandidates.push(v >> 1);
    else this.freeNeeds.push(v >> 1);
  }

  setCapacity(v: number, capacity: number): void {
    this.cap[v] = capacity;
    if (this.fresh) return;
    const f = this.hubFlow[v];
    if (f > capacity || (f < capacity && this.upReduced(v) < 0)) {
      // Over capacity, or the hub arc regained room with a negative reduced cost: set it to capacity, and the
      // repair routes the difference.
      this.hubFlow[v] = capacity;
      this.pending.push(v);
      if (this.parent[v] !== NIL) this.pending.push(this.parent[v]);
    }
  }

  /** Reduced cost of v's hub arc in its forward direction (z→c for a candidate, n→z or sub→need for the need side). */
  private upReduced(v: number): number {
    if ((v & 1) === 0) return -this.pi[v];
    const up = this.parent[v];
    return this.pi[v] - (up === NIL ? 0 : this.pi[up]);
  }

  capacityOf(v: number): number {
    return this.cap[v];
  }

  /**
   * `weight` is a positive integer (micro-points). With `check` false the edge's optimality is left to a later
   * `fixNode` on one of its ends: batch edits of one node's edges are then settled together.
   */
  addEdge(c: number, n: number, weight: number, check = true): number {
    const e = this.freeEdges.length > 0 ? this.freeEdges.pop()! : this.edgeTop++;
    this.ensureEdges(e + 1);
    this.eCand[e] = c;
    this.eNeed[e] = n;
    this.eW[e] = weight;
    this.eMatched[e] = 0;
    this.eTag[e] = 0;
    this.linkTailC(c, e);
    this.linkTailN(n, e);
    this.degree[c]++;
    this.degree[n]++;
    if (check && !this.fresh && this.pi[c] - weight - this.pi[n] < 0) this.flipAndQueue(e, true);
    return e;
  }

  /**
   * loadEdges in input order into a flow that has no edges yet, taking the arrays over instead of copying them
   * (the caller gives them up: they become the flow's, `cs` and `ns` rewritten to node ids).
   */
  adoptEdges(cs: Int32Array<ArrayBuffer>, ns: Int32Array<ArrayBuffer>, ws: Float64Array<ArrayBuffer>, count: number): void {
    if (!this.fresh || this.edgeTop !== 0) throw new Error('adoptEdges: only into a fresh flow without edges');
    const n = cs.length;
    if (ns.length !== n || ws.length !== n || count > n) throw new Error('adoptEdges: arrays of different lengths');
    for (let k = 0; k < count; k++) {
      cs[k] = 2 * cs[k];
      ns[k] = 2 * ns[k] + 1;
    }
    this.eCand = cs;
    this.eNeed = ns;
    this.eW = ws;
    this.eMatched = new Uint8Array(n);
    this.eTag = new Uint8Array(n);
    this.nxC = new Int32Array(n);
    this.pvC = new Int32Array(n);
    this.nxN = new Int32Array(n);
    this.pvN = new Int32Array(n);
    this.edgeLen = n;
    this.edgeTop = count;
    this.link(0, count);
  }

  /** Links edges from..to−1 (their ends set) into their nodes' lists, in order. */
  private link(from: number, to: number): void {
    const { eCand, eNeed, nxC, pvC, nxN, pvN, head, tail, degree } = this;
    for (let e = from; e < to; e++) {
      const c = eCand[e];
      const n = eNeed[e];
      let t = tail[c];
      nxC[e] = NIL;
      pvC[e] = t;
      if (t !== NIL) nxC[t] = e;
      else head[c] = e;
      tail[c] = e;
      t = tail[n];
      nxN[e] = NIL;
      pvN[e] = t;
      if (t !== NIL) nxN[t] = e;
      else head[n] = e;
      tail[n] = e;
      degree[c]++;
      degree[n]++;
    }
  }

  /**
   * Adds `count` edges at once, before the first repair (the from-scratch load): candidate slot cs[k] (node
   * 2·cs[k]), need slot ns[k] (node 2·ns[k] + 1), weight ws[k], taken in the order `order` gives (or 0..count−1). Same result as addEdge in a
   * loop, without its per-edge bookkeeping.
   */
  loadEdges(
    cs: Int32Array,
    ns: Int32Array,
    ws: Float64Array,
    count: number,
    order: Int32Array | null,
    tags: Uint8Array | null = null,
  ): void {
    if (!this.fresh) throw new Error('loadEdges: only before the first repair');
    if (this.freeEdges.length > 0) throw new Error('loadEdges: only into a flow with no removed edges');
    const base = this.edgeTop;
    this.ensureEdges(base + count);
    this.edgeTop = base + count;
    const { eCand, eNeed, eW, eMatched, eTag } = this;
    for (let p = 0; p < count; p++) {
      const k = order === null ? p : order[p];
      const e = base + p;
      eCand[e] = 2 * cs[k];
      eNeed[e] = 2 * ns[k] + 1;
      eW[e] = ws[k];
      eMatched[e] = 0;
      eTag[e] = tags === null ? 0 : tags[k];
    }
    this.link(base, base + count);
  }

  removeEdge(e: number): void {
    const c = this.eCand[e];
    const n = this.eNeed[e];
    if (this.eMatched[e] === 1) this.flipAndQueue(e, false);
    this.unlinkC(c, e);
    this.unlinkN(n, e);
    this.degree[c]--;
    this.degree[n]--;
    this.eCand[e] = NIL;
    this.freeEdges.push(e);
  }

  setWeight(e: number, weight: number, check = true): void {
    const old = this.eW[e];
    if (old === weight) return;
    const c = this.eCand[e];
    const n = this.eNeed[e];
    if (this.eMatched[e] === 1) {
      this.totalWeight += weight - old;
      this.eW[e] = weight;
      if (check && weight + this.pi[n] - this.pi[c] < 0) this.flipAndQueue(e, false);
    } else {
      this.eW[e] = weight;
      if (check && !this.fresh && this.pi[c] - weight - this.pi[n] < 0) this.flipAndQueue(e, true);
    }
  }

  /**
   * Restores reduced-cost optimality on all of v's edge arcs after unchecked edits. Few violations: flip each
   * (two imbalances apiece). Many, as when a need arrives with hundreds of edges: move v's potential so that its
   * unmatched edges are all non-negative instead, and saturate what that breaks at v (its hub arc, its matched
   * edges): at most capacity-plus-matched units to route, not one per edge.
   */
  fixNode(v: number): void {
    if (this.fresh) return;
    const { pi, eW, eMatched, eCand, eNeed, cap, hubFlow, matched } = this;
    const isNeed = (v & 1) === 1;
    const edges = this.edgesOf(v);
    let violations = 0;
    let bound = pi[v];
    for (const e of edges) {
      const r = pi[eCand[e]] - eW[e] - pi[eNeed[e]];
      if (eMatched[e] === 0) {
        if (r < 0) violations++;
        // The potential v would need for this unmatched edge to be non-negative.
        if (isNeed) bound = Math.min(bound, pi[eCand[e]] - eW[e]);
        else bound = Math.max(bound, eW[e] + pi[eNeed[e]]);
      } else if (r > 0) {
        violations++;
      }
    }
    if (violations === 0) return;
    if (violations <= matched[v] + 1) {
      for (const e of edges) {
        const r = pi[eCand[e]] - eW[e] - pi[eNeed[e]];
        if (eMatched[e] === 0 ? r < 0 : r > 0) this.flipAndQueue(e, eMatched[e] === 0);
      }
      return;
    }
    pi[v] = bound;
    for (const e of edges) {
      if (eMatched[e] === 1 && pi[eCand[e]] - eW[e] - pi[eNeed[e]] > 0) this.flipAndQueue(e, false);
    }
    if (hubFlow[v] < cap[v] && this.upReduced(v) < 0) {
      hubFlow[v] = cap[v];
      this.pending.push(v);
      if (this.parent[v] !== NIL) this.pending.push(this.parent[v]);
    }
    // A need's potential fell: the reverse of its sub-node's arc (need→sub, while the sub-node passes flow up) may
    // be negative now: empty that arc.
    const sub = isNeed ? this.child[v] : NIL;
    if (sub !== NIL && hubFlow[sub] > 0 && pi[v] - pi[sub] < 0) {
      hubFlow[sub] = 0;
      this.pending.push(v, sub);
    }
  }

  edgeCandidate(e: number): number {
    return this.eCand[e];
  }
  edgeNeed(e: number): number {
    return this.eNeed[e];
  }
  edgeWeight(e: number): number {
    return this.eW[e];
  }
  edgeTag(e: number): number {
    return this.eTag[e];
  }
  setEdgeTag(e: number, tag: number): void {
    this.eTag[e] = tag;
  }
  isMatched(e: number): boolean {
    return this.eMatched[e] === 1;
  }

  edgesOf(v: number): number[] {
    const out: number[] = [];
    const next = (v & 1) === 0 ? this.nxC : this.nxN;
    for (let e = this.head[v]; e !== NIL; e = next[e]) out.push(e);
    return out;
  }

  /** Matched edges of a node (they sit at the front of its list). */
  matchedEdgesOf(v: number): number[] {
    const out: number[] = [];
    const next = (v & 1) === 0 ? this.nxC : this.nxN;
    for (let e = this.head[v]; e !== NIL && this.eMatched[e] === 1; e = next[e]) out.push(e);
    return out;
  }

  /** Restores optimality after edits (or solves from scratch the first time). */
  repair(): void {
    if (this.fresh) {
      this.fresh = false;
      this.solveFromScratch();
    }
    this.drain(Infinity);
  }

  private solveFromScratch(): void {
    let maxW = 0;
    let liveEdges = 0;
    for (let e = 0; e < this.edgeTop; e++) {
      if (this.eCand[e] === NIL) continue;
      liveEdges++;
      if (this.eW[e] > maxW) maxW = this.eW[e];
    }
    const scalingFits = (this.nodeLen / 2) * maxW < SAFE_PRICE;
    const side = this.subNodeCount > 0 ? 'candidates' : (this.startSide ?? this.chooseSide());
    if (this.strategy === 'shortest-paths' || !scalingFits || this.subNodeCount > 0) {
      this.startUsed = 'shortest-paths';
      this.startFromScratch(side);
      return;
    }
    if (this.strategy === 'auto') {
      this.startFromScratch(side);
      const budget = this.scans + this.shortestPathBudget * (liveEdges + this.candidateTop + this.needTop);
      if (this.drain(budget)) {
        this.startUsed = 'shortest-paths';
        return;
      }
      this.resetFlow();
      this.startUsed = 'auto-switched-to-cost-scaling';
    } else {
      this.startUsed = 'cost-scaling';
    }
    this.startFromCostScaling(maxW);
  }

  /**
   * Routes every pending imbalance. With a finite budget of arc scans, gives up (false) once it is spent, or as
   * soon as it is bound to be: every PROJECTION_WINDOW-th of the units, the scans of the last window times the units
   * left, added to the scans so far, is a projection of the whole; searches only grow longer as the flow fills up
   * (measured: the scans per search rise steadily on every shape), so a projection over the budget is a run that
   * would spend it. On a contended instance that stops at about a quarter of the units instead of at the budget.
   */
  private drain(budget: number): boolean {
    const pending = this.pending;
    const bounded = budget !== Infinity;
    let unitsLeft = 0;
    if (bounded) for (const v of pending) unitsLeft += Math.abs(this.excess(v));
    const window = Math.max(16, Math.ceil(unitsLeft / PROJECTION_WINDOWS));
    let windowUnits = 0;
    let windowStart = this.scans;
    for (let i = 0; i < pending.length; i++) {
      const v = pending[i];
      for (;;) {
        const ex = this.excess(v);
        if (ex > 0) this.searchForward(v);
        else if (ex < 0) this.searchBackward(v);
        else break;
        if (!bounded) continue;
        if (this.scans > budget) return false;
        const moved = Math.abs(ex) - Math.abs(this.excess(v));
        unitsLeft -= moved;
        windowUnits += moved;
        if (windowUnits >= window) {
          if (this.scans + (unitsLeft * (this.scans - windowStart)) / windowUnits > budget) return false;
          windowUnits = 0;
          windowStart = this.scans;
        }
      }
    }
    pending.length = 0;
    return true;
  }

  /** Back to zero flow and zero potentials, edges and capacities kept (when 'auto' switches strategy). */
  private resetFlow(): void {
    for (let v = 0; v < this.nodeLen; v++) {
      if (this.live[v] === 0 || (v & 1) === 1) continue;
      for (const e of this.matchedEdgesOf(v)) this.flip(e, false);
    }
    this.hubFlow.fill(0);
    this.pi.fill(0);
    this.pending.length = 0;
  }

  /**
   * Checks every optimality condition (for tests): flows within capacities, every node balanced, every residual arc
   * with a non-negative reduced cost. Returns the first violation found, or null.
   */
  findViolation(): string | null {
    if (this.fresh) return null;
    for (let v = 0; v < this.nodeLen; v++) if (this.live[v] === 1 && this.excess(v) !== 0) return `node ${v} is unbalanced`;
    return this.findNegativeArc();
  }

  /**
   * The invariant every edit keeps between repairs (for tests): flows within capacities and every residual arc with
   * a non-negative reduced cost; imbalances are allowed (repair routes them). Returns the first violation, or null.
   */
  findNegativeArc(): string | null {
    if (this.fresh) return null;
    const { pi, cap, hubFlow, matched } = this;
    for (let v = 0; v < this.nodeLen; v++) {
      if (this.live[v] === 0) continue;
      const isNeed = (v & 1) === 1;
      if (hubFlow[v] < 0 || hubFlow[v] > cap[v]) return `node ${v} hub flow ${hubFlow[v]} outside 0..${cap[v]}`;
      if (isNeed) {
        const up = this.upReduced(v);
        if (hubFlow[v] < cap[v] && up < 0) return `need ${v}: up arc reduced cost ${up}`;
        if (hubFlow[v] > 0 && -up < 0) return `need ${v}: reverse up arc reduced cost ${-up}`;
      } else {
        if (hubFlow[v] < cap[v] && -pi[v] < 0) return `candidate ${v}: z→c reduced cost ${-pi[v]}`;
        if (hubFlow[v] > 0 && pi[v] < 0) return `candidate ${v}: c→z reduced cost ${pi[v]}`;
      }
      let m = 0;
      for (const e of this.edgesOf(v)) if (this.eMatched[e] === 1) m++;
      if (m !== matched[v]) return `node ${v} matched count ${matched[v]} but ${m} matched edges`;
    }
    for (let e = 0; e < this.edgeTop; e++) {
      const c = this.eCand[e];
      if (c === NIL) continue;
      const n = this.eNeed[e];
      const r = this.eW[e] * -1 + pi[c] - pi[n];
      if (this.eMatched[e] === 0 && r < 0) return `edge ${e}: c→n reduced cost ${r}`;
      if (this.eMatched[e] === 1 && -r < 0) return `edge ${e}: n→c reduced cost ${-r}`;
    }
    return null;
  }

  private excess(v: number): number {
    if ((v & 1) === 0) return this.hubFlow[v] - this.matched[v];
    const sub = this.child[v];
    return this.matched[v] + (sub === NIL ? 0 : this.hubFlow[sub]) - this.hubFlow[v];
  }

  private initNode(v: number, capacity: number): number {
    this.ensureNodes(v + 1);
    this.cap[v] = capacity;
    this.hubFlow[v] = 0;
    this.matched[v] = 0;
    this.degree[v] = 0;
    this.pi[v] = 0;
    this.head[v] = NIL;
    this.tail[v] = NIL;
    this.live[v] = 1;
    this.parent[v] = NIL;
    this.child[v] = NIL;
    return v;
  }

  /** Each unit of the starting side costs one search; start from the side with fewer usable units. */
  private chooseSide(): SourceSide {
    // Searches from candidates only: the start from needs would not make sub-node arcs non-negative.
    if (this.subNodeCount > 0) return 'candidates';
    let candidateUnits = 0;
    let needUnits = 0;
    for (let v = 0; v < this.nodeLen; v++) {
      if (this.live[v] === 0) continue;
      const units = Math.min(this.cap[v], this.degree[v]);
      if ((v & 1) === 0) candidateUnits += units;
      else needUnits += units;
    }
    return candidateUnits < needUnits ? 'candidates' : 'needs';
  }

  /**
   * Potentials for zero flow that make every edge arc non-negative: the starting side's nodes at their best edge
   * weight (needs negated), the other side at 0. Then the starting side's hub arcs, now negative, are saturated.
   */
  private startFromScratch(side: SourceSide): void {
    const start = side === 'candidates' ? 0 : 1;
    for (let v = 0; v < this.nodeLen; v++) {
      if (this.live[v] === 0) continue;
      this.pi[v] = 0;
      if ((v & 1) !== start) continue;
      const next = start === 0 ? this.nxC : this.nxN;
      let best = 0;
      for (let e = this.head[v]; e !== NIL; e = next[e]) if (this.eW[e] > best) best = this.eW[e];
      this.pi[v] = start === 0 ? best : -best;
      if (best > 0 && this.cap[v] > 0) {
        this.hubFlow[v] = this.cap[v];
        this.pending.push(v);
      }
    }
  }

  /**
   * From-scratch start by cost scaling. Weights are integers; divided by their greatest common divisor g and
   * multiplied by (nodes + 1), cost scaling run down to ε = 1 leaves a circulation that is ε-optimal for ε below
   * 1/nodes in units of g: optimal (Goldberg–Tarjan). Its prices, divided back and rounded, certify every residual
   * arc to within one unit; the few arcs rounding leaves negative are saturated and the exact repair routes them
   * (a handful of short searches, since the flow is already optimal). If the scaled prices could exceed float64's
   * exact range, cost scaling stops at maxW / SCALING_STOP instead and the repair does the rest, as before.
   */
  private startFromCostScaling(maxW: number): void {
    const { eCand, eNeed, eW, cap, hubFlow, matched, pi, live } = this;
    const nc = this.candidateTop;
    const nn = this.needTop;
    let m = 0;
    for (let e = 0; e < this.edgeTop; e++) if (eCand[e] !== NIL) m++;
    const ids = new Int32Array(m);
    for (let e = 0, k = 0; e < this.edgeTop; e++) if (eCand[e] !== NIL) ids[k++] = e;
    const ec = new Int32Array(m);
    const en = new Int32Array(m);
    const w = new Float64Array(m);
    let g = 0;
    for (let k = 0; k < m; k++) {
      const e = ids[k];
      ec[k] = eCand[e] >> 1;
      en[k] = eNeed[e] >> 1;
      w[k] = eW[e];
      g = gcd(g, eW[e]);
    }
    const nodes = nc + nn + 1;
    const exact = g > 0 && (maxW / g) * (nodes + 1) * nodes < SAFE_PRICE;
    if (exact) for (let k = 0; k < m; k++) w[k] = (w[k] / g) * (nodes + 1);
    const capC = new Int32Array(nc);
    const capN = new Int32Array(nn);
    for (let i = 0; i < nc; i++) capC[i] = live[2 * i] === 1 ? cap[2 * i] : 0;
    for (let j = 0; j < nn; j++) capN[j] = live[2 * j + 1] === 1 ? cap[2 * j + 1] : 0;
    const sol = costScaling({ nc, nn, capC, capN, ec, en, w, m }, exact ? 1 : Math.max(1, Math.floor(maxW / SCALING_STOP)));
    // Prices back in the flow's units, on the weights' grid (multiples of g), so every sum stays exact.
    const shift = exact ? bestShift(sol, ec, en, w, capC, capN, nodes + 1) : 0;
    const price = (p: number): number => (exact ? Math.floor((p + shift) / (nodes + 1)) * g : p);

    for (let k = 0; k < m; k++) if (sol.x[k] === 1) this.flip(ids[k], true);
    for (let i = 0; i < nc; i++) {
      if (live[2 * i] === 0) continue;
      hubFlow[2 * i] = sol.fC[i];
      pi[2 * i] = price(sol.pC[i]);
    }
    for (let j = 0; j < nn; j++) {
      if (live[2 * j + 1] === 0) continue;
      hubFlow[2 * j + 1] = sol.fN[j];
      pi[2 * j + 1] = price(sol.pN[j]);
    }
    for (let v = 0; v < this.nodeLen; v++) {
      if (live[v] === 0) continue;
      const isNeed = (v & 1) === 1;
      // Idle nodes whose hub arc is fine go back to π = 0 (see settle), so potentials stay bounded.
      if (hubFlow[v] === 0 && matched[v] === 0 && cap[v] > 0 && (isNeed ? pi[v] >= 0 : pi[v] <= 0)) pi[v] = 0;
      const roomNegative = hubFlow[v] < cap[v] && (isNeed ? pi[v] < 0 : pi[v] > 0);
      const backNegative = hubFlow[v] > 0 && (isNeed ? pi[v] > 0 : pi[v] < 0);
      if (roomNegative) hubFlow[v] = cap[v];
      else if (backNegative) hubFlow[v] = 0;
      if (roomNegative || backNegative) this.pending.push(v);
    }
    for (let k = 0; k < m; k++) {
      const e = ids[k];
      const r = pi[eCand[e]] - eW[e] - pi[eNeed[e]];
      if (this.eMatched[e] === 0 ? r < 0 : r > 0) this.flipAndQueue(e, this.eMatched[e] === 0);
    }
  }

  /** Routes excess out of `s` (forward search over residual arcs) to the hub or a node in deficit. */
  private searchForward(s: number): void {
    this.searches++;
    const { dist, pred, stamp, hpos, pi, eCand, eNeed, eW, eMatched, pvC, nxN, head, tail, hubFlow, cap, visited } = this;
    const st = this.nextStamp();
    this.heapSize = 0;
    let visitedCount = 0;
    dist[s] = 0;
    pred[s] = NIL;
    stamp[s] = st;
    this.heapInsert(s);
    let distZ = Infinity;
    let predZ = NIL;
    let target = NIL;
    for (;;) {
      if (this.heapSize === 0 || distZ <= dist[this.heap[0]]) {
        if (distZ === Infinity) throw new Error('internal: no residual path from an excess node');
        break;
      }
      const v = this.heapPop();
      visited[visitedCount++] = v;
      if (v !== s && this.excess(v) < 0) {
        target = v;
        break;
      }
      const dv = dist[v];
      const pv = pi[v];
      this.scans += 1 + this.degree[v];
      if ((v & 1) === 0) {
        for (let e = tail[v]; e !== NIL && eMatched[e] === 0; e = pvC[e]) {
          const n = eNeed[e];
          const nd = dv + pv - eW[e] - pi[n];
          if (nd >= distZ) continue;
          if (stamp[n] !== st) {
            stamp[n] = st;
            dist[n] = nd;
            pred[n] = e;
            this.heapInsert(n);
          } else if (nd < dist[n] && hpos[n] >= 0) {
            dist[n] = nd;
            pred[n] = e;
            this.siftUp(hpos[n], n);
          } else continue;
          // The hub as soon as it is in reach (see searchBackward).
          if (hubFlow[n] < cap[n] && this.parent[n] === NIL && nd + pi[n] < distZ) {
            distZ = nd + pi[n];
            predZ = n;
            if (distZ <= dv) break;
          }
        }
        if (hubFlow[v] > 0 && dv + pv < distZ) {
          distZ = dv + pv;
          predZ = v;
        }
      } else {
        for (let e = head[v]; e !== NIL && eMatched[e] === 1; e = nxN[e]) {
          const c = eCand[e];
          const nd = dv + pv + eW[e] - pi[c];
          if (nd >= distZ) continue;
          if (stamp[c] !== st) {
            stamp[c] = st;
            dist[c] = nd;
            pred[c] = e;
            this.heapInsert(c);
          } else if (nd < dist[c] && hpos[c] >= 0) {
            dist[c] = nd;
            pred[c] = e;
            this.siftUp(hpos[c], c);
          } else continue;
          if (hubFlow[c] > 0 && nd + pi[c] < distZ) {
            distZ = nd + pi[c];
            predZ = c;
            if (distZ <= dv) break;
          }
        }
        const up = this.parent[v];
        if (hubFlow[v] < cap[v]) {
          if (up === NIL) {
            if (dv + pv < distZ) {
              distZ = dv + pv;
              predZ = v;
            }
          } else {
            this.relax(up, dv + pv - pi[up], -2 - v, st);
          }
        }
        const sub = this.child[v];
        if (sub !== NIL && hubFlow[sub] > 0) this.relax(sub, dv + pv - pi[sub], -2 - sub, st);
      }
    }

    const D = target === NIL ? distZ : dist[target];
    const end = target === NIL ? predZ : target;
    let delta = 1;
    if (end === s) {
      // Straight back to the hub: as much as the source holds and the hub arc allows, in one go.
      delta = Math.min(this.excess(s), (s & 1) === 0 ? hubFlow[s] : cap[s] - hubFlow[s]);
    }
    for (let v = end; v !== s;) {
      const e = pred[v];
      if (e < NIL) {
        // A sub-node's arc: reached the sub-node from its need (reverse, one unit less) or the need from it.
        const sub = -2 - e;
        if (v === sub) {
          hubFlow[sub]--;
          v = this.parent[sub];
        } else {
          hubFlow[sub]++;
          v = sub;
        }
      } else if ((v & 1) === 1) {
        this.flip(e, true);
        v = eCand[e];
      } else {
        this.flip(e, false);
        v = eNeed[e];
      }
    }
    if (target === NIL) hubFlow[end] += (end & 1) === 0 ? -delta : delta;
    this.settle(visitedCount, D, -1);
  }

  /** Fills a deficit at `t` (backward search over residual arcs) from the hub or a node with excess. */
  private searchBackward(t: number): void {
    this.searches++;
    const { dist, pred, stamp, hpos, pi, eCand, eNeed, eW, eMatched, nxC, pvN, head, tail, hubFlow, cap, visited } = this;
    const st = this.nextStamp();
    this.heapSize = 0;
    let visitedCount = 0;
    dist[t] = 0;
    pred[t] = NIL;
    stamp[t] = st;
    this.heapInsert(t);
    let distZ = Infinity;
    let predZ = NIL;
    let target = NIL;
    for (;;) {
      if (this.heapSize === 0 || distZ <= dist[this.heap[0]]) {
        if (distZ === Infinity) throw new Error('internal: no residual path into a deficit node');
        break;
      }
      const v = this.heapPop();
      visited[visitedCount++] = v;
      if (v !== t && this.excess(v) > 0) {
        target = v;
        break;
      }
      const dv = dist[v];
      const pv = pi[v];
      this.scans += 1 + this.degree[v];
      if ((v & 1) === 0) {
        // Into a candidate: z→c while it has room, n→c along its matched edges.
        if (hubFlow[v] < cap[v] && dv - pv < distZ) {
          distZ = dv - pv;
          predZ = v;
        }
        for (let e = head[v]; e !== NIL && eMatched[e] === 1; e = nxC[e]) {
          const n = eNeed[e];
          const nd = dv + eW[e] + pi[n] - pv;
          if (nd >= distZ) continue;
          if (stamp[n] !== st) {
            stamp[n] = st;
            dist[n] = nd;
            pred[n] = e;
            this.heapInsert(n);
          } else if (nd < dist[n] && hpos[n] >= 0) {
            dist[n] = nd;
            pred[n] = e;
            this.siftUp(hpos[n], n);
          } else continue;
          if (hubFlow[n] > 0 && this.parent[n] === NIL && nd - pi[n] < distZ) {
            distZ = nd - pi[n];
            predZ = n;
            if (distZ <= dv) break;
          }
        }
      } else {
        // Into a need: c→n along its unmatched edges, z→n while it has flow.
        for (let e = tail[v]; e !== NIL && eMatched[e] === 0; e = pvN[e]) {
          const c = eCand[e];
          const nd = dv - eW[e] + pi[c] - pv;
          // A label at or above the hub's would never be popped: leave the node out of the heap.
          if (nd >= distZ) continue;
          if (stamp[c] !== st) {
            stamp[c] = st;
            dist[c] = nd;
            pred[c] = e;
            this.heapInsert(c);
          } else if (nd < dist[c] && hpos[c] >= 0) {
            dist[c] = nd;
            pred[c] = e;
            this.siftUp(hpos[c], c);
          } else continue;
          // The hub is a label like any other: set it when a node with a hub arc is labelled, not when that node
          // is popped, so the search ends once no label below it is left (with ties, at once: distZ = dv). Valid
          // because every label left in the heap is ≥ distZ at the stop, and a node left unsettled keeps π.
          if (hubFlow[c] < cap[c] && nd - pi[c] < distZ) {
            distZ = nd - pi[c];
            predZ = c;
            if (distZ <= dv) break;
          }
        }
        const up = this.parent[v];
        if (hubFlow[v] > 0) {
          if (up === NIL) {
            if (dv - pv < distZ) {
              distZ = dv - pv;
              predZ = v;
            }
          } else {
            this.relax(up, dv + pi[up] - pv, -2 - v, st);
          }
        }
        const sub = this.child[v];
        if (sub !== NIL && hubFlow[sub] < cap[sub]) this.relax(sub, dv + pi[sub] - pv, -2 - sub, st);
      }
    }

    const D = target === NIL ? distZ : dist[target];
    const start = target === NIL ? predZ : target;
    let delta = 1;
    if (start === t) {
      delta = Math.min(-this.excess(t), (t & 1) === 0 ? cap[t] - hubFlow[t] : hubFlow[t]);
    }
    for (let v = start; v !== t;) {
      const e = pred[v];
      if (e < NIL) {
        // A sub-node's arc: from the sub-node up to its need (one unit more) or from the need down (one less).
        const sub = -2 - e;
        if (v === sub) {
          hubFlow[sub]++;
          v = this.parent[sub];
        } else {
          hubFlow[sub]--;
          v = sub;
        }
      } else if ((v & 1) === 1) {
        this.flip(e, false);
        v = eCand[e];
      } else {
        this.flip(e, true);
        v = eNeed[e];
      }
    }
    if (target === NIL) hubFlow[start] += (start & 1) === 0 ? delta : -delta;
    this.settle(visitedCount, D, 1);
  }

  /**
   * Potential update after a search that stopped at distance D (direction −1 forward, +1 backward), then the reset
   * of touched idle nodes to π = 0 (valid: an idle node's only residual arcs are its hub arc and its unmatched edges,
   * which that move keeps non-negative).
   */
  private settle(visitedCount: number, D: number, direction: -1 | 1): void {
    const { visited, dist, pi, cap, hubFlow, matched } = this;
    for (let k = 0; k < visitedCount; k++) {
      const v = visited[k];
      const d = dist[v];
      if (d < D) pi[v] += direction * (D - d);
      // Sub-nodes keep theirs: their arc leads to a need, whose potential is not 0.
      if (hubFlow[v] === 0 && matched[v] === 0 && cap[v] > 0 && this.parent[v] === NIL && this.childIdle(v)) pi[v] = 0;
    }
  }

  private childIdle(v: number): boolean {
    const sub = this.child[v];
    return sub === NIL || this.hubFlow[sub] === 0;
  }

  /** Dijkstra relaxation for the few arcs that are not edges (a sub-node's arc); `code` is −2 − sub-node. */
  private relax(x: number, nd: number, code: number, st: number): void {
    const { stamp, dist, pred, hpos } = this;
    if (stamp[x] !== st) {
      stamp[x] = st;
      dist[x] = nd;
      pred[x] = code;
      this.heapInsert(x);
    } else if (nd < dist[x] && hpos[x] >= 0) {
      dist[x] = nd;
      pred[x] = code;
      this.siftUp(hpos[x], x);
    }
  }

  /** An edit saturated or emptied an edge arc: both ends are now unbalanced until repair. */
  private flipAndQueue(e: number, toMatched: boolean): void {
    this.flip(e, toMatched);
    this.pending.push(this.eCand[e], this.eNeed[e]);
  }

  private flip(e: number, toMatched: boolean): void {
    const c = this.eCand[e];
    const n = this.eNeed[e];
    if (toMatched) {
      this.eMatched[e] = 1;
      this.matched[c]++;
      this.matched[n]++;
      this.totalWeight += this.eW[e];
      this.unlinkC(c, e);
      this.linkHeadC(c, e);
      this.unlinkN(n, e);
      this.linkHeadN(n, e);
    } else {
      this.eMatched[e] = 0;
      this.matched[c]--;
      this.matched[n]--;
      this.totalWeight -= this.eW[e];
      this.unlinkC(c, e);
      this.linkTailC(c, e);
      this.unlinkN(n, e);
      this.linkTailN(n, e);
    }
    if (this.onToggle !== null) this.onToggle(e, toMatched);
  }

  // Doubly linked edge lists, one per node; candidate lists use nxC/pvC, need lists nxN/pvN.
  private linkHeadC(v: number, e: number): void {
    const h = this.head[v];
    this.pvC[e] = NIL;
    this.nxC[e] = h;
    if (h !== NIL) this.pvC[h] = e;
    else this.tail[v] = e;
    this.head[v] = e;
  }
  private linkTailC(v: number, e: number): void {
    const t = this.tail[v];
    this.nxC[e] = NIL;
    this.pvC[e] = t;
    if (t !== NIL) this.nxC[t] = e;
    else this.head[v] = e;
    this.tail[v] = e;
  }
  private unlinkC(v: number, e: number): void {
    const p = this.pvC[e];
    const x = this.nxC[e];
    if (p !== NIL) this.nxC[p] = x;
    else this.head[v] = x;
    if (x !== NIL) this.pvC[x] = p;
    else this.tail[v] = p;
  }
  private linkHeadN(v: number, e: number): void {
    const h = this.head[v];
    this.pvN[e] = NIL;
    this.nxN[e] = h;
    if (h !== NIL) this.pvN[h] = e;
    else this.tail[v] = e;
    this.head[v] = e;
  }
  private linkTailN(v: number, e: number): void {
    const t = this.tail[v];
    this.nxN[e] = NIL;
    this.pvN[e] = t;
    if (t !== NIL) this.nxN[t] = e;
    else this.head[v] = e;
    this.tail[v] = e;
  }
  private unlinkN(v: number, e: number): void {
    const p = this.pvN[e];
    const x = this.nxN[e];
    if (p !== NIL) this.nxN[p] = x;
    else this.head[v] = x;
    if (x !== NIL) this.pvN[x] = p;
    else this.tail[v] = p;
  }

  // Binary heap of node ids keyed by dist, with positions for decrease-key.
  private heapInsert(v: number): void {
    this.siftUp(this.heapSize++, v);
  }
  private siftUp(i: number, v: number): void {
    const { heap, hpos, dist } = this;
    const d = dist[v];
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const u = heap[parent];
      if (dist[u] <= d) break;
      heap[i] = u;
      hpos[u] = i;
      i = parent;
    }
    heap[i] = v;
    hpos[v] = i;
  }
  private heapPop(): number {
    const { heap, hpos, dist } = this;
    const top = heap[0];
    hpos[top] = POPPED;
    const size = --this.heapSize;
    if (size > 0) {
      const v = heap[size];
      const d = dist[v];
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= size) break;
        if (child + 1 < size && dist[heap[child + 1]] < dist[heap[child]]) child++;
        const u = heap[child];
        if (dist[u] >= d) break;
        heap[i] = u;
        hpos[u] = i;
        i = child;
      }
      heap[i] = v;
      hpos[v] = i;
    }
    return top;
  }

  private nextStamp(): number {
    if (this.curStamp === 0xffffffff) {
      this.stamp.fill(0);
      this.curStamp = 0;
    }
    return ++this.curStamp;
  }

  private ensureNodes(len: number): void {
    if (len <= this.nodeLen) return;
    const n = Math.max(len, this.nodeLen * 2, 16);
    this.cap = growI32(this.cap, n);
    this.hubFlow = growI32(this.hubFlow, n);
    this.matched = growI32(this.matched, n);
    this.degree = growI32(this.degree, n);
    this.pi = growF64(this.pi, n);
    this.head = growI32(this.head, n);
    this.tail = growI32(this.tail, n);
    this.parent = growI32(this.parent, n);
    this.child = growI32(this.child, n);
    const live = new Uint8Array(n);
    live.set(this.live);
    this.live = live;
    this.dist = new Float64Array(n);
    this.pred = new Int32Array(n);
    this.stamp = new Uint32Array(n);
    this.curStamp = 0;
    this.hpos = new Int32Array(n);
    this.heap = new Int32Array(n);
    this.visited = new Int32Array(n);
    this.nodeLen = n;
  }

  private ensureEdges(len: number): void {
    if (len <= this.edgeLen) return;
    const n = Math.max(len, this.edgeLen * 2, 16);
    this.eCand = growI32(this.eCand, n);
    this.eNeed = growI32(this.eNeed, n);
    this.eW = growF64(this.eW, n);
    const m = new Uint8Array(n);
    m.set(this.eMatched);
    this.eMatched = m;
    const tag = new Uint8Array(n);
    tag.set(this.eTag);
    this.eTag = tag;
    this.nxC = growI32(this.nxC, n);
    this.pvC = growI32(this.pvC, n);
    this.nxN = growI32(this.nxN, n);
    this.pvN = growI32(this.pvN, n);
    this.edgeLen = n;
  }
}

/**
 * Scaled prices p (integers, every residual arc's reduced cost ≥ −1, costs multiples of S) become potentials
 * ⌊(p + t)/S⌋. An arc u→v then has a negative reduced cost only if its scaled one is exactly −1 and
 * (p(u) + t) mod S = S − 1: each such arc rules out one shift t. The shift ruled out least often (almost always
 * none) leaves nothing, or next to nothing, for the repair.
 */
function bestShift(
  sol: NearOptimalFlow,
  ec: Int32Array,
  en: Int32Array,
  w: Float64Array,
  capC: Int32Array,
  capN: Int32Array,
  S: number,
): number {
  const hits = new Int32Array(S);
  const { x, pC, pN, fC, fN } = sol;
  const rule = (tailPrice: number, reduced: number): void => {
    if (reduced < 0) hits[(((S - 1 - tailPrice) % S) + S) % S]++;
  };
  for (let k = 0; k < x.length; k++) {
    const pc = pC[ec[k]];
    const pn = pN[en[k]];
    if (x[k] === 0) rule(pc, pc - w[k] - pn);
    else rule(pn, pn + w[k] - pc);
  }
  for (let i = 0; i < capC.length; i++) {
    if (fC[i] < capC[i]) rule(0, -pC[i]);
    if (fC[i] > 0) rule(pC[i], pC[i]);
  }
  for (let j = 0; j < capN.length; j++) {
    if (fN[j] < capN[j]) rule(pN[j], pN[j]);
    if (fN[j] > 0) rule(0, -pN[j]);
  }
  let best = 0;
  for (let t = 1; t < S; t++) if (hits[t] < hits[best]) best = t;
  return best;
}

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

function growI32(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

function growF64(a: Float64Array, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}
