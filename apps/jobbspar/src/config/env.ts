import { AuthConfig, EnvReader, readAuthConfig, readSharedConfig, ServiceConfig } from '@jobbspar/platform';
import { readCandidateSettings } from '../../../candidate-service/src/config/env';
import { readFollowUpSettings } from '../../../follow-up-service/src/config/env';
import { readMatchingSettings } from '../../../matching-service/src/config/env';
import type { ServiceSettings } from '../compose-services';

/** `npm start`'s settings: the ones every service reads (with the same reader), its own, and each service's own. */
export interface JobbsparConfig extends Omit<ServiceConfig, 'databaseUrl' | 'auth'> {
  /** Absent: an embedded PostgreSQL server is started, its data under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  demoData: boolean;
  /** Another provider's issuer (OIDC_ISSUER); absent: the embedded provider runs at `/oidc` of this server. */
  externalAuth?: AuthConfig;
  settings: Required<ServiceSettings>;
}

/** The only place the one-process composition reads its environment; every value is checked before anything starts. */
export function readJobbsparConfig(env: EnvReader, defaults: { dataDir: string }): JobbsparConfig {
  return {
    ...readSharedConfig(env, { port: 3000 }),
    dataDir: env.string('DATA_DIR', defaults.dataDir),
    demoData: env.bool('DEMO_DATA', true),
    externalAuth: env.optional('OIDC_ISSUER') !== undefined ? readAuthConfig(env) : undefined,
    settings: { candidate: readCandidateSettings(env), matching: readMatchingSettings(env), followUp: readFollowUpSettings(env) },
  };
}
