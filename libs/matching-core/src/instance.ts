/**
 * The assignment problem as data: who can take how many proposals, and the scored candidate–need edges.
 *
 * Scores are optimised on a grid of 1e-6 points ("micro-points", SCORE_SCALE): each score is rounded to the nearest
 * micro-point and the solver works on those integers, so every comparison it makes is exact in float64 arithmetic.
 * Scores with up to six decimals (ours have two) are therefore solved exactly; any other score is off by at most
 * 5e-7 per pair. MAX_SCORE keeps every sum the solver forms below 2^53 with a wide margin.
 */

export interface NodeCapacity {
  readonly id: string;
  readonly capacity: number;
}

export interface NeedCapacity extends NodeCapacity {
  /**
   * At most this many of the need's pairs may be with candidates who need close supervision (edges marked
   * `closeSupervision`): the workplace's supervisor capacity. Absent: no bound beyond `capacity`.
   */
  readonly supervisedCapacity?: number;
}

export interface ScoredEdge {
  readonly candidate: string;
  readonly need: string;
  readonly score: number;
  /** The candidate needs close supervision: the pair counts against the need's `supervisedCapacity`. */
  readonly closeSupervision?: boolean;
}

export interface Instance {
  readonly candidates: readonly NodeCapacity[];
  readonly needs: readonly NeedCapacity[];
  readonly edges: readonly ScoredEdge[];
}

export interface Pair {
  readonly candidate: string;
  readonly need: string;
}

export interface Assignment {
  /** Sum of the chosen edges' scores (each on the micro-point grid). */
  readonly total: number;
  readonly pairs: readonly Pair[];
}

export const SCORE_SCALE = 1_000_000;
export const MAX_SCORE = 1_000_000;
/** Capacities live in Int32Arrays. */
export const MAX_CAPACITY = 0x7fffffff;

export class InstanceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InstanceError';
  }
}

/** Score in micro-points; 0 or less means the edge can never help and is left out of the graph. */
export function quantizeScore(score: number): number {
  return Math.round(score * SCORE_SCALE);
}

export function checkCapacity(capacity: unknown, where: string, field = 'capacity'): number {
  if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 0) {
    throw new InstanceError(`${where}.${field} must be a non-negative integer, got ${describe(capacity)}`);
  }
  if (capacity > MAX_CAPACITY) throw new InstanceError(`${where}.${field} must be at most ${MAX_CAPACITY}, got ${capacity}`);
  return capacity;
}

/** A need's supervised capacity: absent (undefined) or a capacity. */
export function checkSupervisedCapacity(value: unknown, where: string): number | undefined {
  return value === undefined ? undefined : checkCapacity(value, where, 'supervisedCapacity');
}

export function checkCloseSupervision(value: unknown, where: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new InstanceError(`${where}.closeSupervision must be a boolean, got ${describe(value)}`);
  return value;
}

export function checkId(id: unknown, where: string): string {
  if (typeof id !== 'string' || id === '') {
    throw new InstanceError(`${where} must be a non-empty string, got ${describe(id)}`);
  }
  return id;
}

export function checkScore(score: unknown, where: string): number {
  if (typeof score !== 'number' || !Number.isFinite(score)) {
    throw new InstanceError(`${where}.score must be a finite number, got ${describe(score)}`);
  }
  if (score > MAX_SCORE) throw new InstanceError(`${where}.score must be at most ${MAX_SCORE}, got ${score}`);
  return score;
}

/**
 * Validates untrusted input (a parsed JSON file, a message) into an Instance. The error names the first problem by
 * its path, e.g. `edges[12].score must be a finite number, got "7"`.
 */
export function parseInstance(json: unknown): Instance {
  if (!isRecord(json)) throw new InstanceError(`instance must be an object, got ${describe(json)}`);
  const candidates = parseNodes(json.candidates, 'candidates');
  const needs: NeedCapacity[] = parseNodes(json.needs, 'needs');
  const candidateIds = new Set(candidates.map((c) => c.id));
  const needIds = new Set(needs.map((n) => n.id));
  const rawEdges = json.edges;
  if (!Array.isArray(rawEdges)) throw new InstanceError(`edges must be an array, got ${describe(rawEdges)}`);
  const edges: ScoredEdge[] = new Array<ScoredEdge>(rawEdges.length);
  for (let i = 0; i < rawEdges.length; i++) {
    const where = `edges[${i}]`;
    const e: unknown = rawEdges[i];
    if (!isRecord(e)) throw new InstanceError(`${where} must be an object, got ${describe(e)}`);
    const candidate = checkId(e.candidate, `${where}.candidate`);
    const need = checkId(e.need, `${where}.need`);
    if (!candidateIds.has(candidate)) throw new InstanceError(`${where}.candidate ${JSON.stringify(candidate)} is not in candidates`);
    if (!needIds.has(need)) throw new InstanceError(`${where}.need ${JSON.stringify(need)} is not in needs`);
    const score = checkScore(e.score, where);
    edges[i] = checkCloseSupervision(e.closeSupervision, where)
      ? { candidate, need, score, closeSupervision: true }
      : { candidate, need, score };
  }
  return { candidates, needs, edges };
}

function parseNodes(raw: unknown, list: 'candidates' | 'needs'): NeedCapacity[] {
  if (!Array.isArray(raw)) throw new InstanceError(`${list} must be an array, got ${describe(raw)}`);
  const firstIndex = new Map<string, number>();
  return raw.map((item: unknown, i): NeedCapacity => {
    const where = `${list}[${i}]`;
    if (!isRecord(item)) throw new InstanceError(`${where} must be an object, got ${describe(item)}`);
    const id = checkId(item.id, `${where}.id`);
    const earlier = firstIndex.get(id);
    if (earlier !== undefined) throw new InstanceError(`${where}.id "${id}" duplicates ${list}[${earlier}].id`);
    firstIndex.set(id, i);
    const capacity = checkCapacity(item.capacity, where);
    if (list === 'candidates' || item.supervisedCapacity === undefined) return { id, capacity };
    return { id, capacity, supervisedCapacity: checkSupervisedCapacity(item.supervisedCapacity, where) };
  });
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function describe(x: unknown): string {
  if (x === undefined) return 'nothing';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'string') return JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x);
  if (typeof x === 'object' && x !== null) return 'an object';
  return String(x);
}
