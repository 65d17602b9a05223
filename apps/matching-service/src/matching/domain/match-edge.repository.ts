import type { EntityManager } from 'typeorm';
import type { StoredEdge } from './match-edge';

type Executor = Pick<EntityManager, 'query'>;

/**
 * The only writer of matching.match_edges: the scored pairs the assignment is solved over, stored so the in-memory
 * assignment can be rebuilt after a restart or a rollback. Explanations are not stored (see StoredEdge).
 */
export abstract class MatchEdgeRepository {
  abstract replaceNeedEdges(em: Executor, needId: string, edges: readonly StoredEdge[]): Promise<void>;
  /** Replaces every edge of these needs by `edges` (each of one of them), in one go. */
  abstract replaceEdgesOfNeeds(em: Executor, needIds: readonly string[], edges: readonly StoredEdge[]): Promise<void>;
  abstract replaceCandidateEdges(em: Executor, candidateId: string, edges: readonly StoredEdge[]): Promise<void>;
  /** Replaces every edge of these candidates by `edges` (each of one of them), in one go. */
  abstract replaceEdgesOfCandidates(em: Executor, candidateIds: readonly string[], edges: readonly StoredEdge[]): Promise<void>;
  abstract deleteEdge(em: Executor, candidateId: string, needId: string): Promise<void>;
  /** The stored edges of the pairs, keyed `candidate|need`; a pair without an edge is absent. */
  abstract edges(em: Executor, pairs: readonly { candidate: string; need: string }[]): Promise<Map<string, StoredEdge>>;
  abstract all(em: Executor): Promise<{ candidateId: string; needId: string; score: number }[]>;
}
