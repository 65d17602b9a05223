import type { FollowUpSettings } from '../config/env';

/** The service's settings as the app was built with them (env defaults applied), injectable. */
export const FOLLOW_UP_SETTINGS = Symbol('FOLLOW_UP_SETTINGS');
export type FollowUpRuntimeSettings = FollowUpSettings;
