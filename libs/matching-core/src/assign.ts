import {
  checkCapacity,
  checkId,
  checkCloseSupervision,
  checkScore,
  checkSupervisedCapacity,
  InstanceError,
  MAX_SCORE,
  SCORE_SCALE,
  type Assignment,
  type Instance,
  type NodeCapacity,
  type Pair,
  type ScoredEdge,
} from './instance';
import { BMatchingFlow, type SolveStrategy, type SourceSide } from './min-cost-flow';

export interface AssignOptions {
  /** How the solve starts (all are exact): see min-cost-flow.ts. Default 'auto': chosen per instance. */
  readonly strategy?: SolveStrategy;
}

/**
 * Maximum-total-score b-matching: each candidate in at most its capacity pairs, each need in at most its capacity,
 * each (candidate, need) at most once, and no edge scoring 0 or less. Exact on the micro-point grid (instance.ts),
 * as a min-cost circulation: successive shortest paths, or cost scaling where they would be slow (min-cost-flow.ts).
 * Duplicate edges keep their best score.
 * Pairs come out in input order: by candidate, then by need.
 */
export function assign(instance: Instance, options: AssignOptions = {}): Assignment {
  const { flow, candidateIds, needIds } = buildFlow(instance);
  if (options.strategy !== undefined) flow.strategy = options.strategy;
  flow.repair();
  const pairs: Pair[] = [];
  for (let i = 0; i < candidateIds.length; i++) {
    // A pair with a need's supervised sub-node is a pair with the need.
    const needs = flow.matchedEdgesOf(2 * i).map((e) => {
      const n = flow.edgeNeed(e);
      const up = flow.parentOf(n);
      return (up === -1 ? n : up) >> 1;
    });
    needs.sort((a, b) => a - b);
    for (const j of needs) pairs.push({ candidate: candidateIds[i], need: needIds[j] });
  }
  return { total: flow.totalWeight / SCORE_SCALE, pairs };
}

export interface BuiltFlow {
  /** Candidate i is node 2i, need j node 2j+1, in input order; supervised sub-nodes after the needs. */
  readonly flow: BMatchingFlow;
  readonly candidateIds: readonly string[];
  readonly needIds: readonly string[];
}

/** Usable edges (score > 0 on the micro-point grid), deduplicated: slots of both ends and weights, in input order. */
export interface PreparedEdges {
  readonly uc: Int32Array;
  readonly un: Int32Array;
  readonly uw: Float64Array;
  /** 1 where the pair needs close supervision: any of its usable copies said so (it is the candidate's property). */
  readonly us: Uint8Array;
  readonly count: number;
  readonly candidateDegree: Int32Array;
  /** Shifted by one: needDegree[j + 1] is need j's degree (ready for a prefix sum). */
  readonly needDegree: Int32Array;
}

/**
 * Validates and quantizes the edges of an instance whose nodes are already indexed (id → slot). Linear time, typed
 * arrays only; ids are looked up once per run of equal ids. Edges usually come grouped by candidate: then one pass
 * does everything, duplicates included (a need seen twice within one candidate's run), with no intermediate arrays.
 * Edges that are not grouped go to prepareScattered, which starts over (errors come out the same, in edge order).
 */
export function prepareEdges(
  edges: readonly ScoredEdge[],
  candidateIndex: ReadonlyMap<string, number>,
  needIndex: ReadonlyMap<string, number>,
): PreparedEdges {
  // Slots need not be dense (the IncrementalAssigner's sub-nodes sit between its needs): size by the largest.
  let nc = 0;
  let nn = 0;
  for (const i of candidateIndex.values()) if (i >= nc) nc = i + 1;
  for (const j of needIndex.values()) if (j >= nn) nn = j + 1;

  const total = edges.length;
  const uc = new Int32Array(total);
  const un = new Int32Array(total);
  const uw = new Float64Array(total);
  const us = new Uint8Array(total);
  const candidateDegree = new Int32Array(nc);
  const needDegree = new Int32Array(nn + 1);
  const done = new Uint8Array(nc);
  const seenBy = new Int32Array(nn).fill(-1);
  const slotOf = new Int32Array(nn);
  // Ids by slot: a score matrix lists the needs in slot order, so the next slot's id is tried before the index (a
  // string compare instead of hashing a fresh string). Empty slots and the one past the end hold NO_ID, which no
  // input equals (not even a missing id).
  const needIdAt: unknown[] = new Array<unknown>(nn + 1).fill(NO_ID);
  for (const [id, j] of needIndex) needIdAt[j] = id;
  let lastCandidate: unknown = undefined;
  let lastNeed: unknown = undefined;
  let c = -1;
  let n = -1;
  let u = 0;
  for (let i = 0; i < total; i++) {
    const edge = edges[i];
    if (edge.candidate !== lastCandidate) {
      const found = candidateIndex.get(edge.candidate);
      if (found === undefined) {
        throw new InstanceError(`edges[${i}].candidate ${JSON.stringify(edge.candidate)} is not in candidates`);
      }
      lastCandidate = edge.candidate;
      if (found !== c) {
        if (done[found] === 1) return prepareScattered(edges, candidateIndex, needIndex);
        if (c !== -1) done[c] = 1;
      }
      c = found;
    }
    const need = edge.need;
    if (need !== lastNeed) {
      if (need === needIdAt[n + 1]) {
        n++;
      } else {
        const found = needIndex.get(need);
        if (found === undefined) throw new InstanceError(`edges[${i}].need ${JSON.stringify(need)} is not in needs`);
        n = found;
      }
      lastNeed = need;
    }
    const score = edge.score;
    // Inline fast path of checkScore + quantizeScore; anything it does not accept gets checkScore's message.
    if (typeof score !== 'number' || !(score <= MAX_SCORE) || score === -Infinity) checkScore(score, `edges[${i}]`);
    const w = Math.round(score * SCORE_SCALE);
    if (!(w > 0)) continue;
    const supervised = edge.closeSupervision;
    const flag = supervised !== undefined && supervised !== false && checkCloseSupervision(supervised, `edges[${i}]`) ? 1 : 0;
    // Deduplicate: the best score per (candidate, need) wins; the first occurrence keeps its place.
    if (seenBy[n] === c) {
      const k = slotOf[n];
      if (w > uw[k]) uw[k] = w;
      us[k] |= flag;
      continue;
    }
    seenBy[n] = c;
    slotOf[n] = u;
    uc[u] = c;
    un[u] = n;
    uw[u] = w;
    us[u] = flag;
    candidateDegree[c]++;
    needDegree[n + 1]++;
    u++;
  }
  return { uc, un, uw, us, count: u, candidateDegree, needDegree };
}

/**
 * prepareEdges for edges in any order: usable edges first, then duplicates found after a counting sort on the
 * candidate.
 */
function prepareScattered(
  edges: readonly ScoredEdge[],
  candidateIndex: ReadonlyMap<string, number>,
  needIndex: ReadonlyMap<string, number>,
): PreparedEdges {
  // Slots need not be dense (the IncrementalAssigner's sub-nodes sit between its needs): size by the largest.
  let nc = 0;
  let nn = 0;
  for (const i of candidateIndex.values()) if (i >= nc) nc = i + 1;
  for (const j of needIndex.values()) if (j >= nn) nn = j + 1;

  // Keep the usable edges, with their node indexes and micro-point weights.
  const ec = new Int32Array(edges.length);
  const en = new Int32Array(edges.length);
  const ew = new Float64Array(edges.length);
  const es = new Uint8Array(edges.length);
  // grouped: every candidate's edges are contiguous, so that a need seen twice within one run is a duplicate.
  const runOf = new Int32Array(nc).fill(-1);
  let grouped = true;
  let lastCandidate: unknown = undefined;
  let lastNeed: unknown = undefined;
  let c = -1;
  let n = -1;
  let m = 0;
  for (let i = 0; i < edges.length; i++) {
    const edge = edges[i];
    if (edge.candidate !== lastCandidate) {
      const found = candidateIndex.get(edge.candidate);
      if (found === undefined) {
        throw new InstanceError(`edges[${i}].candidate ${JSON.stringify(edge.candidate)} is not in candidates`);
      }
      lastCandidate = edge.candidate;
      if (found !== c) {
        if (runOf[found] !== -1) grouped = false;
        runOf[found] = i;
      }
      c = found;
    }
    if (edge.need !== lastNeed) {
      const found = needIndex.get(edge.need);
      if (found === undefined) throw new InstanceError(`edges[${i}].need ${JSON.stringify(edge.need)} is not in needs`);
      lastNeed = edge.need;
      n = found;
    }
    const score = edge.score;
    // Inline fast path of checkScore + quantizeScore; anything it does not accept gets checkScore's message.
    if (typeof score !== 'number' || !(score <= MAX_SCORE) || score === -Infinity) checkScore(score, `edges[${i}]`);
    const w = Math.round(score * SCORE_SCALE);
    if (!(w > 0)) continue;
    const supervised = edge.closeSupervision;
    if (supervised !== undefined && supervised !== false) es[m] = checkCloseSupervision(supervised, `edges[${i}]`) ? 1 : 0;
    ec[m] = c;
    en[m] = n;
    ew[m] = w;
    m++;
  }

  // Deduplicate: the best score per (candidate, need) wins; first occurrence keeps its place.
  let order: Int32Array | null = null;
  if (!grouped) {
    const perCandidate = new Int32Array(nc + 1);
    for (let k = 0; k < m; k++) perCandidate[ec[k] + 1]++;
    for (let i = 0; i < nc; i++) perCandidate[i + 1] += perCandidate[i];
    order = new Int32Array(m);
    for (let k = 0; k < m; k++) order[perCandidate[ec[k]]++] = k;
  }
  const uc = new Int32Array(m);
  const un = new Int32Array(m);
  const uw = new Float64Array(m);
  const us = new Uint8Array(m);
  const seenBy = new Int32Array(nn).fill(-1);
  const slotOf = new Int32Array(nn);
  const candidateDegree = new Int32Array(nc);
  const needDegree = new Int32Array(nn + 1);
  let u = 0;
  for (let p = 0; p < m; p++) {
    const k = order === null ? p : order[p];
    const ci = ec[k];
    const ni = en[k];
    if (seenBy[ni] === ci) {
      if (ew[k] > uw[slotOf[ni]]) uw[slotOf[ni]] = ew[k];
      us[slotOf[ni]] |= es[k];
      continue;
    }
    seenBy[ni] = ci;
    slotOf[ni] = u;
    uc[u] = ci;
    un[u] = ni;
    uw[u] = ew[k];
    us[u] = es[k];
    candidateDegree[ci]++;
    needDegree[ni + 1]++;
    u++;
  }

  return { uc, un, uw, us, count: u, candidateDegree, needDegree };
}

const NO_ID = Symbol('no id');

/** Validates the instance and loads it, deduplicated, into a fresh flow (not yet solved). */
export function buildFlow(instance: Instance): BuiltFlow {
  const candidateIndex = indexNodes(instance.candidates, 'candidates');
  const needIndex = indexNodes(instance.needs, 'needs');
  const nc = instance.candidates.length;
  const nn = instance.needs.length;
  const { uc, un, uw, us, count: u, candidateDegree, needDegree } = prepareEdges(instance.edges, candidateIndex, needIndex);
  const flow = new BMatchingFlow(nc, nn, u);
  for (const cand of instance.candidates) flow.addCandidate(cand.capacity);
  for (const need of instance.needs) flow.addNeed(need.capacity);
  // A bounded supervised capacity gets its sub-node; the supervised edges of that need end there instead.
  let subOf: Int32Array | null = null;
  instance.needs.forEach((need, j) => {
    const bound = checkSupervisedCapacity(need.supervisedCapacity, `needs[${j}]`);
    if (bound === undefined) return;
    subOf ??= new Int32Array(nn).fill(-1);
    subOf[j] = flow.addSubNode(2 * j + 1, bound) >> 1;
  });
  if (subOf !== null) {
    const sub: Int32Array = subOf;
    for (let k = 0; k < u; k++) if (us[k] === 1 && sub[un[k]] !== -1) un[k] = sub[un[k]];
    // With sub-nodes the searches start from candidates (min-cost-flow.ts): keep the candidates' layout.
    flow.loadEdges(uc, un, uw, u, null);
    return { flow, candidateIds: instance.candidates.map((cand) => cand.id), needIds: instance.needs.map((need) => need.id) };
  }
  const side = startingSide(instance, candidateDegree, needDegree);
  flow.startSide = side;
  if (side === 'candidates') {
    flow.loadEdges(uc, un, uw, u, null);
  } else {
    // Searches from needs scan each need's whole edge list: lay those lists out contiguously.
    for (let j = 0; j < nn; j++) needDegree[j + 1] += needDegree[j];
    const byNeed = new Int32Array(u);
    for (let k = 0; k < u; k++) byNeed[needDegree[un[k]]++] = k;
    flow.loadEdges(uc, un, uw, u, byNeed);
  }
  return {
    flow,
    candidateIds: instance.candidates.map((cand) => cand.id),
    needIds: instance.needs.map((need) => need.id),
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
