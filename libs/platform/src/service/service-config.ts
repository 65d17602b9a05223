import { AuthConfig, readAuthConfig } from '../auth/auth-config';
import { ConfigError, EnvReader } from '../config/env';
import { AbuseLimits, readAbuseLimits } from '../http/abuse-limits';

/** What every service needs from its environment; services extend it with their own settings. */
export interface ServiceConfig {
  databaseUrl: string;
  kafkaBrokers?: string[];
  topicPrefix: string;
  groupPrefix: string;
  port: number;
  /** Whose access tokens the service accepts. */
  auth: AuthConfig;
  /** Rate, body and proxy limits (DEFAULT_ABUSE_LIMITS when absent). */
  limits?: AbuseLimits;
}

export function readServiceConfig(env: EnvReader, defaults: { port: number; databaseUrl?: string; issuer?: string }): ServiceConfig {
  const databaseUrl = env.postgresUrl('DATABASE_URL') ?? defaults.databaseUrl;
  if (!databaseUrl) throw new ConfigError('DATABASE_URL', 'is required when a service runs on its own');
  return {
    databaseUrl,
    kafkaBrokers: env.brokers('KAFKA_BROKERS'),
    topicPrefix: env.string('TOPIC_PREFIX', 'jobbspar.'),
    groupPrefix: env.string('CONSUMER_GROUP_PREFIX', 'jobbspar.'),
    port: env.int('PORT', defaults.port, { min: 0, max: 65535 }),
    auth: readAuthConfig(env, { issuer: defaults.issuer }),
    limits: readAbuseLimits(env),
  };
}
