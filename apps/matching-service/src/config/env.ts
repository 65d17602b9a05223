import { Clock, EnvReader, readServiceConfig, ServiceConfig } from '@jobbspar/platform';

export const SCHEMA = 'matching';
export const SERVICE_NAME = 'matching-service' as const;

export interface MatchingSettings {
  /** M: open proposals a need may have per position left. */
  proposalsPerPosition: number;
  /** K: open proposals a candidate may have at a time. */
  maxOpenProposalsPerCandidate: number;
}

export const DEFAULT_MATCHING_SETTINGS: MatchingSettings = { proposalsPerPosition: 3, maxOpenProposalsPerCandidate: 3 };

/** `matching` is optional so that a plain ServiceConfig (tests, the one-process composition) runs with the defaults. */
/** `clock`: only a composition root sets it (a test that travels in time); the service runs on the system clock. */
/**
 * `concurrentPartitions` and `maxBatch`: partitions whose batches the consumer applies at once and events per batch
 * (defaults in app.module.ts); only the consume benchmark sets them, to measure one against another in one run.
 */
export type MatchingConfig = ServiceConfig & {
  matching?: Partial<MatchingSettings>;
  clock?: Clock;
  concurrentPartitions?: number;
  maxBatch?: number;
};

export function matchingSettings(config: MatchingConfig): MatchingSettings {
  return { ...DEFAULT_MATCHING_SETTINGS, ...(config.matching ?? {}) };
}

/** What only this service reads from the environment (the one-process composition reads it too). */
export function readMatchingSettings(env = new EnvReader()): Pick<MatchingConfig, 'matching'> {
  return {
    matching: {
      proposalsPerPosition: env.int('MATCH_PROPOSALS_PER_POSITION', DEFAULT_MATCHING_SETTINGS.proposalsPerPosition, { min: 1, max: 100 }),
      maxOpenProposalsPerCandidate: env.int(
        'MATCH_MAX_OPEN_PROPOSALS_PER_CANDIDATE',
        DEFAULT_MATCHING_SETTINGS.maxOpenProposalsPerCandidate,
        {
          min: 1,
          max: 100,
        },
      ),
    },
  };
}

/** The only place this service reads its environment. */
export function readMatchingConfig(env = new EnvReader(), defaults: { databaseUrl?: string } = {}): MatchingConfig {
  return { ...readServiceConfig(env, { port: 3003, databaseUrl: defaults.databaseUrl }), ...readMatchingSettings(env) };
}
