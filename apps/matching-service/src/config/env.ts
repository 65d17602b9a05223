import { EnvReader, readServiceConfig, ServiceConfig } from '@jobbspar/platform';

export const SCHEMA = 'matching';
export const SERVICE_NAME = 'matching-service' as const;

export type MatchingConfig = ServiceConfig;

/** The only place this service reads its environment. */
export function readMatchingConfig(env = new EnvReader(), defaults: { databaseUrl?: string } = {}): MatchingConfig {
  return readServiceConfig(env, { port: 3003, databaseUrl: defaults.databaseUrl });
}
