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
  const solved = solve(flow, candidateIds.length, options);
  const pairs: Pair[] = [];
  for (let k = 0; k < solved.candidate.length; k++)
    pairs.push({ candidate: candidateIds[solved.candidate[k]], need: needIds[solved.need[k]] });
  return { total: solved.total, pairs };
}

/**
 * An instance by index, for callers that hold their graph in arrays (as OR-Tools' min-cost flow takes it):
 * candidate i (0 ≤ i < candidateCapacity.length) and need j, edge k from edgeCandidate[k] to edgeNeed[k] scoring
 * edgeScore[k]. No ids to validate and index, no edge objects: the same solve as `assign` without their cost.
 */
export interface IndexedInstance {
  readonly candidateCapacity: ArrayLike<number>;
  readonly needCapacity: ArrayLike<number>;
  /** Per need, as NeedCapacity.supervisedCapacity: undefined (or absent) for no bound. */
  readonly needSupervisedCapacity?: ArrayLike<number | undefined>;
  readonly edgeCandidate: Int32Array;
  readonly edgeNeed: Int32Array;
  readonly edgeScore: Float64Array;
  /** 1 where the candidate needs close supervision (ScoredEdge.closeSupervision). */
  readonly edgeCloseSupervision?: Uint8Array;
}

/** The pairs by index, by candidate then need (as `assign`'s), and their total. */
export interface IndexedAssignment {
  readonly total: number;
  readonly candidate: Int32Array;
  readonly need: Int32Array;
}

/** `assign` for an instance by index: the same optimum, pairs in the same order, by index. */
export function assignIndexed(instance: IndexedInstance, options: AssignOptions = {}): IndexedAssignment {
  const nc = instance.candidateCapacity.length;
  const nn = instance.needCapacity.length;
  const candidateCapacity = new Int32Array(nc);
  const needCapacity = new Int32Array(nn);
  for (let i = 0; i < nc; i++) candidateCapacity[i] = checkCapacity(instance.candidateCapacity[i], `candidates[${i}]`);
  for (let j = 0; j < nn; j++) needCapacity[j] = checkCapacity(instance.needCapacity[j], `needs[${j}]`);
  const supervised = instance.needSupervisedCapacity;
  if (supervised !== undefined && supervised.length !== nn) {
    throw new InstanceError(`needSupervisedCapacity has ${supervised.length} entries for ${nn} needs`);
  }
  const prepared = prepareIndexedEdges(instance, nc, nn);
  const flow = loadFlow(prepared, candidateCapacity, needCapacity, (j) =>
    supervised === undefined ? undefined : checkSupervisedCapacity(supervised[j], `needs[${j}]`),
  );
  return solve(flow, nc, options);
}

/** Solves a loaded flow; its pairs by candidate, then need (a need's supervised sub-node counts as the need). */
function solve(flow: BMatchingFlow, candidates: number, options: AssignOptions): IndexedAssignment {
  if (options.strategy !== undefined) flow.strategy = options.strategy;
  flow.repair();
  const pc: number[] = [];
  const pn: number[] = [];
  for (let i = 0; i < candidates; i++) {
    const needs = flow.matchedEdgesOf(2 * i).map((e) => {
      const n = flow.edgeNeed(e);
      const up = flow.parentOf(n);
      return (up === -1 ? n : up) >> 1;
    });
    needs.sort((a, b) => a - b);
    for (const j of needs) {
      pc.push(i);
      pn.push(j);
    }
  }
  return { total: flow.totalWeight / SCORE_SCALE, candidate: Int32Array.from(pc), need: Int32Array.from(pn) };
}

export interface BuiltFlow {
  /** Candidate i is node 2i, need j node 2j+1, in input order; supervised sub-nodes after the needs. */
  readonly flow: BMatchingFlow;
  readonly candidateIds: readonly string[];
  readonly needIds: readonly string[];
}

/** Usable edges (score > 0 on the micro-point grid), deduplicated: slots of both ends and weights, in input order. */
export interface PreparedEdges {
  readonly uc: Int32Array<ArrayBuffer>;
  readonly un: Int32Array<ArrayBuffer>;
  readonly uw: Float64Array<ArrayBuffer>;
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

  return dedupe(ec, en, ew, es, m, nc, nn, grouped);
}

/**
 * The usable edges ec/en/ew/es[0..m) deduplicated (the best score per pair wins, the first occurrence keeps its
 * place) and laid out by candidate (a counting sort, unless `grouped`: each candidate's edges already contiguous).
 */
function dedupe(
  ec: Int32Array,
  en: Int32Array,
  ew: Float64Array,
  es: Uint8Array,
  m: number,
  nc: number,
  nn: number,
  grouped: boolean,
): PreparedEdges {
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

/**
 * prepareEdges for an instance by index: slots are the indexes, checked to be in range. Edges grouped by candidate
 * take one pass, duplicates included; others are compacted and go through the same deduplication as
 * prepareScattered's.
 */
function prepareIndexedEdges(instance: IndexedInstance, nc: number, nn: number): PreparedEdges {
  const { edgeCandidate: ec, edgeNeed: en, edgeScore: es, edgeCloseSupervision: ex } = instance;
  const total = ec.length;
  if (en.length !== total || es.length !== total || (ex !== undefined && ex.length !== total)) {
    throw new InstanceError(`edge arrays of different lengths: ${total} candidates, ${en.length} needs, ${es.length} scores`);
  }
  const uc = new Int32Array(total);
  const un = new Int32Array(total);
  const uw = new Float64Array(total);
  const us = new Uint8Array(total);
  const candidateDegree = new Int32Array(nc);
  const needDegree = new Int32Array(nn + 1);
  const done = new Uint8Array(nc);
  const seenBy = new Int32Array(nn).fill(-1);
  const slotOf = new Int32Array(nn);
  let grouped = true;
  let c = -1;
  let u = 0;
  for (let i = 0; i < total; i++) {
    const ci = ec[i];
    const n = en[i];
    if (ci !== c || i === 0) {
      if (!(ci >= 0 && ci < nc)) throw new InstanceError(`edgeCandidate[${i}] ${ci} is not a candidate (0..${nc - 1})`);
      if (done[ci] === 1) grouped = false;
      if (c !== -1) done[c] = 1;
      c = ci;
    }
    if (!(n >= 0 && n < nn)) throw new InstanceError(`edgeNeed[${i}] ${n} is not a need (0..${nn - 1})`);
    const score = es[i];
    if (!(score <= MAX_SCORE) || score === -Infinity) checkScore(score, `edges[${i}]`);
    const w = Math.round(score * SCORE_SCALE);
    if (!(w > 0)) continue;
    const flag = ex === undefined ? 0 : ex[i] === 0 ? 0 : 1;
    // Deduplicate (grouped edges only; the others are deduplicated below): the best score per pair wins.
    if (grouped && seenBy[n] === c) {
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
    u++;
  }
  if (!grouped) return dedupe(uc, un, uw, us, u, nc, nn, false);
  for (let k = 0; k < u; k++) {
    candidateDegree[uc[k]]++;
    needDegree[un[k] + 1]++;
  }
  return { uc, un, uw, us, count: u, candidateDegree, needDegree };
}

/** Validates the instance and loads it, deduplicated, into a fresh flow (not yet solved). */
export function buildFlow(instance: Instance): BuiltFlow {
  const candidateIndex = indexNodes(instance.candidates, 'candidates');
  const needIndex = indexNodes(instance.needs, 'needs');
  const prepared = prepareEdges(instance.edges, candidateIndex, needIndex);
  const flow = loadFlow(
    prepared,
    instance.candidates.map((c) => c.capacity),
    instance.needs.map((n) => n.capacity),
    (j) => checkSupervisedCapacity(instance.needs[j].supervisedCapacity, `needs[${j}]`),
  );
  return { flow, candidateIds: instance.candidates.map((cand) => cand.id), needIds: instance.needs.map((need) => need.id) };
}

/**
 * A fresh flow (not yet solved) with validated capacities and prepared edges, which it takes over (the edges are
 * laid out by candidate, as prepared: the flow adopts their arrays rather than copying them).
 */
function loadFlow(
  prepared: PreparedEdges,
  candidateCapacity: ArrayLike<number>,
  needCapacity: ArrayLike<number>,
  supervisedCapacity: (need: number) => number | undefined,
): BMatchingFlow {
  const nc = candidateCapacity.length;
  const nn = needCapacity.length;
  const { uc, un, uw, us, count: u, candidateDegree, needDegree } = prepared;
  const flow = new BMatchingFlow(nc, nn, 0);
  for (let i = 0; i < nc; i++) flow.addCandidate(candidateCapacity[i]);
  for (let j = 0; j < nn; j++) flow.addNeed(needCapacity[j]);
  // A bounded supervised capacity gets its sub-node; the supervised edges of that need end there instead.
  let subOf: Int32Array | null = null;
  for (let j = 0; j < nn; j++) {
    const bound = supervisedCapacity(j);
    if (bound === undefined) continue;
    subOf ??= new Int32Array(nn).fill(-1);
    subOf[j] = flow.addSubNode(2 * j + 1, bound) >> 1;
  }
  if (subOf !== null) {
    const sub: Int32Array = subOf;
    for (let k = 0; k < u; k++) if (us[k] === 1 && sub[un[k]] !== -1) un[k] = sub[un[k]];
    // With sub-nodes the searches start from candidates (min-cost-flow.ts): keep the candidates' layout.
    flow.adoptEdges(uc, un, uw, u);
    return flow;
  }
  const side = startingSide(candidateCapacity, needCapacity, candidateDegree, needDegree);
  flow.startSide = side;
  if (side === 'candidates') {
    flow.adoptEdges(uc, un, uw, u);
  } else {
    // Searches from needs scan each need's whole edge list: lay those lists out contiguously.
    for (let j = 0; j < nn; j++) needDegree[j + 1] += needDegree[j];
    const byNeed = new Int32Array(u);
    for (let k = 0; k < u; k++) byNeed[needDegree[un[k]]++] = k;
    flow.loadEdges(uc, un, uw, u, byNeed);
  }
  return flow;
}

/**
 * Each unit of the starting side costs one search: start from the side with fewer usable units. On a tie, from the
 * candidates: the edges are laid out by candidate already, while a start from the needs lays them out again.
 */
function startingSide(
  candidateCapacity: ArrayLike<number>,
  needCapacity: ArrayLike<number>,
  candidateDegree: Int32Array,
  needDegree: Int32Array,
): SourceSide {
  let candidateUnits = 0;
  let needUnits = 0;
  for (let i = 0; i < candidateCapacity.length; i++) candidateUnits += Math.min(candidateCapacity[i], candidateDegree[i]);
  for (let j = 0; j < needCapacity.length; j++) needUnits += Math.min(needCapacity[j], needDegree[j + 1]);
  return candidateUnits <= needUnits ? 'candidates' : 'needs';
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
