import { INestApplication } from '@nestjs/common';
import { connectEventConsumer, EventConsumerServer } from '@jobbspar/messaging';
import { createServiceApp } from '@jobbspar/platform';
import { MatchingAppModule } from './app.module';
import { MatchingConfig, SERVICE_NAME } from './config/env';
import { MATCHING_ERROR_STATUSES } from './matching.errors';
import { MATCHING_POLICY } from './access/matching-policy';

export const MATCHING_DESCRIPTION = 'Read models, scoring, proposals, review, placements and follow-up';

/** Builds and starts matching-service (HTTP routes and its event consumer), without listening on a port. */
export async function createMatchingApp(config: MatchingConfig, mounted = false): Promise<INestApplication> {
  const app = await createServiceApp(MatchingAppModule.forRoot(config), {
    name: SERVICE_NAME,
    description: MATCHING_DESCRIPTION,
    errorStatuses: MATCHING_ERROR_STATUSES,
    auth: config.auth,
    limits: config.limits,
    policy: MATCHING_POLICY,
    mounted,
  });
  await connectEventConsumer(app, app.get(EventConsumerServer));
  return app;
}
