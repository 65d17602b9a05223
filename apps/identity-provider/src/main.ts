import 'reflect-metadata';
import { EnvReader, JsonLogger, runMain } from '@jobbspar/platform';
import { FOLLOW_UP_CLIENT_ID } from './clients';
import { startIdentityProvider } from './identity-provider';

/**
 * The project's OpenID provider on its own port (`npm run start:identity-provider`; `npm run stack` and
 * docker/compose.yml run it so). OIDC_PUBLIC_ISSUER is the issuer as browsers and services reach it, when that is
 * not http://127.0.0.1:<PORT> (behind a container's port mapping). FOLLOW_UP_CLIENT_SECRET registers
 * follow-up-service's own client (client credentials) with that secret.
 */
void runMain(async () => {
  const env = new EnvReader();
  JsonLogger.threshold = env.oneOf('LOG_LEVEL', ['debug', 'info', 'warn', 'error'], 'info');
  const logger = new JsonLogger('identity-provider');
  const port = env.int('PORT', 3009, { min: 0, max: 65535 });
  const host = env.string('HOST', '127.0.0.1');
  const followUpSecret = env.optional('FOLLOW_UP_CLIENT_SECRET');
  const idp = await startIdentityProvider({
    port,
    host,
    issuer: env.optional('OIDC_PUBLIC_ISSUER'),
    audience: env.optional('OIDC_AUDIENCE'),
    webRedirectUris: env
      .optional('OIDC_WEB_REDIRECT_URIS')
      ?.split(',')
      .map((u) => u.trim()),
    demo: env.bool('DEMO_DATA', true),
    serviceClients: followUpSecret ? [{ clientId: FOLLOW_UP_CLIENT_ID, secret: followUpSecret, service: 'follow-up-service' }] : [],
    log: (level, msg, fields) => logger.write(level, msg, fields),
  });
  logger.info('listening', { issuer: idp.issuer, port: idp.port });
  const stop = (): void => void idp.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
});
