export type {
  CandidateForMatching,
  CandidateSupportNeeds,
  NeedForMatching,
  NeedStatus,
  NeedSupport,
  ProtectedAttribute,
  TaskLevel,
  TaskRequirement,
  TaskWeight,
} from './types';
export { PROTECTED_ATTRIBUTES } from './types';

export { checkHardFilters, hardFilterChecklist, passesHardFilters } from './filters';
export type { HardFilterChecklist, HardFilterCode, HardFilterContext, HardFilterFailure, HardFilterResult, MustHaveCheck } from './filters';

export { scoreCandidate, scoreOf, TASK_WEIGHT, WAITING_SATURATION_DAYS } from './score';
export type { Explanation, FactorExplanation, ScoreContext, TaskCovered, TaskMissing } from './score';

export { DEFAULT_WEIGHTS, SCORING_FACTORS, validateWeights, WeightsError, WeightsRegistry } from './weights';
export type { FactorWeights, RegionWeights, ScoringFactor, ScoringWeights } from './weights';

export { InstanceError, MAX_CAPACITY, MAX_SCORE, parseInstance, SCORE_SCALE } from './instance';
export type { Assignment, Instance, NeedCapacity, NodeCapacity, Pair, ScoredEdge } from './instance';

export { assign, assignIndexed } from './assign';
export type { AssignOptions, IndexedAssignment, IndexedInstance } from './assign';
export type { SolveStrategy } from './min-cost-flow';

export { IncrementalAssigner } from './incremental-assigner';
export type { AssignmentDiff, CandidateEdge, NeedEdge } from './incremental-assigner';

export { formPairs } from './pairs';
export type { AssignedCandidate, PlacementGroup } from './pairs';

export { nextValidationSteps } from './job-track';
export type { NearbyNeed, ValidationStep } from './job-track';
