import { randomUUID } from 'node:crypto';
import { actAs, asService, asTenants, OUTBOX_RELAY_RLS, RATE_LIMIT_RLS } from '@jobbspar/platform';
import {
  CALLER_BOUND,
  callerBoundFindings,
  MediumDatabase,
  rejectionOf,
  rowLevelSecurityFindings,
  securedSchema,
  serviceRoleDataSource,
} from '@jobbspar/testing';
import { DataSource } from 'typeorm';
import { employerDatabase } from '../../test/employer-database';
import { SCHEMA, SERVICE_NAME } from '../config/env';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { EMPLOYER_RLS } from './migrations/1764510000000-row-level-security';

const ADMIN = { tenants: ['se-12'], roles: ['admin'], organisation: 'region:12', municipalities: [] };

describe('employer-service row-level security', () => {
  let db: MediumDatabase;
  let service: DataSource;
  const ids = {
    skane: { employer: randomUUID(), role: randomUUID(), need: randomUUID() },
    vastra: { employer: randomUUID(), role: randomUUID(), need: randomUUID() },
  };
  const standardRole = randomUUID();

  async function seed(which: 'skane' | 'vastra', county: string, municipality: string, orgNo: string): Promise<void> {
    const { employer, role, need } = ids[which];
    await db.query(
      `INSERT INTO employer.employers (id, organisation_number, name, sector, municipality_code, county_code, is_municipality, registered_at)
       VALUES ($1, $2, 'Köket AB', 'private', $3, $4, false, now())`,
      [employer, orgNo, municipality, county],
    );
    await db.query(
      `INSERT INTO employer.roles (id, kind, employer_id, tenant, latest_version, created_at, updated_at) VALUES ($1, 'composed', $2, $3, 1, now(), now())`,
      [role, employer, `se-${county}`],
    );
    await db.query(
      `INSERT INTO employer.role_versions (role_id, version, name, occupations, tasks, taxonomy_version, created_at)
       VALUES ($1, 1, 'Kökshjälp', '{5120}', '[{"taskId":"t-1","requiredLevel":1,"weight":"must"}]', 'v1', now())`,
      [role],
    );
    await db.query(
      `INSERT INTO employer.needs (id, employer_id, role_id, role_version, positions, positions_filled, workplace_municipality, county_code,
         start_date, placement_type, supervisor_capacity, pair_internship_allowed, language_support, status, shortage, revision,
         posted_at, created_at, updated_at)
       VALUES ($1, $2, $3, 1, 2, 0, $4, $5, '2030-03-01', 'internship', 1, false, false, 'open', false, 1, now(), now(), now())`,
      [need, employer, role, municipality, county],
    );
    await db.query(
      `INSERT INTO employer.shortage_overrides (county_code, ssyk, shortage, set_by, set_at) VALUES ($1, '5120', true, 'admin:x', now())`,
      [county],
    );
    await db.query(
      `INSERT INTO employer.outbox (event_id, topic, message_key, event_type, envelope) VALUES ($1, 'employer.needs', $2, 'X', $3)`,
      [randomUUID(), need, JSON.stringify({ tenant: `se-${county}` })],
    );
    await db.query(
      `INSERT INTO employer.audit_log (occurred_at, tenant, subject, actor, roles, organisation, operation, method, route, object_id,
         status, outcome, correlation_id)
       VALUES (now(), $1, 'u-1', 'admin:u-1', '{admin}', 'region:12', 'NeedsController_get', 'GET', '/needs/:id', $2, 200, 'success', 'c-1')`,
      [`se-${county}`, need],
    );
  }

  beforeAll(async () => {
    db = await employerDatabase();
    service = await serviceRoleDataSource(db, { schema: SCHEMA, migrations: MIGRATIONS, entities: ENTITIES, service: SERVICE_NAME });
    await seed('skane', '12', '1283', '556000-0012');
    await seed('vastra', '14', '1496', '556000-0014');
    await db.query(
      `INSERT INTO employer.roles (id, kind, ssyk, tenant, latest_version, created_at, updated_at) VALUES ($1, 'standard', '5120', 'se-12', 1, now(), now())`,
      [standardRole],
    );
  });

  afterAll(async () => {
    await service?.destroy();
    await db?.close();
  });

  it('forces row-level security on every table and connects as a role that owns none and cannot bypass it', async () => {
    expect(await rowLevelSecurityFindings(db, service, SCHEMA, SERVICE_NAME)).toEqual(
      securedSchema('jobbspar_employer', Object.keys({ ...EMPLOYER_RLS, ...RATE_LIMIT_RLS, ...OUTBOX_RELAY_RLS })),
    );
  });

  it('lets a person append events only in her own name and reach only her own Idempotency-Key answers, whatever the query', async () => {
    expect(await callerBoundFindings(service, SCHEMA, SERVICE_NAME)).toEqual(CALLER_BOUND);
  });

  it("shows a caller of tenant A none of tenant B's outbox and audit rows, with no filter in the query", async () => {
    await actAs(
      { tenants: ['se-12'], roles: ['employer'], organisation: 'employer:556000-0012', municipalities: [], actor: 'employer:u-1' },
      async () => {
        expect(await service.query(`SELECT envelope->>'tenant' AS tenant FROM employer.outbox`)).toEqual([{ tenant: 'se-12' }]);
        // The audit log is her region's admins' to read, not every caller's of the region.
        expect(await service.query(`SELECT tenant FROM employer.audit_log`)).toEqual([]);
        // An event's tenant is its aggregate's (a need at a workplace in another region): appended, then out of sight.
        await service.query(
          `INSERT INTO employer.outbox (event_id, topic, message_key, event_type, envelope) VALUES ($1, 'employer.needs', 'k', 'X', '{"tenant":"se-25","actor":"employer:u-1"}')`,
          [randomUUID()],
        );
        expect(await service.query(`SELECT envelope->>'tenant' AS tenant FROM employer.outbox ORDER BY id`)).toEqual([{ tenant: 'se-12' }]);
      },
    );
    expect(await actAs(ADMIN, () => service.query(`SELECT tenant FROM employer.audit_log`))).toEqual([{ tenant: 'se-12' }]);
    const relay = await asService(SERVICE_NAME, () =>
      service.query(`SELECT envelope->>'tenant' AS tenant FROM employer.outbox ORDER BY id`),
    );
    expect(relay).toEqual([{ tenant: 'se-12' }, { tenant: 'se-14' }, { tenant: 'se-25' }]);
  });

  it("reads every region's employers, roles and needs (published to every service by design), and nothing unidentified", async () => {
    const [counts] = await asTenants(['se-12'], () =>
      service.query(
        `SELECT (SELECT count(*)::int FROM employer.employers) AS employers, (SELECT count(*)::int FROM employer.needs) AS needs,
                (SELECT count(*)::int FROM employer.roles) AS roles`,
      ),
    );
    expect(counts).toEqual({ employers: 2, needs: 2, roles: 3 });
    // An identity that is neither a tenant nor this service sees nothing at all.
    expect(await asService('matching-service', () => service.query(`SELECT id FROM employer.needs`))).toEqual([]);
  });

  it("lets a caller of tenant A change none of tenant B's employers, needs, roles or overrides, with no filter", async () => {
    await asTenants(['se-12'], async () => {
      for (const statement of [
        `UPDATE employer.employers SET name = 'Ändrat'`,
        `UPDATE employer.needs SET positions_filled = 1`,
        `UPDATE employer.role_versions SET name = 'Ändrat'`,
        `UPDATE employer.shortage_overrides SET shortage = false`,
      ]) {
        const [, affected]: [unknown, number] = await service.query(statement);
        expect({ statement, affected }).toEqual({ statement, affected: 1 });
      }
      const [, deleted]: [unknown, number] = await service.query(`DELETE FROM employer.shortage_overrides`);
      expect(deleted).toBe(1);
    });
    const [b] = await db.query(
      `SELECT e.name, n.positions_filled, v.name AS role_name, (SELECT count(*)::int FROM employer.shortage_overrides WHERE county_code = '14') AS overrides
         FROM employer.employers e JOIN employer.needs n ON n.employer_id = e.id JOIN employer.role_versions v ON v.role_id = n.role_id
        WHERE e.id = $1`,
      [ids.vastra.employer],
    );
    expect(b).toEqual({ name: 'Köket AB', positions_filled: 0, role_name: 'Kökshjälp', overrides: 1 });
  });

  it('refuses to write an employer, need or override into another region, and lets every region refresh a standard role', async () => {
    await asTenants(['se-12'], async () => {
      const employer = await rejectionOf(
        service.query(
          `INSERT INTO employer.employers (id, organisation_number, name, sector, municipality_code, county_code, is_municipality, registered_at)
           VALUES ($1, '556000-9914', 'Annat AB', 'private', '1496', '14', false, now())`,
          [randomUUID()],
        ),
      );
      expect(employer.message).toMatch(/row-level security/);
      const override = await rejectionOf(
        service.query(
          `INSERT INTO employer.shortage_overrides (county_code, ssyk, shortage, set_by, set_at) VALUES ('14', '9412', true, 'x', now())`,
        ),
      );
      expect(override.message).toMatch(/row-level security/);
      // A need of region B's employer at a workplace in region B (one of her own region's employers may post anywhere).
      const need = await rejectionOf(
        service.query(
          `INSERT INTO employer.needs (id, employer_id, role_id, role_version, positions, positions_filled, workplace_municipality, county_code,
             start_date, placement_type, supervisor_capacity, pair_internship_allowed, language_support, status, shortage, revision,
             created_at, updated_at)
           VALUES ($1, $2, $3, 1, 1, 0, '1496', '14', '2030-03-01', 'internship', 1, false, false, 'draft', false, 1, now(), now())`,
          [randomUUID(), ids.vastra.employer, ids.vastra.role],
        ),
      );
      expect(need.message).toMatch(/row-level security/);
    });
    const [, refreshed]: [unknown, number] = await asTenants(['se-14'], () =>
      service.query(`UPDATE employer.roles SET updated_at = now() WHERE id = $1`, [standardRole]),
    );
    expect(refreshed).toBe(1);
  });
});
