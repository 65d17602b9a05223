import { Messaging1763900000000 } from './migrations/1763900000000-messaging';
import { Matching1763900500000 } from './migrations/1763900500000-matching';
import { ReadModelsOwnShapes1763900600000 } from './migrations/1763900600000-read-models-own-shapes';
import { ProposalNotifications1764100000000 } from './migrations/1764100000000-proposal-notifications';
import { IdempotencyKeys1764200000000 } from './migrations/1764200000000-idempotency-keys';
import { ProposalAcceptedScore1764300000000 } from './migrations/1764300000000-proposal-accepted-score';
import { RevisionsPerFacet1764310000000 } from './migrations/1764310000000-revisions-per-facet';
import { EmployerConfirmation1764400000000 } from './migrations/1764400000000-employer-confirmation';
import { AuditLog1764410000000 } from './migrations/1764410000000-audit-log';
import { SolverTurn1764520000000 } from './migrations/1764520000000-solver-turn';
import { OutboxTraceparent1764520100000 } from './migrations/1764520100000-outbox-traceparent';
import { RowLevelSecurity1764570000000 } from './migrations/1764570000000-row-level-security';
import { PlatformPolicies1764571000000 } from './migrations/1764571000000-platform-policies';
import { ErasureTags1764590000000 } from './migrations/1764590000000-erasure-tags';
import { SidePoliciesOncePerStatement1764620000000 } from './migrations/1764620000000-side-policies-once-per-statement';
import { CallerBoundPlatformRows1764621000000 } from './migrations/1764621000000-caller-bound-platform-rows';
import { RateLimits1764622000000 } from './migrations/1764622000000-rate-limits';
import { EdgesWithoutExplanations1764670000000 } from './migrations/1764670000000-edges-without-explanations';
import { ReviewQueueNotifications1764680000000 } from './migrations/1764680000000-review-queue-notifications';
import { AuditCorrections1764690000000 } from './migrations/1764690000000-audit-corrections';
import { IdempotencyKeysOfCallersOnly1764691000000 } from './migrations/1764691000000-idempotency-keys-of-callers-only';
import { OutboxRelayPosition1764692000000 } from './migrations/1764692000000-outbox-relay-position';
import { PlacementsCarryHome1764730000000 } from './migrations/1764730000000-placements-carry-home';

/** Every migration of this service, in order. Listed explicitly so the app runs the same from ts-node and jest. */
export const MIGRATIONS = [
  Messaging1763900000000,
  Matching1763900500000,
  ReadModelsOwnShapes1763900600000,
  ProposalNotifications1764100000000,
  IdempotencyKeys1764200000000,
  ProposalAcceptedScore1764300000000,
  RevisionsPerFacet1764310000000,
  EmployerConfirmation1764400000000,
  AuditLog1764410000000,
  SolverTurn1764520000000,
  OutboxTraceparent1764520100000,
  RowLevelSecurity1764570000000,
  PlatformPolicies1764571000000,
  ErasureTags1764590000000,
  SidePoliciesOncePerStatement1764620000000,
  CallerBoundPlatformRows1764621000000,
  RateLimits1764622000000,
  EdgesWithoutExplanations1764670000000,
  ReviewQueueNotifications1764680000000,
  AuditCorrections1764690000000,
  IdempotencyKeysOfCallersOnly1764691000000,
  OutboxRelayPosition1764692000000,
  PlacementsCarryHome1764730000000,
];
