import { EnvReader, readServiceConfig, ServiceConfig } from '@jobbspar/platform';

export const SCHEMA = 'candidate';
export const SERVICE_NAME = 'candidate-service' as const;

export type CandidateConfig = ServiceConfig;

/** The only place this service reads its environment. */
export function readCandidateConfig(env = new EnvReader(), defaults: { databaseUrl?: string } = {}): CandidateConfig {
  return readServiceConfig(env, { port: 3002, databaseUrl: defaults.databaseUrl });
}
