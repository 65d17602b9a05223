/**
 * What row-level security costs matching-service's statements (migrations 1764570000000 and 1764620000000: proposals
 * are the coordinators' and the need's employer side's, placements the employer side's and the coordinators' of her
 * home, decided once per statement):
 * the same statement on the same rows, once as the owner on a plain DataSource (a superuser: RLS does not apply, the
 * baseline) and once on the service role's guarded DataSource as the caller it is run for, alternating in every
 * round. The shapes: a page of the review queue (a coordinator), an employer's proposals of her needs (the policy's
 * set of her employers, once per statement), a coordinator's placements of her area (the placement's own copy of her
 * home, 1764730000000), the engine's lookup of a candidate's proposals as the service, and a
 * command's transaction that switches to the service and back (asServiceWithin) around the same lookup.
 *
 *   npm run bench -- rls-matching            (BENCH_REQUESTS=2000 for more)
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { componentLogger, startPostgres } from '@jobbspar/infra';
import {
  actAs,
  asService,
  asServiceWithin,
  type DatabaseIdentity,
  JsonLogger,
  openServiceDatabase,
  serviceDataSourceOptions,
} from '@jobbspar/platform';
import { DataSource } from 'typeorm';
import { SCHEMA, SERVICE_NAME } from '../apps/matching-service/src/config/env';
import { ENTITIES } from '../apps/matching-service/src/database/entities';
import { MIGRATIONS } from '../apps/matching-service/src/database/migrations';
import { reportOwnerVsService, timeMs } from './support/owner-vs-service';

const log = componentLogger('rls-matching-bench');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const EMPLOYERS = 200;
const NEEDS_PER_EMPLOYER = 10;
const PROPOSALS_PER_NEED = 12;
const CANDIDATES = 8000;
const HOMES = ['1283', '1282', '1284', '1290', '1292', '1496', '1493', '1494'];

async function seed(owner: DataSource): Promise<{ employerOrgs: string[]; needsOf: Map<string, string[]>; candidates: string[] }> {
  const employerIds = Array.from({ length: EMPLOYERS }, () => randomUUID());
  const employerOrgs = employerIds.map((_, i) => `556${String(i).padStart(3, '0')}-${String(1000 + i)}`);
  await owner.query(
    `INSERT INTO matching.employers (employer_id, organisation_number, name, municipality_code, is_municipality)
     SELECT u.id, u.org, 'Arbetsgivare', $3, false FROM unnest($1::uuid[], $2::text[]) AS u(id, org)`,
    [employerIds, employerOrgs, '1283'],
  );
  const candidates = Array.from({ length: CANDIDATES }, () => randomUUID());
  await owner.query(
    `INSERT INTO matching.candidates (candidate_id, revision, profile, matching_consent)
     SELECT u.id, 1, jsonb_build_object('homeMunicipality', u.home), true FROM unnest($1::uuid[], $2::text[]) AS u(id, home)`,
    [candidates, candidates.map((_, i) => HOMES[i % HOMES.length])],
  );
  const needsOf = new Map<string, string[]>();
  const needs: { id: string; employer: string }[] = [];
  employerIds.forEach((employer, i) => {
    const ids = Array.from({ length: NEEDS_PER_EMPLOYER }, () => randomUUID());
    needsOf.set(employerOrgs[i], ids);
    for (const id of ids) needs.push({ id, employer });
  });
  await owner.query(
    `INSERT INTO matching.needs (need_id, revision, status, snapshot, tenant, positions_left, workplace_municipality)
     SELECT u.id, 1, 'open', jsonb_build_object('employerId', u.employer), 'se-12', 2, '1283' FROM unnest($1::uuid[], $2::uuid[]) AS u(id, employer)`,
    [needs.map((n) => n.id), needs.map((n) => n.employer)],
  );
  const proposals: { need: string; candidate: string; status: string; score: number }[] = [];
  needs.forEach((need, n) => {
    for (let k = 0; k < PROPOSALS_PER_NEED; k++) {
      proposals.push({
        need: need.id,
        candidate: candidates[(n * PROPOSALS_PER_NEED + k * 7) % CANDIDATES],
        status: k % 5 === 0 ? 'accepted' : k % 7 === 0 ? 'withdrawn' : 'proposed',
        score: (n * 31 + k * 17) % 100,
      });
    }
  });
  await owner.query(
    `INSERT INTO matching.proposals (proposal_id, need_id, candidate_id, status, score, explanation, weights_version, tenant, municipality, occupations)
     SELECT gen_random_uuid(), u.need, u.candidate, u.status, u.score, '{}', 'default-v1', 'se-12', '1283', '{5120}'
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::numeric[]) AS u(need, candidate, status, score)`,
    [proposals.map((p) => p.need), proposals.map((p) => p.candidate), proposals.map((p) => p.status), proposals.map((p) => p.score)],
  );
  // A placement for every accepted proposal.
  await owner.query(
    `INSERT INTO matching.placements (placement_id, proposal_id, need_id, candidate_id, employer_id, placement_type, tenant, start_date, support, status)
     SELECT gen_random_uuid(), p.proposal_id, p.need_id, p.candidate_id, (n.snapshot->>'employerId')::uuid, 'internship', 'se-12',
            DATE '2030-01-01' + (row_number() OVER (ORDER BY p.proposal_id))::int % 300, '{}', 'started'
       FROM matching.proposals p JOIN matching.needs n ON n.need_id = p.need_id WHERE p.status = 'accepted'`,
  );
  await owner.query(`ANALYZE`);
  return { employerOrgs, needsOf, candidates };
}

async function main(): Promise<void> {
  JsonLogger.threshold = 'warn';
  const pg = await startPostgres();
  let owner: DataSource | undefined;
  let service: DataSource | undefined;
  try {
    service = await openServiceDatabase({
      url: pg.url,
      schema: SCHEMA,
      entities: ENTITIES,
      migrations: MIGRATIONS,
      rowLevelSecurity: { service: SERVICE_NAME },
    });
    owner = await new DataSource(
      serviceDataSourceOptions({ url: pg.url, schema: SCHEMA, entities: ENTITIES, migrations: MIGRATIONS }),
    ).initialize();
    const { employerOrgs, needsOf, candidates } = await seed(owner);
    const coordinator: DatabaseIdentity = {
      tenants: ['se-12'],
      roles: ['coordinator'],
      organisation: 'cooperation:familjen-helsingborg',
      municipalities: ['1283', '1282', '1284', '1290', '1292'],
    };
    const employer = (i: number): { identity: DatabaseIdentity; needs: string[] } => {
      const org = employerOrgs[i % employerOrgs.length];
      return {
        identity: { tenants: ['se-12'], roles: ['employer'], organisation: `employer:${org}`, municipalities: [] },
        needs: needsOf.get(org)!,
      };
    };
    const queue = `SELECT proposal_id, score FROM matching.proposals WHERE status = 'proposed' ORDER BY score DESC, proposal_id LIMIT 50 OFFSET $1`;
    const ofNeeds = `SELECT proposal_id, score FROM matching.proposals WHERE need_id = ANY($1) ORDER BY score DESC, proposal_id LIMIT 50`;
    // As the placements repository asks for her area (scopeCondition): the placement's own copy of the home.
    const ofArea = `SELECT placement_id FROM matching.placements WHERE candidate_home = ANY($1) ORDER BY start_date DESC, placement_id LIMIT 50`;
    const ofCandidate = `SELECT proposal_id, status FROM matching.proposals WHERE candidate_id = $1 ORDER BY proposal_id`;
    const [o, s] = [owner, service];
    const shapes: Record<string, { owner: (i: number) => Promise<unknown>; service: (i: number) => Promise<unknown> }> = {
      'review queue page (coordinator)': {
        owner: (i) => o.transaction((em) => em.query(queue, [(i * 50) % 5000])),
        service: (i) => actAs(coordinator, () => s.transaction((em) => em.query(queue, [(i * 50) % 5000]))),
      },
      "an employer's proposals of her needs": {
        owner: (i) => o.transaction((em) => em.query(ofNeeds, [employer(i).needs])),
        service: (i) => actAs(employer(i).identity, () => s.transaction((em) => em.query(ofNeeds, [employer(i).needs]))),
      },
      "a coordinator's placements of her area": {
        owner: () => o.transaction((em) => em.query(ofArea, [coordinator.municipalities])),
        service: () => actAs(coordinator, () => s.transaction((em) => em.query(ofArea, [coordinator.municipalities]))),
      },
      "the engine's lookup, as the service": {
        owner: (i) => o.transaction((em) => em.query(ofCandidate, [candidates[i % candidates.length]])),
        service: (i) => asService(SERVICE_NAME, () => s.transaction((em) => em.query(ofCandidate, [candidates[i % candidates.length]]))),
      },
      "the same inside a coordinator's command (switch and back)": {
        owner: (i) => o.transaction((em) => em.query(ofCandidate, [candidates[i % candidates.length]])),
        service: (i) =>
          actAs(coordinator, () =>
            s.transaction((em) => asServiceWithin(em, SERVICE_NAME, () => em.query(ofCandidate, [candidates[i % candidates.length]]))),
          ),
      },
    };
    // Every shape answers the caller exactly what the owner reads with the query's own filter: the policies agree.
    for (const [name, shape] of Object.entries(shapes)) {
      for (const i of [0, 7, 123]) {
        const [a, b] = [await shape.owner(i), await shape.service(i)];
        if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`${name}: the service role and the owner read different rows`);
      }
    }
    const samples = Object.fromEntries(Object.keys(shapes).map((k) => [k, { owner: [] as number[], service: [] as number[] }]));
    for (let i = 0; i < 100; i++) for (const shape of Object.values(shapes)) await Promise.all([shape.owner(i), shape.service(i)]);
    for (let i = 0; i < REQUESTS; i++) {
      for (const [name, shape] of Object.entries(shapes)) {
        if (i % 2 === 0) {
          samples[name].owner.push(await timeMs(() => shape.owner(i)));
          samples[name].service.push(await timeMs(() => shape.service(i)));
        } else {
          samples[name].service.push(await timeMs(() => shape.service(i)));
          samples[name].owner.push(await timeMs(() => shape.owner(i)));
        }
      }
      if ((i + 1) % 250 === 0) log.info('progress', { rounds: i + 1, of: REQUESTS });
    }
    reportOwnerVsService(samples, 'statement (in a transaction)', {
      requests: REQUESTS,
      proposals: EMPLOYERS * NEEDS_PER_EMPLOYER * PROPOSALS_PER_NEED,
      candidates: CANDIDATES,
    });
  } finally {
    await service?.destroy();
    await owner?.destroy();
    await pg.stop();
  }
}

void main().catch((error: unknown) => {
  log.error('rls-matching bench failed', { error: (error as Error).message });
  process.exit(1);
});
