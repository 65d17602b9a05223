import { SCORE_SCALE, type Pair } from '@jobbspar/matching-core';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { pairKey } from '../../common/cause';
import { MatchEdgeRepository } from '../domain/match-edge.repository';
import { AssignmentModel } from './assignment-model';
import { Capacities } from './capacities';

type Executor = Pick<EntityManager, 'query'>;

/** A pair the optimum holds, as the why-not answer lists it: who else holds the room she would need. */
export interface HeldPair {
  readonly candidateId: string;
  readonly needId: string;
  readonly score: number;
}

/** What decides whether a pair that passes every filter is proposed, from the same assignment the engine solves. */
export interface Competition {
  /** The open slots of the need: positions left × M minus its accepted proposals. */
  readonly needSlots: number;
  /** Her open slots: K minus her accepted proposals and placements under way. */
  readonly candidateSlots: number;
  readonly needsCloseSupervision: boolean;
  /** The need's room for candidates who need close supervision; undefined: no bound. */
  readonly supervisorSlots: number | undefined;
  /** Without her pair, the optimum's pairs of the need, of her, and of the need with candidates under supervision. */
  readonly needHeldBy: readonly HeldPair[];
  readonly candidateHeldBy: readonly HeldPair[];
  readonly supervisorHeldBy: readonly HeldPair[];
  /**
   * The lowest score (two decimals) with which the pair is in every optimum, hence proposed; null when no score
   * would do (a side has no open slot at all).
   */
  readonly scoreNeeded: number | null;
}

/** Scores are in cents; the solver works in micro-points. */
const MICRO_PER_CENT = SCORE_SCALE / 100;

/**
 * The exact what-if of one pair against the assignment: the stored edges (match_edges, what the engine solves over)
 * and the capacities (Capacities, as the engine sets them), solved with the same AssignmentModel in a scratch copy
 * of the connected part of the graph the pair belongs to (other parts cannot change its answer).
 *
 * Without her edge the optimum is A. With her edge forced in at score s the best total is s + B, B the optimum of
 * the same graph with one slot fewer on her, on the need (and on its supervisors if she needs close supervision).
 * She is in every optimum exactly when s + B > A, so the score she needs is the least s above A − B.
 */
@Injectable()
export class AssignmentWhatIf {
  constructor(
    private readonly edges: MatchEdgeRepository,
    private readonly capacities: Capacities,
  ) {}

  async competition(em: Executor, candidateId: string, needId: string): Promise<Competition> {
    const all = (await this.edges.all(em)).filter((e) => !(e.candidateId === candidateId && e.needId === needId));
    const part = connectedPart(all, candidateId, needId);
    const model = new AssignmentModel();
    const candidates = [...new Set([candidateId, ...part.map((e) => e.candidateId)])];
    const needs = [...new Set([needId, ...part.map((e) => e.needId)])];
    await this.capacities.refresh(em, model, needs, candidates);
    const byCandidate = new Map<string, Map<string, number>>();
    for (const e of part) {
      let m = byCandidate.get(e.candidateId);
      if (!m) byCandidate.set(e.candidateId, (m = new Map()));
      m.set(e.needId, e.score);
    }
    for (const [c, edges] of byCandidate) model.setCandidateEdges(c, edges);

    const without = model.solve();
    const pairs = model.pairs();
    const scoreOf = new Map(part.map((e) => [pairKey(e.candidateId, e.needId), e.score]));
    const held = (p: Pair): HeldPair => ({ candidateId: p.candidate, needId: p.need, score: scoreOf.get(pairKey(p.candidate, p.need))! });
    const byScore = (a: HeldPair, b: HeldPair) => b.score - a.score;
    const needHeldBy = pairs
      .filter((p) => p.need === needId)
      .map(held)
      .sort(byScore);
    const candidateHeldBy = pairs
      .filter((p) => p.candidate === candidateId)
      .map(held)
      .sort(byScore);
    const supervisorHeldBy = needHeldBy.filter((p) => model.needsSupervision(p.candidateId));

    const need = model.needCapacity(needId);
    const candidateSlots = model.candidateCapacity(candidateId);
    const needsCloseSupervision = model.needsSupervision(candidateId);
    const supervised = needsCloseSupervision ? need.supervisedCapacity : undefined;
    const room = need.capacity > 0 && candidateSlots > 0 && (supervised === undefined || supervised > 0);
    let scoreNeeded: number | null = null;
    if (room) {
      model.setCandidate(candidateId, candidateSlots - 1, needsCloseSupervision);
      model.setNeed(
        needId,
        need.capacity - 1,
        need.supervisedCapacity === undefined ? undefined : Math.max(0, need.supervisedCapacity - (needsCloseSupervision ? 1 : 0)),
      );
      const forced = model.solve();
      const threshold = Math.round(without.total * SCORE_SCALE) - Math.round(forced.total * SCORE_SCALE);
      scoreNeeded = (Math.floor(threshold / MICRO_PER_CENT) + 1) / 100;
    }
    return {
      needSlots: need.capacity,
      candidateSlots,
      needsCloseSupervision,
      supervisorSlots: need.supervisedCapacity,
      needHeldBy,
      candidateHeldBy,
      supervisorHeldBy,
      scoreNeeded,
    };
  }
}

/** The edges reachable from the candidate or the need: the part of the graph whose optimum the pair can change. */
export function connectedPart<E extends { candidateId: string; needId: string }>(
  edges: readonly E[],
  candidateId: string,
  needId: string,
): E[] {
  const byCandidate = new Map<string, E[]>();
  const byNeed = new Map<string, E[]>();
  const add = (map: Map<string, E[]>, id: string, e: E): void => {
    const list = map.get(id);
    if (list) list.push(e);
    else map.set(id, [e]);
  };
  for (const e of edges) {
    add(byCandidate, e.candidateId, e);
    add(byNeed, e.needId, e);
  }
  const seenCandidates = new Set([candidateId]);
  const seenNeeds = new Set([needId]);
  const queue: ['c' | 'n', string][] = [
    ['c', candidateId],
    ['n', needId],
  ];
  const part = new Set<E>();
  while (queue.length > 0) {
    const [side, id] = queue.pop()!;
    for (const e of (side === 'c' ? byCandidate : byNeed).get(id) ?? []) {
      part.add(e);
      if (!seenCandidates.has(e.candidateId)) {
        seenCandidates.add(e.candidateId);
        queue.push(['c', e.candidateId]);
      }
      if (!seenNeeds.has(e.needId)) {
        seenNeeds.add(e.needId);
        queue.push(['n', e.needId]);
      }
    }
  }
  return edges.filter((e) => part.has(e));
}
