import { Messaging1763900000000 } from './migrations/1763900000000-messaging';
import { EmployersRolesNeeds1763900100000 } from './migrations/1763900100000-employers-roles-needs';
import { IdempotencyKeys1764200000000 } from './migrations/1764200000000-idempotency-keys';
import { AuditLog1764400000000 } from './migrations/1764400000000-audit-log';
import { RowLevelSecurity1764510000000 } from './migrations/1764510000000-row-level-security';
import { OutboxTraceparent1764520100000 } from './migrations/1764520100000-outbox-traceparent';
import { PlatformPolicies1764571000000 } from './migrations/1764571000000-platform-policies';
import { OutboxForgetOncePublished1764590000000 } from './migrations/1764590000000-outbox-forget-once-published';
import { CallerBoundPlatformRows1764621000000 } from './migrations/1764621000000-caller-bound-platform-rows';
import { RateLimits1764622000000 } from './migrations/1764622000000-rate-limits';
import { RepublishEmployers1764623000000 } from './migrations/1764623000000-republish-employers';
import { AuditCorrections1764690000000 } from './migrations/1764690000000-audit-corrections';
import { IdempotencyKeysOfCallersOnly1764691000000 } from './migrations/1764691000000-idempotency-keys-of-callers-only';
import { OutboxRelayPosition1764692000000 } from './migrations/1764692000000-outbox-relay-position';

/** Every migration of this service, in order. Listed explicitly so the app runs the same from ts-node and jest. */
export const MIGRATIONS = [
  Messaging1763900000000,
  EmployersRolesNeeds1763900100000,
  IdempotencyKeys1764200000000,
  AuditLog1764400000000,
  RowLevelSecurity1764510000000,
  OutboxTraceparent1764520100000,
  PlatformPolicies1764571000000,
  OutboxForgetOncePublished1764590000000,
  CallerBoundPlatformRows1764621000000,
  RateLimits1764622000000,
  RepublishEmployers1764623000000,
  AuditCorrections1764690000000,
  IdempotencyKeysOfCallersOnly1764691000000,
  OutboxRelayPosition1764692000000,
];
