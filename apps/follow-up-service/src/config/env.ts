import { EnvReader, readServiceConfig, ServiceConfig } from '@jobbspar/platform';

export const SCHEMA = 'follow_up';
export const SERVICE_NAME = 'follow-up-service' as const;

export interface FollowUpSettings {
  /**
   * Where candidate-service answers, for its protected equal-distribution aggregates: a URL, or (one process, tests)
   * a function that gives it once the server listens.
   */
  candidateServiceUrl?: string | (() => string);
  /** The band outside which a disparity ratio is flagged (0.8–1.25 by default, the four-fifths rule and its inverse). */
  disparityBand: { low: number; high: number };
  /** Days after a checkpoint falls due within which its follow-up counts as on time. */
  followUpGraceDays: number;
}

export type FollowUpConfig = ServiceConfig &
  Partial<FollowUpSettings> & {
    /** "Now" for the release calendar; tests set it to read a month that has not closed in real time. */
    clock?: () => Date;
  };

export const DEFAULT_SETTINGS: FollowUpSettings = { disparityBand: { low: 0.8, high: 1.25 }, followUpGraceDays: 14 };

/** What only this service reads from the environment (the one-process composition reads it too). */
export function readFollowUpSettings(env = new EnvReader()): FollowUpSettings {
  const low = env.int('DISPARITY_BAND_LOW_PERCENT', 80, { min: 1, max: 100 }) / 100;
  const high = env.int('DISPARITY_BAND_HIGH_PERCENT', 125, { min: 100, max: 10_000 }) / 100;
  return {
    candidateServiceUrl: env.optional('CANDIDATE_SERVICE_URL'),
    disparityBand: { low, high },
    followUpGraceDays: env.int('FOLLOW_UP_GRACE_DAYS', DEFAULT_SETTINGS.followUpGraceDays, { min: 0, max: 90 }),
  };
}

/** The only place this service reads its environment. */
export function readFollowUpConfig(env = new EnvReader(), defaults: { databaseUrl?: string } = {}): FollowUpConfig {
  return { ...readServiceConfig(env, { port: 3004, databaseUrl: defaults.databaseUrl }), ...readFollowUpSettings(env) };
}
