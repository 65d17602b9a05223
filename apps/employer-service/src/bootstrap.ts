import { INestApplication } from '@nestjs/common';
import { connectEventConsumer, EventConsumerServer } from '@jobbspar/messaging';
import { createServiceApp } from '@jobbspar/platform';
import { EmployerAppModule } from './app.module';
import { EmployerConfig, SERVICE_NAME } from './config/env';
import { EMPLOYER_ERROR_STATUSES } from './employer.errors';
import { EMPLOYER_POLICY } from './access/employer-policy';

export const EMPLOYER_DESCRIPTION = 'Employers, roles and competence needs';

/** Builds and starts employer-service (HTTP routes and its event consumer), without listening on a port. */
export async function createEmployerApp(config: EmployerConfig, mounted = false): Promise<INestApplication> {
  const app = await createServiceApp(EmployerAppModule.forRoot(config), {
    name: SERVICE_NAME,
    description: EMPLOYER_DESCRIPTION,
    errorStatuses: EMPLOYER_ERROR_STATUSES,
    auth: config.auth,
    limits: config.limits,
    policy: EMPLOYER_POLICY,
    mounted,
  });
  await connectEventConsumer(app, app.get(EventConsumerServer));
  return app;
}
