import type { Instance, NodeCapacity, ScoredEdge } from '@jobbspar/matching-core';

/** mulberry32: small, fast, and the same sequence on every machine for a given seed. */
export function seededRandom(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface InstanceShape {
  readonly seed: number;
  readonly candidates: number;
  readonly needs: number;
  /** Edges per candidate that passed the hard filters (fewer if fewer needs are within commuting distance). */
  readonly edgesPerCandidate: number;
  /** Open proposals per candidate (K in the design). */
  readonly candidateCapacity: number;
  /** Proposals per position (M in the design); a need's capacity is positions × M. */
  readonly proposalsPerPosition: number;
  readonly municipalities?: number;
}

export interface GeneratedInstance extends Instance {
  /** Municipality index per candidate / need, for generators of follow-up events. */
  readonly candidateHome: Int32Array;
  readonly needPlace: Int32Array;
  /** Needs per municipality, and which municipalities are within commuting distance of each. */
  readonly needsIn: readonly (readonly number[])[];
  readonly reachable: readonly (readonly number[])[];
}

/**
 * A region shaped like ours: municipalities on a grid, candidates and needs spread over them, edges only within
 * commuting distance (two grid steps), a few popular needs, and scores with two decimals from a candidate's
 * strength, the need's attractiveness and noise.
 */
export function generateInstance(shape: InstanceShape): GeneratedInstance {
  const rnd = seededRandom(shape.seed);
  const muni = shape.municipalities ?? 33;
  const side = Math.ceil(Math.sqrt(muni));
  const reachable: number[][] = [];
  for (let a = 0; a < muni; a++) {
    const list: number[] = [];
    for (let b = 0; b < muni; b++) {
      const dx = (a % side) - (b % side);
      const dy = Math.floor(a / side) - Math.floor(b / side);
      if (dx * dx + dy * dy <= 4) list.push(b);
    }
    reachable.push(list);
  }

  const needs: NodeCapacity[] = [];
  const needPlace = new Int32Array(shape.needs);
  const attractiveness = new Float64Array(shape.needs);
  const needsIn: number[][] = Array.from({ length: muni }, () => []);
  for (let j = 0; j < shape.needs; j++) {
    const positions = 1 + Math.floor(rnd() * rnd() * 4);
    needs.push({ id: `n${j}`, capacity: positions * shape.proposalsPerPosition });
    needPlace[j] = Math.floor(rnd() * muni);
    attractiveness[j] = rnd() * rnd();
    needsIn[needPlace[j]].push(j);
  }

  const candidates: NodeCapacity[] = [];
  const candidateHome = new Int32Array(shape.candidates);
  const edges: ScoredEdge[] = [];
  const picked = new Int32Array(shape.needs).fill(-1);
  for (let i = 0; i < shape.candidates; i++) {
    candidates.push({ id: `c${i}`, capacity: shape.candidateCapacity });
    const home = Math.floor(rnd() * muni);
    candidateHome[i] = home;
    const strength = rnd();
    const pool: number[] = [];
    for (const m of reachable[home]) for (const j of needsIn[m]) pool.push(j);
    const want = Math.min(shape.edgesPerCandidate, pool.length);
    for (let k = 0; k < want;) {
      const j = pool[Math.floor(rnd() * pool.length)];
      if (picked[j] === i) continue;
      picked[j] = i;
      k++;
      edges.push({ candidate: `c${i}`, need: `n${j}`, score: edgeScore(rnd, strength, attractiveness[j]) });
    }
  }
  return { candidates, needs, edges, candidateHome, needPlace, needsIn, reachable };
}

export function edgeScore(rnd: () => number, strength: number, attractiveness: number): number {
  return Math.round((15 + 35 * strength + 25 * attractiveness + 25 * rnd()) * 100) / 100;
}

/**
 * The usual shape at a given edge count: 50 edges per candidate, ten candidates per need, K = 3, M = 3, and at most
 * 33 municipalities with at least 20 needs each, so that every candidate has 50 needs within reach.
 */
export function shapeForEdges(edges: number, seed = 1): InstanceShape {
  const candidates = Math.max(1, Math.round(edges / 50));
  const needs = Math.max(1, Math.round(candidates / 10));
  return {
    seed,
    candidates,
    needs,
    edgesPerCandidate: 50,
    candidateCapacity: 3,
    proposalsPerPosition: 3,
    municipalities: Math.min(33, Math.max(4, Math.round(needs / 20))),
  };
}

/**
 * Dense, like OR-Library's assign100…assign800 (Beasley): n candidates × n needs, every pair an edge, capacity 1
 * each side, integer scores uniform in 1..100 (OR-Library's costs are uniform integers in 1..100; a score of
 * 101 − cost is the same problem as a maximisation).
 */
export function denseInstance(n: number, seed = 1): Instance {
  const rnd = seededRandom(seed);
  const candidates: NodeCapacity[] = [];
  const needs: NodeCapacity[] = [];
  for (let i = 0; i < n; i++) candidates.push({ id: `c${i}`, capacity: 1 });
  for (let j = 0; j < n; j++) needs.push({ id: `n${j}`, capacity: 1 });
  const edges: ScoredEdge[] = new Array<ScoredEdge>(n * n);
  for (let i = 0, k = 0; i < n; i++) {
    for (let j = 0; j < n; j++) edges[k++] = { candidate: `c${i}`, need: `n${j}`, score: 1 + Math.floor(rnd() * 100) };
  }
  return { candidates, needs, edges };
}

/**
 * The capacity case of issue 14: 20k candidates × 2k needs, 20 edges per candidate within commuting distance
 * (about 400k edges), K = 3 open proposals per candidate, M = 3 proposals per position.
 */
export function capacityShape(candidates = 20_000, needs = 2_000, edgesPerCandidate = 20, seed = 1): InstanceShape {
  return { seed, candidates, needs, edgesPerCandidate, candidateCapacity: 3, proposalsPerPosition: 3, municipalities: 33 };
}
