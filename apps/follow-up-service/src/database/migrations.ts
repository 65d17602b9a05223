import { Messaging1764000000000 } from './migrations/1764000000000-messaging';
import { FollowUp1764000100000 } from './migrations/1764000100000-follow-up';

/** Every migration of this service, in order. */
export const MIGRATIONS = [Messaging1764000000000, FollowUp1764000100000];
