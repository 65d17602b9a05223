import { EnvReader, readServiceConfig, ServiceConfig } from '@jobbspar/platform';

export const SCHEMA = 'employer';
export const SERVICE_NAME = 'employer-service' as const;

export type EmployerConfig = ServiceConfig;

/** The only place this service reads its environment. */
export function readEmployerConfig(env = new EnvReader(), defaults: { databaseUrl?: string } = {}): EmployerConfig {
  return readServiceConfig(env, { port: 3001, databaseUrl: defaults.databaseUrl });
}
