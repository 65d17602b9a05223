import 'reflect-metadata';
import { EnvReader, JsonLogger, readAuthConfig, readHost, runMain } from '@jobbspar/platform';
import { createServer } from 'node:http';
import { createFront } from './front';

/** `npm run start:front`: the web app and the services' APIs on one port, for the distributed stack. */
void runMain(async () => {
  const env = new EnvReader();
  const logger = new JsonLogger('front');
  const port = env.int('PORT', 3000, { min: 0, max: 65535 });
  const host = readHost(env);
  const urls = {
    employer: env.string('EMPLOYER_SERVICE_URL', 'http://127.0.0.1:3001'),
    candidate: env.string('CANDIDATE_SERVICE_URL', 'http://127.0.0.1:3002'),
    matching: env.string('MATCHING_SERVICE_URL', 'http://127.0.0.1:3003'),
    followUp: env.string('FOLLOW_UP_SERVICE_URL', 'http://127.0.0.1:3004'),
  };
  for (const [name, url] of Object.entries(urls))
    if (!/^https?:\/\/[^/]+/.test(url)) throw new Error(`the ${name} service URL must be an http(s) URL, got "${url}"`);
  // The provider the web app logs in at, as the browser reaches it.
  const issuer = readAuthConfig(env).issuer;
  const server = createServer(createFront(urls, issuer));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  logger.info('listening', { url: `http://${host}:${port}`, services: urls });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
});
