import type { EntityManager } from 'typeorm';
import type { EmployerReadModel, KnownNeed } from '../../read-models/domain/read-models';
import type { Proposal, ProposalStatus } from './proposal';

type Executor = Pick<EntityManager, 'query'>;

export interface ProposalFilter {
  needId?: string;
  candidateId?: string;
  status?: ProposalStatus;
  municipality?: string;
  occupation?: string;
  /** The need's region, se-<county>. */
  tenant?: string;
  /** Only proposals for these needs (an employer's). */
  needIds?: readonly string[];
  /**
   * Only what the employer side sees: proposals a coordinator accepted (accepted, placed, declined, and withdrawn
   * after acceptance); before that a proposal is the coordinators' business.
   */
  employerSide?: boolean;
  limit: number;
  offset: number;
}

/** Which pairs: of one candidate, of one need, of any of several candidates or needs (each filter that is given applies). */
export interface PairsOf {
  candidateId?: string;
  needId?: string;
  candidateIds?: readonly string[];
  needIds?: readonly string[];
}

/** What a page of proposals shows of each one's need, read in the same query (absent: matching has no terms of it). */
export type NeedOfProposal = Pick<KnownNeed, 'terms' | 'status' | 'positionsLeft' | 'workplaceMunicipality'>;

/** A proposal of a page with its need and the need's employer, as far as matching knows them. */
export interface ProposalWithNeed {
  proposal: Proposal;
  need?: NeedOfProposal;
  employer?: Pick<EmployerReadModel, 'name'>;
}

export interface PairRef {
  candidateId: string;
  needId: string;
}

/**
 * The only writer of matching.proposals (the SQL is PostgresProposalRepository). Proposals are loaded as domain
 * objects, changed through their transitions and saved back; every method runs in the caller's transaction (the
 * matching lock serialises the writers).
 */
export abstract class ProposalRepository {
  /** With `lock`, the row is held until the transaction ends. */
  abstract findById(em: Executor, proposalId: string, options?: { lock?: boolean }): Promise<Proposal | null>;
  /** The proposed (open, unreviewed) proposal of each pair that has one, in the order of `pairs`. */
  abstract findProposed(em: Executor, pairs: readonly PairRef[]): Promise<Proposal[]>;
  /** The open (proposed or accepted) proposal of each pair that has one, in the order of `pairs`. */
  abstract findOpen(em: Executor, pairs: readonly PairRef[]): Promise<Proposal[]>;
  /**
   * Each need's proposed proposals that are in no pair yet, best score first: what a new proposal can pair with. All
   * the needs in one go (a need without any is absent).
   */
  abstract findOpenSingles(em: Executor, needIds: readonly string[]): Promise<Map<string, Proposal[]>>;
  abstract findAccepted(em: Executor, by: { needId?: string; candidateId?: string }): Promise<Proposal[]>;
  abstract findByCandidate(em: Executor, candidateId: string): Promise<Proposal[]>;
  /** Inserts new proposals; at most one live (proposed, accepted, placed) proposal per pair. */
  abstract insert(em: Executor, proposals: readonly Proposal[]): Promise<void>;
  /** Saves what transitions (and erasure) change. */
  abstract save(em: Executor, proposals: readonly Proposal[]): Promise<void>;
  /** A page of proposals, best score first (then oldest, then id, so pages are stable), and the total. */
  abstract list(em: Executor, filter: ProposalFilter): Promise<{ items: Proposal[]; total: number }>;
  /** `list` with each proposal's need and employer, and the total, in one query (a read path's page). */
  abstract listWithNeeds(em: Executor, filter: ProposalFilter): Promise<{ items: ProposalWithNeed[]; total: number }>;
  /**
   * `listWithNeeds` as the API answers it (the review queue's read path): the page's items as JSON text, an array of
   * the API's proposals (ProposalResponse, its need's context in each), built by the database in the same one
   * query, and the total. What reads the page only passes the text on: no row is parsed or mapped.
   */
  abstract pageJson(em: Executor, filter: ProposalFilter): Promise<{ itemsJson: string; total: number }>;
  /**
   * Pairs that must not become edges (keys `candidate|need`): rejected or declined before (never proposed again), or
   * accepted or placed (they hold capacity outside the assignment).
   */
  abstract settledPairs(em: Executor, by: PairsOf): Promise<Set<string>>;
  /** Keys `candidate|need` of accepted pairs: outside the assignment, but their current score is still shown. */
  abstract acceptedPairs(em: Executor, by: PairsOf): Promise<Set<string>>;
  /** The pairs with a proposal that is not withdrawn, each with its status (a pair may have several proposals). */
  abstract heldPairs(em: Executor, by: PairsOf): Promise<{ key: string; status: Exclude<ProposalStatus, 'withdrawn'> }[]>;
  abstract acceptedPerNeed(em: Executor, needIds: readonly string[]): Promise<Map<string, number>>;
  /** The accepted candidates of each need, by candidate id. */
  abstract acceptedCandidatesPerNeed(em: Executor, needIds: readonly string[]): Promise<Map<string, string[]>>;
  abstract acceptedPerCandidate(em: Executor, candidateIds: readonly string[]): Promise<Map<string, number>>;
  /** Every pair with a proposed proposal: what the assignment held when it last committed. */
  abstract proposedPairs(em: Executor): Promise<PairRef[]>;
}
