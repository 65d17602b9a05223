import { Messaging1764000000000 } from './migrations/1764000000000-messaging';
import { FollowUp1764000100000 } from './migrations/1764000100000-follow-up';
import { FirstDates1764000200000 } from './migrations/1764000200000-first-dates';
import { IdempotencyKeys1764200000000 } from './migrations/1764200000000-idempotency-keys';
import { ConsentFacet1764300000000 } from './migrations/1764300000000-consent-facet';
import { AuditLog1764400000000 } from './migrations/1764400000000-audit-log';
import { RowLevelSecurity1764510000000 } from './migrations/1764510000000-row-level-security';
import { OutboxTraceparent1764520100000 } from './migrations/1764520100000-outbox-traceparent';
import { PlatformPolicies1764571000000 } from './migrations/1764571000000-platform-policies';
import { ErasureTags1764590000000 } from './migrations/1764590000000-erasure-tags';
import { CallerBoundPlatformRows1764621000000 } from './migrations/1764621000000-caller-bound-platform-rows';
import { RateLimits1764622000000 } from './migrations/1764622000000-rate-limits';
import { AuditCorrections1764690000000 } from './migrations/1764690000000-audit-corrections';
import { IdempotencyKeysOfCallersOnly1764691000000 } from './migrations/1764691000000-idempotency-keys-of-callers-only';
import { OutboxRelayPosition1764692000000 } from './migrations/1764692000000-outbox-relay-position';

/** Every migration of this service, in order. */
export const MIGRATIONS = [
  Messaging1764000000000,
  FollowUp1764000100000,
  FirstDates1764000200000,
  IdempotencyKeys1764200000000,
  ConsentFacet1764300000000,
  AuditLog1764400000000,
  RowLevelSecurity1764510000000,
  OutboxTraceparent1764520100000,
  PlatformPolicies1764571000000,
  ErasureTags1764590000000,
  CallerBoundPlatformRows1764621000000,
  RateLimits1764622000000,
  AuditCorrections1764690000000,
  IdempotencyKeysOfCallersOnly1764691000000,
  OutboxRelayPosition1764692000000,
];
