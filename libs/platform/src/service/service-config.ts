import { isIP } from 'node:net';
import { AuthConfig, readAuthConfig } from '../auth/auth-config';
import { ConfigError, EnvReader } from '../config/env';
import { AbuseLimits, readAbuseLimits } from '../http/abuse-limits';

/** What every service needs from its environment; services extend it with their own settings. */
export interface ServiceConfig {
  /** The owner of the service's schema: migrations and the service role's grants run as it. */
  databaseUrl: string;
  /**
   * The service's own login role (row-level security): owns no table, NOSUPERUSER, NOBYPASSRLS. Absent: the
   * service creates `jobbspar_<schema>` with the owner (DATABASE_URL needs CREATEROLE then).
   */
  databaseServiceUrl?: string;
  kafkaBrokers?: string[];
  topicPrefix: string;
  groupPrefix: string;
  port: number;
  /** The address to listen on: loopback unless HOST says otherwise (0.0.0.0 inside a container). */
  host?: string;
  /** Whose access tokens the service accepts. */
  auth: AuthConfig;
  /** Rate, body and proxy limits (DEFAULT_ABUSE_LIMITS when absent). */
  limits?: AbuseLimits;
}

/**
 * The settings every process reads the same way, a service on its own or all of them in one (apps/jobbspar):
 * DATABASE_URL (optional here: the one-process mode then starts an embedded server), KAFKA_BROKERS, TOPIC_PREFIX,
 * CONSUMER_GROUP_PREFIX, PORT and HOST.
 */
export function readSharedConfig(
  env: EnvReader,
  defaults: { port: number },
): Omit<ServiceConfig, 'databaseUrl' | 'auth'> & { databaseUrl?: string } {
  return {
    databaseUrl: env.postgresUrl('DATABASE_URL'),
    kafkaBrokers: env.brokers('KAFKA_BROKERS'),
    topicPrefix: env.string('TOPIC_PREFIX', 'jobbspar.'),
    groupPrefix: env.string('CONSUMER_GROUP_PREFIX', 'jobbspar.'),
    port: env.int('PORT', defaults.port, { min: 0, max: 65535 }),
    host: readHost(env),
    limits: readAbuseLimits(env),
  };
}

/** A service on its own: DATABASE_URL is required, and so is OIDC_ISSUER (unless a default is given). */
export function readServiceConfig(env: EnvReader, defaults: { port: number; databaseUrl?: string; issuer?: string }): ServiceConfig {
  const { databaseUrl = defaults.databaseUrl, ...shared } = readSharedConfig(env, defaults);
  if (!databaseUrl) throw new ConfigError('DATABASE_URL', 'is required when a service runs on its own');
  return {
    databaseUrl,
    databaseServiceUrl: env.postgresUrl('DATABASE_SERVICE_URL'),
    ...shared,
    auth: readAuthConfig(env, { issuer: defaults.issuer }),
  };
}

/**
 * HOST: the address a server listens on, 127.0.0.1 by default so nothing is reachable from outside the machine
 * unless asked; a container sets 0.0.0.0 (its port is then published on the host's loopback only).
 */
export function readHost(env: EnvReader): string {
  const host = env.string('HOST', '127.0.0.1');
  if (host !== 'localhost' && isIP(host) === 0) throw new ConfigError('HOST', `must be an IP address or localhost, got "${host}"`);
  return host;
}
