import { createHash } from 'node:crypto';
import { Clock, ConfigError, EnvReader, JsonLogger, readServiceConfig, ServiceConfig } from '@jobbspar/platform';

export const SCHEMA = 'candidate';
export const SERVICE_NAME = 'candidate-service' as const;

export interface CandidateConfig extends ServiceConfig {
  /**
   * Wraps every candidate's data key and keys the identity-number blind index. Absent (the test stack and the
   * one-process composition build a plain ServiceConfig) means the development key.
   */
  masterKey?: Buffer;
  /** Only a composition root sets it (the demo, a test that travels in time); the service runs on the system clock. */
  clock?: Clock;
}

const DEVELOPMENT_KEY_SEED = 'jobbspar development candidate master key: never use outside development';

/** A fixed, publicly known key: fine for a laptop and tests, worthless as protection, hence the warning. */
export function developmentMasterKey(): Buffer {
  new JsonLogger(SERVICE_NAME).write(
    'warn',
    'CANDIDATE_MASTER_KEY not set: using the development master key; personal data is NOT protected at rest',
  );
  return createHash('sha256').update(DEVELOPMENT_KEY_SEED).digest();
}

function readMasterKey(env: EnvReader): Buffer | undefined {
  const raw = env.optional('CANDIDATE_MASTER_KEY');
  if (raw === undefined) return undefined;
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(raw.trim()) ? Buffer.from(raw.trim(), 'base64') : Buffer.alloc(0);
  if (key.length !== 32) throw new ConfigError('CANDIDATE_MASTER_KEY', 'must be 32 bytes, base64-encoded (e.g. `openssl rand -base64 32`)');
  return key;
}

/** What only this service reads from the environment (the one-process composition reads it too). */
export function readCandidateSettings(env = new EnvReader()): Pick<CandidateConfig, 'masterKey'> {
  return { masterKey: readMasterKey(env) ?? developmentMasterKey() };
}

/** The only place this service reads its environment. */
export function readCandidateConfig(env = new EnvReader(), defaults: { databaseUrl?: string } = {}): CandidateConfig {
  return { ...readServiceConfig(env, { port: 3002, databaseUrl: defaults.databaseUrl }), ...readCandidateSettings(env) };
}
