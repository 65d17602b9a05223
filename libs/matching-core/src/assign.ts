import {
  checkCapacity,
  checkId,
  checkScore,
  InstanceError,
  quantizeScore,
  SCORE_SCALE,
  type Assignment,
  type Instance,
  type NodeCapacity,
  type Pair,
} from './instance';
import { BMatchingFlow, type SolveStrategy, type SourceSide } from './min-cost-flow';

export interface AssignOptions {
  /** How the solve starts (both are exact): see min-cost-flow.ts. Default 'cost-scaling'. */
  readonly strategy?: SolveStrategy;
}

/**
 * Maximum-total-score b-matching: each candidate in at most its capacity pairs, each need in at most its capacity,
 * each (candidate, need) at most once, and no edge scoring 0 or less. Exact on the micro-point grid (instance.ts),
 * as a min-cost circulation: cost scaling to near-optimal, then successive shortest paths to exact (min-cost-flow.ts).
 * Duplicate edges keep their best score.
 * Pairs come out in input order: by candidate, then by need.
 */
export function assign(instance: Instance, options: AssignOptions = {}): Assignment {
  const { flow, candidateIds, needIds } = buildFlow(instance);
  if (options.strategy !== undefined) flow.strategy = options.strategy;
  flow.repair();
  const pairs: Pair[] = [];
  for (let i = 0; i < candidateIds.length; i++) {
    const needs = flow.matchedEdgesOf(2 * i).map((e) => flow.edgeNeed(e) >> 1);
    needs.sort((a, b) => a - b);
    for (const j of needs) pairs.push({ candidate: candidateIds[i], need: needIds[j] });
  }
  return { total: flow.totalWeight / SCORE_SCALE, pairs };
}

export interface BuiltFlow {
  /** Candidate i is node 2i, need j node 2j+1, in input order. */
  readonly flow: BMatchingFlow;
  readonly candidateIds: readonly string[];
  readonly needIds: readonly string[];
}

/** Validates the instance and loads it, deduplicated, into a fresh flow (not yet solved). */
export function buildFlow(instance: Instance): BuiltFlow {
  const candidateIndex = indexNodes(instance.candidates, 'candidates');
  const needIndex = indexNodes(instance.needs, 'needs');
  const nc = instance.candidates.length;
  const nn = instance.needs.length;
  const edges = instance.edges;

  // Keep the usable edges, then deduplicate by bucketing on the candidate (counting sort, linear time).
  const ec = new Int32Array(edges.length);
  const en = new Int32Array(edges.length);
  const ew = new Float64Array(edges.length);
  const perCandidate = new Int32Array(nc + 1);
  let m = 0;
  for (let i = 0; i < edges.length; i++) {
    const edge = edges[i];
    const where = `edges[${i}]`;
    const c = candidateIndex.get(edge.candidate);
    if (c === undefined) {
      throw new InstanceError(`${where}.candidate ${JSON.stringify(edge.candidate)} is not in candidates`);
    }
    const n = needIndex.get(edge.need);
    if (n === undefined) throw new InstanceError(`${where}.need ${JSON.stringify(edge.need)} is not in needs`);
    const w = quantizeScore(checkScore(edge.score, where));
    if (!(w > 0)) continue;
    ec[m] = c;
    en[m] = n;
    ew[m] = w;
    perCandidate[c + 1]++;
    m++;
  }
  for (let c = 0; c < nc; c++) perCandidate[c + 1] += perCandidate[c];
  const order = new Int32Array(m);
  const fill = perCandidate.slice(0, nc);
  for (let k = 0; k < m; k++) order[fill[ec[k]]++] = k;

  // Deduplicate within each candidate's bucket: the best score per need wins.
  const uc = new Int32Array(m);
  const un = new Int32Array(m);
  const uw = new Float64Array(m);
  const seenBy = new Int32Array(nn).fill(-1);
  const slotOf = new Int32Array(nn);
  const candidateDegree = new Int32Array(nc);
  const needDegree = new Int32Array(nn + 1);
  let u = 0;
  for (let c = 0; c < nc; c++) {
    for (let p = perCandidate[c]; p < perCandidate[c + 1]; p++) {
      const k = order[p];
      const n = en[k];
      if (seenBy[n] === c) {
        if (ew[k] > uw[slotOf[n]]) uw[slotOf[n]] = ew[k];
        continue;
      }
      seenBy[n] = c;
      slotOf[n] = u;
      uc[u] = c;
      un[u] = n;
      uw[u] = ew[k];
      candidateDegree[c]++;
      needDegree[n + 1]++;
      u++;
    }
  }

  const flow = new BMatchingFlow(nc, nn, u);
  for (const c of instance.candidates) flow.addCandidate(c.capacity);
  for (const n of instance.needs) flow.addNeed(n.capacity);
  const side = startingSide(instance, candidateDegree, needDegree);
  flow.startSide = side;
  if (side === 'candidates') {
    for (let k = 0; k < u; k++) flow.addEdge(2 * uc[k], 2 * un[k] + 1, uw[k]);
  } else {
    // Searches from needs scan each need's whole edge list: lay those lists out contiguously.
    for (let n = 0; n < nn; n++) needDegree[n + 1] += needDegree[n];
    const byNeed = new Int32Array(u);
    for (let k = 0; k < u; k++) byNeed[needDegree[un[k]]++] = k;
    for (let p = 0; p < u; p++) {
      const k = byNeed[p];
      flow.addEdge(2 * uc[k], 2 * un[k] + 1, uw[k]);
    }
  }
  return {
    flow,
    candidateIds: instance.candidates.map((c) => c.id),
    needIds: instance.needs.map((n) => n.id),
  };
}

/** Each unit of the starting side costs one search: start from the side with fewer usable units. */
function startingSide(instance: Instance, candidateDegree: Int32Array, needDegree: Int32Array): SourceSide {
  let candidateUnits = 0;
  let needUnits = 0;
  instance.candidates.forEach((c, i) => (candidateUnits += Math.min(c.capacity, candidateDegree[i])));
  instance.needs.forEach((n, j) => (needUnits += Math.min(n.capacity, needDegree[j + 1])));
  return candidateUnits < needUnits ? 'candidates' : 'needs';
}

function indexNodes(nodes: readonly NodeCapacity[], list: 'candidates' | 'needs'): Map<string, number> {
  const index = new Map<string, number>();
  nodes.forEach((node, i) => {
    const where = `${list}[${i}]`;
    const id = checkId(node.id, `${where}.id`);
    checkCapacity(node.capacity, where);
    const earlier = index.get(id);
    if (earlier !== undefined) throw new InstanceError(`${where}.id "${id}" duplicates ${list}[${earlier}].id`);
    index.set(id, i);
  });
  return index;
}
