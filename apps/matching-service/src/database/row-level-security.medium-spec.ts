import { randomUUID } from 'node:crypto';
import {
  actAs,
  asService,
  asServiceWithin,
  type DatabaseIdentity,
  NoDatabaseIdentity,
  OUTBOX_RELAY_RLS,
  RATE_LIMIT_RLS,
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
import { matchingDatabase } from '../../test/matching-database';
import { SCHEMA, SERVICE_NAME } from '../config/env';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { matchingRls } from './migrations/1764570000000-row-level-security';
import { ERASURE_RLS } from './migrations/1764590000000-erasure-tags';

/** Callers as their verified tokens make them (libs/platform identityOfPrincipal). */
const people = {
  // Staff of a private employer in Helsingborg (Skåne).
  employer: { tenants: ['se-12'], roles: ['employer'], organisation: 'employer:556000-0012', municipalities: [] },
  // Skövde kommun's HR: the municipality is itself the employer of the other need.
  hr: { tenants: ['se-14'], roles: ['municipal-hr'], organisation: 'municipality:1496', municipalities: ['1496'] },
  // A coordinator of Familjen Helsingborg: her area holds Helsingborg (1283), not Skövde.
  coordinator: {
    tenants: ['se-12'],
    roles: ['coordinator'],
    organisation: 'cooperation:familjen-helsingborg',
    municipalities: ['1283', '1282'],
    actor: 'coordinator:u-3',
  },
  analyst: { tenants: ['se-12'], roles: ['analyst'], organisation: 'region:12', municipalities: ['1283', '1282'] },
  admin: { tenants: ['se-12'], roles: ['admin'], organisation: 'region:12', municipalities: ['1283', '1282'] },
  // The same organisation number as the employer's, but a municipality's HR token: not the employer's staff.
  otherStaff: { tenants: ['se-12'], roles: ['municipal-hr'], organisation: 'employer:556000-0012', municipalities: ['1283'] },
} satisfies Record<string, DatabaseIdentity>;

type Person = keyof typeof people;

describe('matching-service row-level security', () => {
  let db: MediumDatabase;
  let service: DataSource;
  // Side a: a private employer's need in Helsingborg, a candidate living there. Side b: Skövde kommun's own need,
  // a candidate living in Skövde.
  const a = { employer: randomUUID(), need: randomUUID(), candidate: randomUUID(), proposal: randomUUID(), placement: randomUUID() };
  const b = { employer: randomUUID(), need: randomUUID(), candidate: randomUUID(), proposal: randomUUID(), placement: randomUUID() };

  const as = <T>(who: Person, work: () => Promise<T>): Promise<T> => actAs(people[who], work);
  const ids = async (who: Person, sql: string): Promise<string[]> =>
    (await as(who, () => service.query(sql))).map((r: { id: string }) => r.id).sort();
  const affected = async (who: Person, sql: string, parameters?: unknown[]): Promise<number> =>
    ((await as(who, () => service.query(sql, parameters))) as [unknown, number])[1];

  async function seed(side: typeof a, organisationNumber: string, municipality: string, isMunicipality: boolean): Promise<void> {
    const tenant = municipality === '1283' ? 'se-12' : 'se-14';
    await db.query(
      `INSERT INTO matching.employers (employer_id, organisation_number, name, municipality_code, is_municipality) VALUES ($1, $2, 'Köket', $3, $4)`,
      [side.employer, organisationNumber, municipality, isMunicipality],
    );
    await db.query(
      `INSERT INTO matching.needs (need_id, revision, status, snapshot, tenant, positions_left, workplace_municipality)
       VALUES ($1, 1, 'open', $2, $3, 1, $4)`,
      [side.need, JSON.stringify({ employerId: side.employer }), tenant, municipality],
    );
    await db.query(`INSERT INTO matching.candidates (candidate_id, revision, profile, matching_consent) VALUES ($1, 1, $2, true)`, [
      side.candidate,
      JSON.stringify({ homeMunicipality: municipality }),
    ]);
    await db.query(
      `INSERT INTO matching.match_edges (candidate_id, need_id, score, weights_version, scored_on) VALUES ($1, $2, 50, 'default-v1', '2026-01-15')`,
      [side.candidate, side.need],
    );
    await db.query(
      `INSERT INTO matching.proposals (proposal_id, need_id, candidate_id, status, score, explanation, weights_version, tenant, municipality, occupations)
       VALUES ($1, $2, $3, 'accepted', 50, '{}', 'default-v1', $4, $5, '{5120}')`,
      [side.proposal, side.need, side.candidate, tenant, municipality],
    );
    await db.query(
      `INSERT INTO matching.placements (placement_id, proposal_id, need_id, candidate_id, employer_id, placement_type, tenant, start_date, support, status)
       VALUES ($1, $2, $3, $4, $5, 'internship', $6, '2030-03-01', '{}', 'started')`,
      [side.placement, side.proposal, side.need, side.candidate, side.employer, tenant],
    );
    await db.query(
      `INSERT INTO matching.follow_ups (placement_id, checkpoint_days, status, recorded_on, recorded_by) VALUES ($1, 30, 'employed', '2030-04-01', 'x')`,
      [side.placement],
    );
    await db.query(`INSERT INTO matching.weights (version, region, seq, weights, created_by) VALUES ($1, $2, 1, '{}', 'admin:x')`, [
      `${tenant}-v1`,
      tenant,
    ]);
  }

  beforeAll(async () => {
    db = await matchingDatabase();
    service = await serviceRoleDataSource(db, { schema: SCHEMA, migrations: MIGRATIONS, entities: ENTITIES, service: SERVICE_NAME });
    await seed(a, '556000-0012', '1283', false);
    await seed(b, '212000-1496', '1496', true);
  });

  afterAll(async () => {
    await service?.destroy();
    await db?.close();
  });

  it('forces row-level security on every table and connects as a role that owns none and cannot bypass it', async () => {
    expect(await rowLevelSecurityFindings(db, service, SCHEMA, SERVICE_NAME)).toEqual(
      securedSchema('jobbspar_matching', [
        ...Object.keys(matchingRls(SCHEMA)),
        ...Object.keys(ERASURE_RLS),
        ...Object.keys(RATE_LIMIT_RLS),
        ...Object.keys(OUTBOX_RELAY_RLS),
      ]),
    );
  });

  it('lets a person append events only in her own name and reach only her own Idempotency-Key answers, whatever the query', async () => {
    expect(await callerBoundFindings(service, SCHEMA, SERVICE_NAME)).toEqual(CALLER_BOUND);
  });

  it("shows the need's employer side only its own needs' proposals, placements and follow-ups, with no filter in the query", async () => {
    expect(await ids('employer', `SELECT proposal_id AS id FROM matching.proposals`)).toEqual([a.proposal]);
    expect(await ids('employer', `SELECT placement_id AS id FROM matching.placements`)).toEqual([a.placement]);
    expect(await ids('employer', `SELECT placement_id AS id FROM matching.follow_ups`)).toEqual([a.placement]);
    // The HR of Skövde kommun speaks for the municipality as employer, not for the private employer.
    expect(await ids('hr', `SELECT proposal_id AS id FROM matching.proposals`)).toEqual([b.proposal]);
    expect(await ids('hr', `SELECT placement_id AS id FROM matching.placements`)).toEqual([b.placement]);
    // The organisation number alone is not enough: the employer's staff are her role employer.
    expect(await ids('otherStaff', `SELECT proposal_id AS id FROM matching.proposals`)).toEqual([]);
  });

  it("shows a coordinator every proposal (she reviews them wherever the need is) but only her area's residents' placements", async () => {
    expect(await ids('coordinator', `SELECT proposal_id AS id FROM matching.proposals`)).toEqual([a.proposal, b.proposal].sort());
    expect(await ids('coordinator', `SELECT placement_id AS id FROM matching.placements`)).toEqual([a.placement]);
    expect(await ids('coordinator', `SELECT placement_id AS id FROM matching.follow_ups`)).toEqual([a.placement]);
  });

  it("shows an analyst and an admin no proposal, placement or follow-up (matching's policy gives them none)", async () => {
    for (const who of ['analyst', 'admin'] as const) {
      expect(await ids(who, `SELECT proposal_id AS id FROM matching.proposals`)).toEqual([]);
      expect(await ids(who, `SELECT placement_id AS id FROM matching.placements`)).toEqual([]);
      expect(await ids(who, `SELECT placement_id AS id FROM matching.follow_ups`)).toEqual([]);
    }
  });

  it("lets no one change another side's proposals, placements or follow-ups, however wide the statement", async () => {
    expect(await affected('employer', `UPDATE matching.proposals SET version = version + 1`)).toBe(1);
    expect(await affected('hr', `UPDATE matching.placements SET version = version + 1`)).toBe(1);
    expect(await affected('coordinator', `UPDATE matching.placements SET version = version + 1`)).toBe(1);
    expect(await affected('analyst', `UPDATE matching.proposals SET version = version + 1`)).toBe(0);
    expect(await affected('employer', `DELETE FROM matching.follow_ups`)).toBe(1);
    const [versions] = await db.query<{ proposal: number; placement: number; followUps: number }>(
      `SELECT (SELECT version FROM matching.proposals WHERE proposal_id = $1) AS proposal,
              (SELECT version FROM matching.placements WHERE placement_id = $2) AS placement,
              (SELECT count(*)::int FROM matching.follow_ups WHERE placement_id = $2) AS "followUps"`,
      [b.proposal, b.placement],
    );
    // b's proposal untouched by the employer; b's placement once by its HR, not by a's coordinator.
    expect(versions).toEqual({ proposal: 1, placement: 2, followUps: 1 });
  });

  it("refuses to start a placement for another employer or record a follow-up of another area's resident", async () => {
    const placement = await rejectionOf(
      as('employer', () =>
        service.query(
          `INSERT INTO matching.placements (placement_id, proposal_id, need_id, candidate_id, employer_id, placement_type, tenant, start_date, support, status)
           VALUES ($1, $2, $3, $4, $5, 'internship', 'se-14', '2030-03-01', '{}', 'started')`,
          [randomUUID(), randomUUID(), b.need, b.candidate, b.employer],
        ),
      ),
    );
    expect(placement.message).toMatch(/row-level security/);
    const followUp = await rejectionOf(
      as('coordinator', () =>
        service.query(
          `INSERT INTO matching.follow_ups (placement_id, checkpoint_days, status, recorded_on, recorded_by) VALUES ($1, 90, 'employed', '2030-06-01', 'x')`,
          [b.placement],
        ),
      ),
    );
    expect(followUp.message).toMatch(/row-level security/);
  });

  it("lets anyone identified read the engine's read models, edges and weights, and only the service write them", async () => {
    expect(await ids('analyst', `SELECT candidate_id AS id FROM matching.match_edges`)).toEqual([a.candidate, b.candidate].sort());
    expect(await ids('employer', `SELECT candidate_id AS id FROM matching.candidates`)).toEqual([a.candidate, b.candidate].sort());
    expect(await ids('employer', `SELECT region AS id FROM matching.weights`)).toEqual(['se-12', 'se-14']);
    expect(await affected('coordinator', `UPDATE matching.candidates SET matching_consent = false`)).toBe(0);
    expect(await affected('coordinator', `DELETE FROM matching.match_edges`)).toBe(0);
    const edge = await rejectionOf(
      as('coordinator', () =>
        service.query(
          `INSERT INTO matching.match_edges (candidate_id, need_id, score, weights_version, scored_on) VALUES ($1, $2, 99, 'x', '2026-01-15')`,
          [a.candidate, b.need],
        ),
      ),
    );
    expect(edge.message).toMatch(/row-level security/);
    // The solver's turn is the service's alone.
    expect(await as('coordinator', () => service.query(`SELECT id FROM matching.solver_turn`))).toEqual([]);
    expect(await asService(SERVICE_NAME, () => service.query(`SELECT id FROM matching.solver_turn`))).toEqual([{ id: 1 }]);
  });

  it("lets a region's admin store its weights, and no one else's region or role", async () => {
    const insert = (version: string, region: string) =>
      service.query(`INSERT INTO matching.weights (version, region, seq, weights, created_by) VALUES ($1, $2, 2, '{}', 'admin:x')`, [
        version,
        region,
      ]);
    await as('admin', () => insert('se-12-v2', 'se-12'));
    expect((await rejectionOf(as('admin', () => insert('se-14-v2', 'se-14')))).message).toMatch(/row-level security/);
    expect((await rejectionOf(as('coordinator', () => insert('se-12-v3', 'se-12')))).message).toMatch(/row-level security/);
  });

  it('keeps the outbox, inbox and audit log to what a person needs: append events, read her tenant, nothing more', async () => {
    await db.query(
      `INSERT INTO matching.outbox (event_id, topic, message_key, event_type, envelope) VALUES ($1, 'matching.proposals', $2, 'X', '{"tenant":"se-12"}')`,
      [randomUUID(), a.proposal],
    );
    await db.query(`INSERT INTO matching.inbox (consumer, event_id, event_type, aggregate_id) VALUES ('matching-service', $1, 'X', $2)`, [
      randomUUID(),
      a.candidate,
    ]);
    // A coordinator's acceptance of a proposal for a need in another region appends that region's event.
    await as('coordinator', () =>
      service.query(
        `INSERT INTO matching.outbox (event_id, topic, message_key, event_type, envelope) VALUES ($1, 'matching.proposals', $2, 'X', '{"tenant":"se-14","actor":"coordinator:u-3"}')`,
        [randomUUID(), b.proposal],
      ),
    );
    expect(await affected('coordinator', `UPDATE matching.outbox SET published_at = now()`)).toBe(0);
    expect(await as('coordinator', () => service.query(`SELECT envelope->>'tenant' AS tenant FROM matching.outbox`))).toEqual([
      { tenant: 'se-12' },
    ]);
    expect(await as('coordinator', () => service.query(`SELECT event_id FROM matching.inbox`))).toEqual([]);
    expect(await affected('coordinator', `DELETE FROM matching.inbox`)).toBe(0);
    // The relay marks what it published; the consumers read their record.
    expect(await asService(SERVICE_NAME, () => service.query(`UPDATE matching.outbox SET published_at = now()`))).toEqual([[], 2]);
    expect(await asService(SERVICE_NAME, () => service.query(`SELECT count(*)::int AS n FROM matching.inbox`))).toEqual([{ n: 1 }]);
    const audit = await rejectionOf(
      as('admin', () =>
        service.query(
          `INSERT INTO matching.audit_log (occurred_at, tenant, subject, actor, roles, organisation, operation, method, route, object_id,
             status, outcome, correlation_id)
           VALUES (now(), 'se-12', 'u-1', 'admin:u-1', '{admin}', 'region:12', 'X', 'GET', '/x', null, 200, 'success', 'c-1')`,
        ),
      ),
    );
    expect(audit.message).toMatch(/row-level security/);
  });

  it("runs the engine's work as the service inside a person's transaction, and gives the transaction back to her", async () => {
    const counts = await as('employer', () =>
      service.transaction(async (em) => {
        const count = async () => Number((await em.query(`SELECT count(*) AS n FROM matching.proposals`))[0].n);
        const before = await count();
        const engine = await asServiceWithin(em, SERVICE_NAME, count);
        return { before, engine, after: await count() };
      }),
    );
    expect(counts).toEqual({ before: 1, engine: 2, after: 1 });
  });

  it('carries the identity into a transaction with an isolation level, and refuses a query with none', async () => {
    const [row] = await as('employer', () =>
      service.transaction('REPEATABLE READ', (em) =>
        em.query(`SELECT current_setting('transaction_isolation') AS isolation, (SELECT count(*)::int FROM matching.proposals) AS n`),
      ),
    );
    expect(row).toEqual({ isolation: 'repeatable read', n: 1 });
    await expect(service.query(`SELECT proposal_id FROM matching.proposals`)).rejects.toThrow(NoDatabaseIdentity);
  });

  it("gives a proposal its need's employer, whatever its writer says, so the employer side's policy needs no lookup per row", async () => {
    const [named, omitted] = [randomUUID(), randomUUID()];
    const stored = async (id: string) =>
      (await db.query(`SELECT employer_id FROM matching.proposals WHERE proposal_id = $1`, [id]))[0]?.employer_id as string | undefined;
    try {
      await asService(SERVICE_NAME, () =>
        service.query(
          `INSERT INTO matching.proposals (proposal_id, need_id, candidate_id, status, score, explanation, weights_version, tenant, municipality,
             occupations, employer_id)
           VALUES ($1, $2, $3, 'withdrawn', 10, '{}', 'default-v1', 'se-14', '1496', '{5120}', $4),
                  ($5, $6, $7, 'withdrawn', 10, '{}', 'default-v1', 'se-12', '1283', '{5120}', NULL)`,
          [named, b.need, a.candidate, a.employer, omitted, a.need, b.candidate],
        ),
      );
      // Named the private employer on Skövde's need: Skövde's it is; left out: the need's employer all the same.
      expect([await stored(named), await stored(omitted)]).toEqual([b.employer, a.employer]);
      expect(await ids('employer', `SELECT proposal_id AS id FROM matching.proposals`)).toEqual([a.proposal, omitted].sort());
      expect(await ids('hr', `SELECT proposal_id AS id FROM matching.proposals`)).toEqual([b.proposal, named].sort());
      // Nor can an update move a proposal to another employer's side.
      await asService(SERVICE_NAME, () =>
        service.query(`UPDATE matching.proposals SET employer_id = $2 WHERE proposal_id = $1`, [named, a.employer]),
      );
      expect(await stored(named)).toBe(b.employer);
    } finally {
      await asService(SERVICE_NAME, () => service.query(`DELETE FROM matching.proposals WHERE proposal_id = ANY($1)`, [[named, omitted]]));
    }
  });

  it('decides the employer side and the area once per statement, not with a lookup per row', async () => {
    const plan = async (who: Person, sql: string): Promise<string> =>
      (await as(who, () => service.transaction((em) => em.query(`EXPLAIN (COSTS OFF) ${sql}`))))
        .map((r: Record<string, string>) => r['QUERY PLAN'])
        .join('\n');
    // A correlated subquery is a SubPlan run per row; once per statement are InitPlans and hashed SubPlans.
    const perRow = (text: string) =>
      [...text.matchAll(/^\s*SubPlan (\d+)$/gm)].map((m) => m[1]).filter((n) => !text.includes(`hashed SubPlan ${n})`));
    for (const who of ['employer', 'hr', 'coordinator'] as const) {
      for (const table of ['proposals', 'placements']) {
        const text = await plan(who, `SELECT * FROM matching.${table}`);
        // Nor does a proposal's side go through the needs read model, which no index serves under its own policy, nor
        // a placement's area through the candidates read model (a second pass over her area's residents: 1764730000000).
        expect({ who, table, perRow: perRow(text), needs: /on needs/.test(text), candidates: /on candidates/.test(text) }).toEqual({
          who,
          table,
          perRow: [],
          needs: false,
          candidates: false,
        });
      }
    }
  });
});
