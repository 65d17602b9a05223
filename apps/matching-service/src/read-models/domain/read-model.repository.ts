import type { TaskLevel } from '@jobbspar/contracts';
import type { EntityManager } from 'typeorm';
import type { HeldValidation } from './projection';
import type { CandidateReadModel, EmployerReadModel, KnownCandidate, KnownNeed, NeedReadModel, ValidationReadModel } from './read-models';

type Executor = Pick<EntityManager, 'query'>;

/** Municipalities and their travel minutes to one place. */
export interface Reach {
  codes: readonly string[];
  minutes: readonly number[];
}

/** One question to the task index of needs: open needs asking any of `taskIds`, with `workplaces` only in those. */
export interface NeedsAsking {
  readonly key: string;
  readonly taskIds: readonly string[];
  readonly workplaces?: readonly string[];
}

/** A candidate's effective level on one task, as the task index holds it (null: no row). */
export interface TaskLevelRow {
  readonly candidateId: string;
  readonly taskId: string;
  readonly level: TaskLevel | null;
}

/** What a batch of events needs of the read models, read in one go before the batch is projected in memory. */
export interface ProjectionRows {
  readonly needs: NeedReadModel[];
  readonly candidates: CandidateReadModel[];
  /** Every validation of the candidates asked for, and those of the validation ids asked for. */
  readonly validations: ValidationReadModel[];
  /** Every level the candidates asked for hold. */
  readonly levels: TaskLevelRow[];
}

/** What a projected batch changed, written in a few statements at the batch's end. */
export interface ProjectionWrites {
  readonly employers: readonly EmployerReadModel[];
  /** Whole rows; a need's rows in the task index are rebuilt. */
  readonly needs: readonly NeedReadModel[];
  readonly candidates: readonly CandidateReadModel[];
  /** Candidates whose validations and levels all go (erasure), before the validations and levels below are written. */
  readonly erased: readonly string[];
  /** Whole rows, revoked flag included. */
  readonly validations: readonly ValidationReadModel[];
  /** A null level deletes her row in the task index. */
  readonly levels: readonly TaskLevelRow[];
}

/**
 * The read-model tables (employers, needs with their task index need_tasks, candidates, validations, and the task index
 * candidate_task_levels). Only the projector writes them; the rest of the service reads them through
 * ReadModelReader.
 */
export abstract class ReadModelRepository {
  /** Upserts an employer (its registration carries all it is). */
  abstract saveEmployer(em: Executor, employer: EmployerReadModel): Promise<void>;
  abstract employers(em: Executor, employerIds: readonly string[]): Promise<EmployerReadModel[]>;
  /** Ids of the employers of an organisation number, or municipalities as employers among `municipalities`. */
  abstract employerIdsOf(em: Executor, by: { organisationNumber: string | null; municipalities: readonly string[] }): Promise<string[]>;
  /** Ids of the needs (terms known) posted for these employers. */
  abstract needIdsOfEmployers(em: Executor, employerIds: readonly string[]): Promise<string[]>;
  abstract need(em: Executor, needId: string): Promise<NeedReadModel | undefined>;
  /** Upserts the need and rebuilds its rows in the task index. */
  abstract saveNeed(em: Executor, need: NeedReadModel): Promise<void>;
  abstract candidate(em: Executor, candidateId: string): Promise<CandidateReadModel | undefined>;
  abstract saveCandidate(em: Executor, candidate: CandidateReadModel): Promise<void>;
  /** A validation, or its details arriving after a revocation overtook it: a revoked stub stays revoked. */
  abstract saveValidation(em: Executor, validation: Omit<ValidationReadModel, 'revoked'>): Promise<void>;
  /** Marks a validation revoked; one not seen yet is kept as a revoked stub. */
  abstract revokeValidation(em: Executor, validation: { validationId: string; candidateId: string; taskId: string }): Promise<void>;
  abstract validations(em: Executor, candidateId: string, taskId: string): Promise<HeldValidation[]>;
  abstract level(em: Executor, candidateId: string, taskId: string): Promise<TaskLevel | null>;
  /** Her row in the task index: present only while she holds a level. */
  abstract setLevel(em: Executor, candidateId: string, taskId: string, level: TaskLevel | null): Promise<void>;
  /** Erasure: every validation and task level of hers goes. */
  abstract deleteValidations(em: Executor, candidateId: string): Promise<void>;
  /** Batch projection: the rows of these needs, candidates and validations (and the candidates' levels), in one go. */
  abstract loadForProjection(
    em: Executor,
    ids: { needIds: readonly string[]; candidateIds: readonly string[]; validationIds: readonly string[] },
  ): Promise<ProjectionRows>;
  /** Batch projection: writes what a batch changed, each table in one or two statements. */
  abstract saveProjection(em: Executor, writes: ProjectionWrites): Promise<void>;
  /** Needs whose terms are known (tombstones left out). */
  abstract knownNeeds(em: Executor, needIds: readonly string[]): Promise<KnownNeed[]>;
  /** Candidates with a profile, each with her effective level per task. */
  abstract knownCandidates(em: Executor, candidateIds: readonly string[]): Promise<KnownCandidate[]>;
  /** Every candidate with a profile, with her levels: what the engine's in-memory index is loaded from. */
  abstract allKnownCandidates(em: Executor): Promise<KnownCandidate[]>;
  /** Every open need with positions left whose terms are known: the other half of that index. */
  abstract openKnownNeeds(em: Executor): Promise<KnownNeed[]>;
  /**
   * Inverted index: candidates with a profile holding at least one of the tasks; with `reach` (the municipalities a
   * workplace can be reached from, with their travel minutes) only those whose home is close enough for their own
   * maximum commute.
   */
  abstract candidatesHoldingAny(em: Executor, taskIds: readonly string[], reach?: Reach): Promise<string[]>;
  /** Inverted index: open needs with positions left asking for at least one of the tasks, with `workplaces` only in those. */
  abstract openNeedsAskingAny(em: Executor, taskIds: readonly string[], workplaces?: readonly string[]): Promise<string[]>;
  /** Open needs with positions left of a region (se-<county>), in id order: what its scoring weights score. */
  abstract openNeedIdsOfRegion(em: Executor, tenant: string): Promise<string[]>;
  /** openNeedsAskingAny for several questions in one go: the need ids per question's key (a key without any is absent). */
  abstract openNeedsAskingAnyEach(em: Executor, asks: readonly NeedsAsking[]): Promise<Map<string, string[]>>;
}
