import { JsonLogger } from '@jobbspar/platform';

/** Demo data through the public HTTP API (filled in once the services' APIs exist). */
export async function seedDemo(baseUrl: string, logger: JsonLogger): Promise<void> {
  logger.info('demo data skipped', { baseUrl });
}
