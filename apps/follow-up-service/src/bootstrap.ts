import { INestApplication } from '@nestjs/common';
import { connectEventConsumer, EventConsumerServer } from '@jobbspar/messaging';
import { createServiceApp } from '@jobbspar/platform';
import { FollowUpAppModule } from './app.module';
import { FollowUpConfig, SERVICE_NAME } from './config/env';
import { FOLLOW_UP_ERROR_STATUSES } from './follow-up.errors';
import { FOLLOW_UP_POLICY } from './access/follow-up-policy';

export const FOLLOW_UP_DESCRIPTION =
  "Regional follow-up: the analyst's goals and baselines, outcomes per municipality and month, equal distribution of support, where to train";

/** Builds and starts follow-up-service (HTTP routes and its event consumer), without listening on a port. */
export async function createFollowUpApp(config: FollowUpConfig, mounted = false): Promise<INestApplication> {
  const app = await createServiceApp(FollowUpAppModule.forRoot(config), {
    name: SERVICE_NAME,
    description: FOLLOW_UP_DESCRIPTION,
    errorStatuses: FOLLOW_UP_ERROR_STATUSES,
    auth: config.auth,
    limits: config.limits,
    policy: FOLLOW_UP_POLICY,
    mounted,
  });
  await connectEventConsumer(app, app.get(EventConsumerServer));
  return app;
}
