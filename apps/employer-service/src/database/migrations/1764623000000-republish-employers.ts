import { EmployerRegisteredV1 } from '@jobbspar/contracts';
import { Outbox } from '@jobbspar/messaging';
import { SERVICE_SETTING } from '@jobbspar/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantOfCounty } from '../../common/tenant';
import { SCHEMA, SERVICE_NAME } from '../../config/env';

/** The correlation id the republished events carry, so that anyone reading the topic can tell them apart. */
export const REPUBLISH_CORRELATION = 'republish-employers-1764623000000';

/**
 * The backfill of candidate-service's workplaces: a workplace recorded before its read model kept the employer's
 * organisation number (candidate-service 1764540000000) had none, so it was no supervisor's, until employer-service's
 * events were replayed. Every registered employer's EmployerRegistered is published once more, through the outbox
 * as any event (no service reads another's tables): candidate-service's workplace projection and matching's
 * employers read model apply it as the upsert they are (a new event id, the same registration), and a consumer
 * that had it already changes nothing. On a new database there is no employer, and nothing to publish.
 */
export class RepublishEmployers1764623000000 implements MigrationInterface {
  name = 'RepublishEmployers1764623000000';

  async up(q: QueryRunner): Promise<void> {
    // As the service: an owner that is no superuser is under the forced policies of the employers and the outbox.
    await q.query(`SELECT set_config('${SERVICE_SETTING}', '${SERVICE_NAME}', true)`);
    const employers: {
      id: string;
      organisation_number: string;
      name: string;
      sector: 'public' | 'private';
      municipality_code: string;
      county_code: string;
      is_municipality: boolean;
    }[] = await q.query(
      `SELECT id, organisation_number, name, sector, municipality_code, county_code, is_municipality
         FROM "${SCHEMA}".employers ORDER BY registered_at, id`,
    );
    await new Outbox(SERVICE_NAME, SCHEMA).appendMany(
      q.manager,
      employers.map((e) => ({
        contract: EmployerRegisteredV1,
        payload: {
          employerId: e.id,
          organisationNumber: e.organisation_number,
          name: e.name,
          sector: e.sector,
          municipalityCode: e.municipality_code,
          isMunicipality: e.is_municipality,
        },
        ctx: {
          tenant: tenantOfCounty(e.county_code),
          aggregateId: e.id,
          aggregateVersion: 1,
          actor: `system:${SERVICE_NAME}`,
          correlationId: REPUBLISH_CORRELATION,
        },
      })),
    );
    await q.query(`SELECT set_config('${SERVICE_SETTING}', '', true)`);
  }

  async down(): Promise<void> {
    // Published events are not taken back.
  }
}
