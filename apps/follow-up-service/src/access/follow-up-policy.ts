import { auditPolicy, type ServicePolicy } from '@jobbspar/platform';
import { SERVICE_NAME } from '../config/env';

/**
 * follow-up-service's access policy: every operation is an analyst's, and only of her own region (the region of
 * the path must be her token's tenant: common/region.ts). Nothing here is a row about a person.
 * assertPolicyCovers refuses to start the service if an operation is missing here.
 */
export const FOLLOW_UP_POLICY: ServicePolicy = {
  // The service's audit log, of her own region: admins only (libs/platform audit/).
  ...auditPolicy(SERVICE_NAME),
  GoalsController_set: { roles: ['analyst'] },
  GoalsController_list: { roles: ['analyst'] },
  GoalsController_record: { roles: ['analyst'] },
  GoalsController_import: { roles: ['analyst'] },
  GoalsController_get: { roles: ['analyst'] },
  GoalsController_export: { roles: ['analyst'] },
  EqualDistributionController_report: { roles: ['analyst'] },
  EqualDistributionController_export: { roles: ['analyst'] },
  OutcomesController_months: { roles: ['analyst'] },
  OutcomesController_report: { roles: ['analyst'] },
  OutcomesController_export: { roles: ['analyst'] },
  WhereToTrainController_get: { roles: ['analyst'] },
  WhereToTrainController_export: { roles: ['analyst'] },
};
