/**
 * Which methods of matching-service are which phase of an event's path. This is the one file of the benchmark that
 * follows the service's inner structure; when the service is restructured, only this list changes.
 */
import { Outbox } from '@jobbspar/messaging';
import { EntityManager } from 'typeorm';
import { AssignmentDiffApplier } from '../../apps/matching-service/src/matching/application/assignment-diff.applier';
import { AssignmentModel } from '../../apps/matching-service/src/matching/application/assignment-model';
import { Capacities } from '../../apps/matching-service/src/matching/application/capacities';
import { MatchingIndex } from '../../apps/matching-service/src/matching/application/matching-index';
import { MatchingEngine } from '../../apps/matching-service/src/matching/application/matching.engine';
import { NeedScorer, PairScorer } from '../../apps/matching-service/src/matching/application/pair-scorer';
import { PostgresMatchEdgeRepository } from '../../apps/matching-service/src/matching/infrastructure/postgres-match-edge.repository';
import { AssignmentProposals } from '../../apps/matching-service/src/proposals/application/assignment-proposals';
import { ProposalLedger } from '../../apps/matching-service/src/proposals/application/proposal-ledger';
import { ReadModelReader } from '../../apps/matching-service/src/read-models/application/read-model.reader';
import { ReadModelProjector } from '../../apps/matching-service/src/read-models/infrastructure/read-model.projector';
import { instrument, PhaseClock } from './phase-clock';

/** The phases in the order of the event path, for the table. */
export const PHASES = [
  'lock',
  'projection',
  'inverted index',
  'load profiles',
  'filter + score',
  'write edges',
  'capacities',
  'assigner edit',
  'incremental solve',
  'proposals + outbox',
  'rescore proposals',
  'other (decode, inbox, commit)',
] as const;

export type Phase = (typeof PHASES)[number];

interface Hook {
  target: object;
  method: string;
  phase: Phase;
  /** A sink phase keeps everything it calls (its own queries) as its own time. */
  sink?: boolean;
  /** Absent from an older service (the same bench measures main's code for a before figure). */
  optional?: boolean;
}

/** Public methods only: the service's own API between its parts. */
function hooks(): Hook[] {
  const engine = MatchingEngine.prototype;
  const reader = ReadModelReader.prototype;
  const edges = PostgresMatchEdgeRepository.prototype;
  const model = AssignmentModel.prototype;
  return [
    { target: ReadModelProjector.prototype, method: 'apply' satisfies keyof ReadModelProjector, phase: 'projection' },
    { target: engine, method: 'enter' satisfies keyof MatchingEngine, phase: 'lock', sink: true },
    ...(['candidatesHoldingAny', 'openNeedsAskingAny'] satisfies (keyof ReadModelReader)[]).map((method) => ({
      target: reader,
      method,
      phase: 'inverted index' as const,
    })),
    // The engine's in-memory index answers the same questions (and hands over the profiles with them).
    ...(['candidatesHoldingAny', 'openNeedsAskingAny'] satisfies (keyof MatchingIndex)[]).map((method) => ({
      target: MatchingIndex.prototype,
      method,
      phase: 'inverted index' as const,
    })),
    ...(['candidates', 'needs'] satisfies (keyof ReadModelReader)[]).map((method) => ({
      target: reader,
      method,
      phase: 'load profiles' as const,
    })),
    ...(['settledPairs', 'acceptedPairs', 'heldPairs'] satisfies (keyof ProposalLedger)[]).map((method) => ({
      target: ProposalLedger.prototype,
      method,
      phase: 'load profiles' as const,
    })),
    { target: PairScorer.prototype, method: 'score' satisfies keyof PairScorer, phase: 'filter + score' },
    // A need's candidates are scored against it with its weights read once.
    { target: NeedScorer.prototype, method: 'score' satisfies keyof NeedScorer, phase: 'filter + score' },
    ...(
      [
        'replaceNeedEdges',
        'replaceEdgesOfNeeds',
        'replaceCandidateEdges',
        'replaceEdgesOfCandidates',
      ] satisfies (keyof PostgresMatchEdgeRepository)[]
    ).map((method) => ({
      target: edges,
      method,
      phase: 'write edges' as const,
      optional: true,
    })),
    { target: Capacities.prototype, method: 'refresh' satisfies keyof Capacities, phase: 'capacities', sink: true },
    ...(['setNeedEdges', 'setCandidateEdges'] satisfies (keyof AssignmentModel)[]).map((method) => ({
      target: model,
      method,
      phase: 'assigner edit' as const,
    })),
    { target: model, method: 'solve' satisfies keyof AssignmentModel, phase: 'incremental solve' },
    // A batch of events (the consumer's path, also for one event) applies its solve's difference with applyEach.
    ...(['apply', 'applyEach'] satisfies (keyof AssignmentDiffApplier)[]).map((method) => ({
      target: AssignmentDiffApplier.prototype,
      method,
      phase: 'proposals + outbox' as const,
      sink: true,
    })),
    // A solve's proposal events are written to the outbox in one statement after its withdrawals, proposals and rescores.
    { target: Outbox.prototype, method: 'appendMany' satisfies keyof Outbox, phase: 'proposals + outbox' as const },
    // Open proposals of the pairs just scored take their new scores (finding them is one statement over every pair).
    {
      target: AssignmentProposals.prototype,
      method: 'rescore' satisfies keyof AssignmentProposals,
      phase: 'rescore proposals',
      sink: true,
    },
  ];
}

/** Wraps the service's methods (prototypes, so every instance of the app under test) with the phase clock. */
export function installPhaseClock(clock: PhaseClock): void {
  for (const hook of hooks()) {
    if (hook.optional && typeof (hook.target as Record<string, unknown>)[hook.method] !== 'function') continue;
    instrument(clock, hook.target, hook.method, hook.phase, hook.sink);
  }
  const model = AssignmentModel.prototype;
  const solve = model.solve;
  model.solve = function (this: AssignmentModel) {
    const diff = solve.call(this);
    clock.lastSolve = { added: diff.added.length, removed: diff.removed.length };
    return diff;
  };
  const query = EntityManager.prototype.query;
  // BENCH_SHOW_SQL=1: each measured statement's first line on stderr, to see which an event spends its round trips on.
  const show = process.env.BENCH_SHOW_SQL === '1';
  EntityManager.prototype.query = function (this: EntityManager, ...args: Parameters<EntityManager['query']>) {
    if (clock.enabled) clock.statements++;
    if (clock.enabled && show) process.stderr.write(`sql ${String(args[0]).replace(/\s+/g, ' ').slice(0, 140)}\n`);
    return query.apply(this, args);
  } as EntityManager['query'];
}
