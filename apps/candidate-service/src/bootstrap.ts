import { INestApplication } from '@nestjs/common';
import { connectEventConsumer, EventConsumerServer } from '@jobbspar/messaging';
import { createServiceApp } from '@jobbspar/platform';
import { CandidateAppModule } from './app.module';
import { CandidateConfig, SERVICE_NAME } from './config/env';
import { CANDIDATE_ERROR_STATUSES } from './candidate.errors';
import { CANDIDATE_POLICY } from './access/candidate-policy';

export const CANDIDATE_DESCRIPTION = 'Candidates, certified internships, task validations, consent and erasure';

/** Builds and starts candidate-service (HTTP routes and its event consumer), without listening on a port. */
export async function createCandidateApp(config: CandidateConfig, mounted = false): Promise<INestApplication> {
  const app = await createServiceApp(CandidateAppModule.forRoot(config), {
    name: SERVICE_NAME,
    description: CANDIDATE_DESCRIPTION,
    errorStatuses: CANDIDATE_ERROR_STATUSES,
    auth: config.auth,
    limits: config.limits,
    policy: CANDIDATE_POLICY,
    mounted,
  });
  await connectEventConsumer(app, app.get(EventConsumerServer));
  return app;
}
