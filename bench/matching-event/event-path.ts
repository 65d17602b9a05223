/**
 * Which methods of matching-service are which phase of an event's path. This is the one file of the benchmark that
 * follows the service's inner structure; when the service is restructured, only this list changes.
 */
import { EntityManager } from 'typeorm';
import { AssignmentModel } from '../../apps/matching-service/src/matching/application/assignment-model';
import { MatchingEngine } from '../../apps/matching-service/src/matching/application/matching.engine';
import { MatchingRepository } from '../../apps/matching-service/src/matching/infrastructure/matching.repository';
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
  'other (decode, inbox, commit)',
] as const;

export type Phase = (typeof PHASES)[number];

interface Hook {
  target: object;
  method: string;
  phase: Phase;
  /** A sink phase keeps everything it calls (its own queries) as its own time. */
  sink?: boolean;
}

/** Public methods: the service's own API between its parts. */
function publicHooks(): Hook[] {
  const engine = MatchingEngine.prototype;
  const repo = MatchingRepository.prototype;
  const model = AssignmentModel.prototype;
  return [
    { target: ReadModelProjector.prototype, method: 'apply' satisfies keyof ReadModelProjector, phase: 'projection' },
    { target: engine, method: 'enter' satisfies keyof MatchingEngine, phase: 'lock', sink: true },
    ...(['candidatesHoldingAny', 'openNeedsAskingAny'] satisfies (keyof MatchingRepository)[]).map((method) => ({
      target: repo,
      method,
      phase: 'inverted index' as const,
    })),
    ...(['candidates', 'needs', 'settledPairs'] satisfies (keyof MatchingRepository)[]).map((method) => ({
      target: repo,
      method,
      phase: 'load profiles' as const,
    })),
    ...(['replaceNeedEdges', 'replaceCandidateEdges'] satisfies (keyof MatchingRepository)[]).map((method) => ({
      target: repo,
      method,
      phase: 'write edges' as const,
    })),
    ...(['setNeedEdges', 'setCandidateEdges'] satisfies (keyof AssignmentModel)[]).map((method) => ({
      target: model,
      method,
      phase: 'assigner edit' as const,
    })),
    { target: model, method: 'solve' satisfies keyof AssignmentModel, phase: 'incremental solve' },
  ];
}

/**
 * Still private methods of MatchingEngine: scoring a pair, refreshing capacities and applying an assignment diff
 * have no class of their own yet. Issue 8's engine split gives them one; these hooks then name its public methods.
 */
function privateHooks(): Hook[] {
  const engine = MatchingEngine.prototype;
  return [
    { target: engine, method: 'score', phase: 'filter + score' },
    { target: engine, method: 'refreshCapacities', phase: 'capacities', sink: true },
    { target: engine, method: 'applyDiff', phase: 'proposals + outbox', sink: true },
  ];
}

/** Wraps the service's methods (prototypes, so every instance of the app under test) with the phase clock. */
export function installPhaseClock(clock: PhaseClock): void {
  for (const hook of [...publicHooks(), ...privateHooks()]) instrument(clock, hook.target, hook.method, hook.phase, hook.sink);
  const model = AssignmentModel.prototype;
  const solve = model.solve;
  model.solve = function (this: AssignmentModel) {
    const diff = solve.call(this);
    clock.lastSolve = { added: diff.added.length, removed: diff.removed.length };
    return diff;
  };
  const query = EntityManager.prototype.query;
  EntityManager.prototype.query = function (this: EntityManager, ...args: Parameters<EntityManager['query']>) {
    if (clock.enabled) clock.statements++;
    return query.apply(this, args);
  } as EntityManager['query'];
}
