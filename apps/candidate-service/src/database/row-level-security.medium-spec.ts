import { randomUUID } from 'node:crypto';
import {
  actAs,
  asService,
  asTenants,
  IdempotencyRecords,
  identitySettingsSql,
  NoDatabaseIdentity,
  openServiceDatabase,
  OUTBOX_RELAY_RLS,
  RATE_LIMIT_RLS,
  UnsafeServiceRole,
} from '@jobbspar/platform';
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
import { candidateDatabase } from '../../test/candidate-database';
import { SCHEMA, SERVICE_NAME } from '../config/env';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { CANDIDATE_RLS } from './migrations/1764510000000-row-level-security';
import { ERASURE_KEY_RLS } from './migrations/1764590000000-erasure-tags';

/** Tables that hold something about one candidate, and so belong to her tenant. */
const HER_TABLES = [
  'candidates',
  'personal_data',
  'consents',
  'follow_up_attributes',
  'internships',
  'assessments',
  'validations',
  'placements',
  'placement_follow_ups',
];

describe('candidate-service row-level security', () => {
  let db: MediumDatabase;
  let service: DataSource;
  const skane = randomUUID();
  const vastra = randomUUID();

  /** A candidate with a row in every table about her, written as the owner (RLS does not stop a superuser). */
  async function seed(candidateId: string, tenant: string, home: string): Promise<void> {
    const workplaceId = randomUUID();
    const internshipId = randomUUID();
    const assessmentId = randomUUID();
    const placementId = randomUUID();
    await db.query(
      `INSERT INTO candidate.candidates (candidate_id, tenant, revision, home_municipality, available_from, max_commute_minutes,
         interests, close_supervision, language_support, languages, waiting_since)
       VALUES ($1, $2, 1, $3, '2030-01-01', 45, '{}', false, false, '{}', '2029-01-01')`,
      [candidateId, tenant, home],
    );
    await db.query(`INSERT INTO candidate.personal_data (candidate_id, wrapped_data_key, contact) VALUES ($1, '\\x00', '\\x00')`, [
      candidateId,
    ]);
    await db.query(
      `INSERT INTO candidate.consents (candidate_id, purpose, given, changed_at, changed_by) VALUES ($1, 'matching', true, now(), 'coordinator:x')`,
      [candidateId],
    );
    await db.query(`INSERT INTO candidate.follow_up_attributes (candidate_id, gender, born_abroad) VALUES ($1, 'woman', true)`, [
      candidateId,
    ]);
    await db.query(`INSERT INTO candidate.workplaces (workplace_id, name, municipality_code) VALUES ($1, 'Skolköket', $2)`, [
      workplaceId,
      home,
    ]);
    await db.query(
      `INSERT INTO candidate.internships (internship_id, candidate_id, workplace_id, supervisor_role, start_date, end_date, created_by)
       VALUES ($1, $2, $3, 'kock', '2030-01-01', '2030-02-01', 'coordinator:x')`,
      [internshipId, candidateId, workplaceId],
    );
    await db.query(
      `INSERT INTO candidate.assessments (assessment_id, internship_id, candidate_id, task_id, level, assessed_on, assessed_by)
       VALUES ($1, $2, $3, 't-1', 2, '2030-01-15', 'supervisor:x')`,
      [assessmentId, internshipId, candidateId],
    );
    await db.query(
      `INSERT INTO candidate.validations (validation_id, assessment_id, candidate_id, task_id, level, assessed_on, workplace_id, certified_at, certified_by)
       VALUES ($1, $2, $3, 't-1', 2, '2030-01-15', $4, now(), 'coordinator:x')`,
      [randomUUID(), assessmentId, candidateId, workplaceId],
    );
    await db.query(
      `INSERT INTO candidate.placements (placement_id, candidate_id, need_id, employer_id, placement_type, start_date)
       VALUES ($1, $2, $3, $4, 'internship', '2030-03-01')`,
      [placementId, candidateId, randomUUID(), randomUUID()],
    );
    await db.query(
      `INSERT INTO candidate.placement_follow_ups (placement_id, candidate_id, checkpoint_days, status, recorded_on)
       VALUES ($1, $2, 30, 'in-work', '2030-04-01')`,
      [placementId, candidateId],
    );
    await db.query(
      `INSERT INTO candidate.outbox (event_id, topic, message_key, event_type, envelope) VALUES ($1, 'candidate.candidates', $2, 'X', $3)`,
      [randomUUID(), candidateId, JSON.stringify({ tenant, aggregateId: candidateId })],
    );
    await db.query(
      `INSERT INTO candidate.audit_log (occurred_at, tenant, subject, actor, roles, organisation, operation, method, route, object_id,
         status, outcome, correlation_id)
       VALUES (now(), $1, 'u-1', 'coordinator:u-1', '{coordinator}', 'municipality:1496', 'CandidatesController_get', 'GET',
         '/candidates/:id', $2, 200, 'success', 'c-1')`,
      [tenant, candidateId],
    );
  }

  /** Rows of a table that are about this candidate (or carry her tenant), seen by whoever runs the query. */
  const countAbout = async (ds: DataSource, table: string, candidateId: string): Promise<number> => {
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM candidate.${table} WHERE candidate_id = $1`, [candidateId]);
    return n;
  };

  beforeAll(async () => {
    db = await candidateDatabase();
    service = await serviceRoleDataSource(db, { schema: SCHEMA, migrations: MIGRATIONS, entities: ENTITIES, service: SERVICE_NAME });
    await seed(skane, 'se-12', '1283');
    await seed(vastra, 'se-14', '1496');
  });

  afterAll(async () => {
    await service?.destroy();
    await db?.close();
  });

  it('forces row-level security on every table and connects as a role that owns none, cannot bypass it and may do only what it needs', async () => {
    expect(await rowLevelSecurityFindings(db, service, SCHEMA, SERVICE_NAME)).toEqual(
      securedSchema('jobbspar_candidate', Object.keys({ ...CANDIDATE_RLS, ...ERASURE_KEY_RLS, ...RATE_LIMIT_RLS, ...OUTBOX_RELAY_RLS })),
    );
  });

  it('lets a person append events only in her own name and reach only her own Idempotency-Key answers, whatever the query', async () => {
    expect(await callerBoundFindings(service, SCHEMA, SERVICE_NAME)).toEqual(CALLER_BOUND);
  });

  it("shows a caller of tenant A none of tenant B's rows in any table, with no tenant filter in the query", async () => {
    await asTenants(['se-12'], async () => {
      for (const table of HER_TABLES) {
        expect({ table, skane: await countAbout(service, table, skane) }).toEqual({ table, skane: 1 });
        expect({ table, vastra: await countAbout(service, table, vastra) }).toEqual({ table, vastra: 0 });
      }
      // A query with no WHERE at all: a handler that forgot its filter.
      const all: { tenant: string }[] = await service.query(`SELECT tenant FROM candidate.candidates`);
      expect(all.map((r) => r.tenant)).toEqual(['se-12']);
      const outbox: { tenant: string }[] = await service.query(`SELECT envelope->>'tenant' AS tenant FROM candidate.outbox`);
      expect(outbox.map((r) => r.tenant)).toEqual(['se-12']);
      // The audit log is her region's admins' to read; the inbox and erasure records are not a caller's of the region.
      expect(await service.query(`SELECT tenant FROM candidate.audit_log`)).toEqual([]);
      expect(await service.query(`SELECT event_id FROM candidate.inbox`)).toEqual([]);
      expect(await service.query(`SELECT tag FROM candidate.erasures`)).toEqual([]);
      // The same in a transaction, as handlers run.
      const inTransaction = await service.transaction((em) => em.query(`SELECT candidate_id FROM candidate.personal_data`));
      expect(inTransaction).toEqual([{ candidate_id: skane }]);
    });
  });

  it("lets a caller of tenant A update and delete none of tenant B's rows", async () => {
    await asTenants(['se-12'], async () => {
      const [, updated]: [unknown, number] = await service.query(`UPDATE candidate.candidates SET max_commute_minutes = 99`);
      expect(updated).toBe(1);
      const [, deleted]: [unknown, number] = await service.query(`DELETE FROM candidate.consents WHERE purpose = 'matching'`);
      expect(deleted).toBe(1);
    });
    const [b] = await db.query(
      `SELECT max_commute_minutes, (SELECT count(*)::int FROM candidate.consents WHERE candidate_id = $1) AS consents
         FROM candidate.candidates WHERE candidate_id = $1`,
      [vastra],
    );
    expect(b).toEqual({ max_commute_minutes: 45, consents: 1 });
  });

  it("refuses to write a row into tenant B or under tenant B's candidate", async () => {
    await asTenants(['se-12'], async () => {
      const intoB = await rejectionOf(
        service.query(
          `INSERT INTO candidate.candidates (candidate_id, tenant, revision, home_municipality, available_from, max_commute_minutes,
             interests, close_supervision, language_support, languages, waiting_since)
           VALUES ($1, 'se-14', 1, '1496', '2030-01-01', 45, '{}', false, false, '{}', '2029-01-01')`,
          [randomUUID()],
        ),
      );
      expect(intoB.message).toMatch(/row-level security/);
      const underB = await rejectionOf(
        service.query(
          `INSERT INTO candidate.consents (candidate_id, purpose, given, changed_at, changed_by) VALUES ($1, 'contact', true, now(), 'x')`,
          [vastra],
        ),
      );
      expect(underB.message).toMatch(/row-level security/);
      // Moving her own candidate into tenant B is writing into B too.
      const moved = await rejectionOf(service.query(`UPDATE candidate.candidates SET tenant = 'se-14' WHERE candidate_id = $1`, [skane]));
      expect(moved.message).toMatch(/row-level security/);
      // The read models of employer-service's data are the consumers' to write.
      const workplace = await rejectionOf(
        service.query(`INSERT INTO candidate.workplaces (workplace_id, name, municipality_code) VALUES ($1, 'x', '1283')`, [randomUUID()]),
      );
      expect(workplace.message).toMatch(/row-level security/);
    });
  });

  it('refuses any query that runs with no identity, rather than running it', async () => {
    const error = await rejectionOf(service.query(`SELECT count(*) FROM candidate.candidates`));
    expect(error).toBeInstanceOf(NoDatabaseIdentity);
    const inTransaction = await rejectionOf(service.transaction((em) => em.query(`SELECT 1`)));
    expect(inTransaction).toBeInstanceOf(NoDatabaseIdentity);
  });

  it('sets the identity per transaction: a pooled connection carries none into the next one', async () => {
    // The pool has two connections; run enough transactions to reuse each, alternating tenants.
    for (let i = 0; i < 6; i++) {
      const tenant = i % 2 === 0 ? 'se-12' : 'se-14';
      const seen = await asTenants([tenant], () => service.query(`SELECT DISTINCT tenant FROM candidate.candidates`));
      expect(seen).toEqual([{ tenant }]);
    }
    // Outside a transaction of ours the setting is gone: a connection taken straight from the pool sees it empty.
    const runner = service.createQueryRunner();
    try {
      await asService(SERVICE_NAME, () => runner.connect());
      const raw = (runner as unknown as { databaseConnection: { query(sql: string): Promise<{ rows: { t: string | null }[] }> } })
        .databaseConnection;
      const { rows } = await raw.query(`SELECT current_setting('jobbspar.tenants', true) AS t`);
      expect(rows[0].t ?? '').toBe('');
    } finally {
      await runner.release();
    }
  });

  it('lets the service itself, and only its own name, see every row', async () => {
    const ofService = await asService(SERVICE_NAME, () => service.query(`SELECT tenant FROM candidate.candidates ORDER BY tenant`));
    expect(ofService.map((r: { tenant: string }) => r.tenant)).toEqual(['se-12', 'se-14']);
    const ofAnother = await asService('matching-service', () => service.query(`SELECT tenant FROM candidate.candidates`));
    expect(ofAnother).toEqual([]);
  });

  it("erases a candidate's id from every caller's recorded answers, not only from those of the coordinator who erases her", async () => {
    const named = randomUUID();
    const registrar = { tenants: ['se-12'], roles: ['coordinator'], organisation: 'municipality:1283', municipalities: ['1283'] };
    await actAs({ ...registrar, actor: 'coordinator:u-registrar' }, () =>
      service.query(
        `INSERT INTO candidate.idempotency_keys (actor, key, fingerprint, completed_at, response_status, response_body)
         VALUES ('coordinator:u-registrar', 'k-erasure', 'f', now(), 201, $1)`,
        [JSON.stringify({ candidateId: named })],
      ),
    );
    const forgotten = await actAs({ ...registrar, actor: 'coordinator:u-eraser' }, () =>
      service.transaction((em) => new IdempotencyRecords(SCHEMA, SERVICE_NAME).forgetResultsNaming(em, named)),
    );
    expect(forgotten).toBe(1);
    const [row] = await asService(SERVICE_NAME, () =>
      service.query(`SELECT response_status, response_body::text AS body FROM candidate.idempotency_keys WHERE key = 'k-erasure'`),
    );
    expect(row.response_status).toBe(404);
    expect(row.body).not.toContain(named);
  });

  it('sets only literals it has checked', () => {
    expect(identitySettingsSql({ tenants: ['se-12', 'se-14'] })).toBe(
      "SELECT set_config('jobbspar.tenants', 'se-12,se-14', true), set_config('jobbspar.service', '', true), " +
        "set_config('jobbspar.roles', '', true), set_config('jobbspar.organisation', '', true), set_config('jobbspar.municipalities', '', true), " +
        "set_config('jobbspar.actor', '', true)",
    );
    expect(() => asTenants(["se-12', true); DROP TABLE x; --"], () => undefined)).toThrow(/not a tenant/);
    expect(() => asService('Robert"); --', () => undefined)).toThrow(/not a service name/);
    expect(() => actAs({ tenants: ['se-12'], actor: "coordinator:u-1', true); --" }, () => undefined)).toThrow(/not an actor/);
  });

  it("connects as the operator's own role from DATABASE_SERVICE_URL, granted on start, and refuses one that could bypass RLS", async () => {
    const name = `svc_${randomUUID().slice(0, 8)}`;
    await db.query(`CREATE ROLE ${name} LOGIN PASSWORD 'pw-${name}'`);
    const serviceUrl = new URL(db.url);
    serviceUrl.username = name;
    serviceUrl.password = `pw-${name}`;
    const open = () =>
      openServiceDatabase({
        url: db.url,
        schema: SCHEMA,
        migrations: MIGRATIONS,
        entities: ENTITIES,
        poolSize: 1,
        rowLevelSecurity: { service: SERVICE_NAME, serviceUrl: serviceUrl.toString() },
      });
    const own = await open();
    try {
      const seen = await asTenants(['se-14'], () => own.query(`SELECT current_user AS name, tenant FROM candidate.candidates`));
      expect(seen).toEqual([{ name, tenant: 'se-14' }]);
    } finally {
      await own.destroy();
    }
    await db.query(`ALTER ROLE ${name} BYPASSRLS`);
    const refused = await rejectionOf(open());
    expect(refused).toBeInstanceOf(UnsafeServiceRole);
    expect(refused.message).toMatch(new RegExp(`"${name}" has BYPASSRLS`));
  });
});
