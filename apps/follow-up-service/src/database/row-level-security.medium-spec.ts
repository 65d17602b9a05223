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
import { followUpDatabase } from '../../test/follow-up-database';
import { SCHEMA, SERVICE_NAME } from '../config/env';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { FOLLOW_UP_RLS } from './migrations/1764510000000-row-level-security';
import { ERASURE_KEY_RLS } from './migrations/1764590000000-erasure-tags';

/** Every table holding a region's rows, and how to count the rows of a region in it. */
const BY_REGION: Record<string, string> = {
  goals: `SELECT count(*)::int AS n FROM follow_up.goals WHERE region = $1`,
  goal_figures: `SELECT count(*)::int AS n FROM follow_up.goal_figures f JOIN follow_up.goals g ON g.id = f.goal_id WHERE g.region = $1`,
  persons: `SELECT count(*)::int AS n FROM follow_up.persons WHERE region = $1`,
  consents: `SELECT count(*)::int AS n FROM follow_up.consents c WHERE c.candidate_id IN (SELECT candidate_id FROM follow_up.persons WHERE region = $1)`,
  first_dates: `SELECT count(*)::int AS n FROM follow_up.first_dates c WHERE c.candidate_id IN (SELECT candidate_id FROM follow_up.persons WHERE region = $1)`,
  task_levels: `SELECT count(*)::int AS n FROM follow_up.task_levels c WHERE c.candidate_id IN (SELECT candidate_id FROM follow_up.persons WHERE region = $1)`,
  checkpoints: `SELECT count(*)::int AS n FROM follow_up.checkpoints c WHERE c.candidate_id IN (SELECT candidate_id FROM follow_up.persons WHERE region = $1)`,
  placements: `SELECT count(*)::int AS n FROM follow_up.placements WHERE region = $1`,
  needs: `SELECT count(*)::int AS n FROM follow_up.needs WHERE region = $1`,
  releases: `SELECT count(*)::int AS n FROM follow_up.releases WHERE region = $1`,
};

describe('follow-up-service row-level security', () => {
  let db: MediumDatabase;
  let service: DataSource;

  async function seed(region: string, municipality: string): Promise<void> {
    const candidateId = randomUUID();
    const goalId = randomUUID();
    const placementId = randomUUID();
    await db.query(
      `INSERT INTO follow_up.goals (id, region, county_code, name, target_group, baseline_month, target_month, reduction_percent, revision,
         created_by, created_at, updated_at)
       VALUES ($1, $2, $3, 'Halvera', 'Utrikes födda kvinnor', '2029-09', '2031-09', 50, 1, 'analyst:x', now(), now())`,
      [goalId, region, region.slice(3)],
    );
    await db.query(`INSERT INTO follow_up.goal_figures (goal_id, municipality, month, value) VALUES ($1, $2, '2029-09', 120)`, [
      goalId,
      municipality,
    ]);
    await db.query(
      `INSERT INTO follow_up.persons (candidate_id, region, municipality, revision, registered_on, max_commute_minutes, available_from)
       VALUES ($1, $2, $3, 1, '2029-01-01', 45, '2029-02-01')`,
      [candidateId, region, municipality],
    );
    await db.query(`INSERT INTO follow_up.consents (candidate_id, revision, given) VALUES ($1, 1, true)`, [candidateId]);
    await db.query(`INSERT INTO follow_up.first_dates (candidate_id, stage, day) VALUES ($1, 'task', '2029-03-01')`, [candidateId]);
    await db.query(`INSERT INTO follow_up.task_levels (candidate_id, task_id, level) VALUES ($1, 't-1', 2)`, [candidateId]);
    await db.query(
      `INSERT INTO follow_up.placements (placement_id, candidate_id, region, placement_type, start_date, supervisor, language_support, study_counselling)
       VALUES ($1, $2, $3, 'internship', '2029-04-01', true, false, false)`,
      [placementId, candidateId, region],
    );
    await db.query(
      `INSERT INTO follow_up.checkpoints (placement_id, candidate_id, checkpoint_days, status, recorded_on) VALUES ($1, $2, 30, 'in-work', '2029-05-01')`,
      [placementId, candidateId],
    );
    await db.query(
      `INSERT INTO follow_up.needs (need_id, region, municipality, revision, status, positions_left, tasks) VALUES ($1, $2, $3, 1, 'open', 1, '[]')`,
      [randomUUID(), region, municipality],
    );
    await db.query(
      `INSERT INTO follow_up.releases (region, month, report, released_at, content) VALUES ($1, '2029-04', 'outcomes', now(), '{}')`,
      [region],
    );
    await db.query(
      `INSERT INTO follow_up.audit_log (occurred_at, tenant, subject, actor, roles, organisation, operation, method, route, object_id,
         status, outcome, correlation_id)
       VALUES (now(), $1, 'u-1', 'analyst:u-1', '{analyst}', 'region:12', 'GoalsController_list', 'GET', '/follow-up/regions/:region/goals', null,
         200, 'success', 'c-1')`,
      [region],
    );
    await db.query(`INSERT INTO follow_up.erasures (tag) VALUES ($1)`, [randomUUID()]);
  }

  beforeAll(async () => {
    db = await followUpDatabase();
    service = await serviceRoleDataSource(db, { schema: SCHEMA, migrations: MIGRATIONS, entities: ENTITIES, service: SERVICE_NAME });
    await seed('se-12', '1283');
    await seed('se-14', '1496');
  });

  afterAll(async () => {
    await service?.destroy();
    await db?.close();
  });

  it('forces row-level security on every table and connects as a role that owns none and cannot bypass it', async () => {
    expect(await rowLevelSecurityFindings(db, service, SCHEMA, SERVICE_NAME)).toEqual(
      securedSchema('jobbspar_follow_up', Object.keys({ ...FOLLOW_UP_RLS, ...ERASURE_KEY_RLS, ...RATE_LIMIT_RLS, ...OUTBOX_RELAY_RLS })),
    );
  });

  it('lets a person append events only in her own name and reach only her own Idempotency-Key answers, whatever the query', async () => {
    expect(await callerBoundFindings(service, SCHEMA, SERVICE_NAME)).toEqual(CALLER_BOUND);
  });

  it("shows an analyst of region A none of region B's rows in any table, whatever the query asks for", async () => {
    await asTenants(['se-12'], async () => {
      for (const [table, sql] of Object.entries(BY_REGION)) {
        const [{ n: own }] = await service.query(sql, ['se-12']);
        const [{ n: other }] = await service.query(sql, ['se-14']);
        expect({ table, own, other }).toEqual({ table, own: 1, other: 0 });
      }
      expect(await service.query(`SELECT tag FROM follow_up.erasures`)).toEqual([]);
      expect(await service.query(`SELECT key FROM follow_up.erasure_key`)).toEqual([]);
      // The audit log is her region's admins' to read, not an analyst's.
      expect(await service.query(`SELECT tenant FROM follow_up.audit_log`)).toEqual([]);
    });
    const admin = { tenants: ['se-12'], roles: ['admin'], organisation: 'region:12', municipalities: [] };
    expect(await actAs(admin, () => service.query(`SELECT tenant FROM follow_up.audit_log`))).toEqual([{ tenant: 'se-12' }]);
    // The consumers (the service itself) see both regions.
    const [{ n }] = await asService(SERVICE_NAME, () => service.query(`SELECT count(*)::int AS n FROM follow_up.persons`));
    expect(n).toBe(2);
  });

  it("lets an analyst of region A change none of region B's goals or releases, nor write into B", async () => {
    await asTenants(['se-12'], async () => {
      const [, updated]: [unknown, number] = await service.query(`UPDATE follow_up.goals SET reduction_percent = 10`);
      expect(updated).toBe(1);
      const [, deleted]: [unknown, number] = await service.query(`DELETE FROM follow_up.goal_figures`);
      expect(deleted).toBe(1);
      const refused = await rejectionOf(
        service.query(
          `INSERT INTO follow_up.releases (region, month, report, released_at, content) VALUES ('se-14', '2029-05', 'outcomes', now(), '{}')`,
        ),
      );
      expect(refused.message).toMatch(/row-level security/);
    });
    const [b] = await db.query(
      `SELECT g.reduction_percent, (SELECT count(*)::int FROM follow_up.goal_figures f WHERE f.goal_id = g.id) AS figures
         FROM follow_up.goals g WHERE g.region = 'se-14'`,
    );
    expect(b).toEqual({ reduction_percent: 50, figures: 1 });
  });

  it("lets the consumers record a person's facet before her registration, which no analyst sees until she has one", async () => {
    const early = randomUUID();
    await asService(SERVICE_NAME, () =>
      service.query(
        `INSERT INTO follow_up.checkpoints (placement_id, candidate_id, checkpoint_days, status, recorded_on) VALUES ($1, $2, 30, 'in-work', '2029-05-01')`,
        [randomUUID(), early],
      ),
    );
    const seen = await asTenants(['se-12'], () => service.query(`SELECT 1 FROM follow_up.checkpoints WHERE candidate_id = $1`, [early]));
    expect(seen).toEqual([]);
    const refused = await asTenants(['se-12'], () =>
      rejectionOf(service.query(`INSERT INTO follow_up.consents (candidate_id, revision, given) VALUES ($1, 1, true)`, [randomUUID()])),
    );
    expect(refused.message).toMatch(/row-level security/);
  });
});
