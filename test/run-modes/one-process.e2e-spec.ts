import { DEMO_START_TIMEOUT } from '../support/processes';
import { JsonLogger, TravelClock } from '@jobbspar/platform';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { composeServices, ComposedSystem } from '../../apps/jobbspar/src/compose-services';
import { seedDemo } from '../../apps/jobbspar/src/demo/seed-demo';
import { authed, as, testAuthConfig } from '../support/auth';
import { createTestDatabase, uniqueName } from '../support/infra';
import { watchComposed } from '../support/contract-check';
import { eventually } from '../support/kafka-probe';
import { systemTopics } from '../support/stack';

/**
 * What `npm start` runs: the four services in one process on the in-process transport, with demo data, here with
 * the run's OpenID provider (npm-start.e2e-spec.ts runs `npm start` itself, with its embedded provider at /oidc).
 */
describe('the one-process composition with demo data', () => {
  let system: ComposedSystem;
  let server: Server;
  let drop: () => Promise<void>;
  let base: string;
  const auth = testAuthConfig();
  const api = () => authed(server, as('coordinator.fh'));
  const analyst = () => authed(server, as('analyst.skane'));

  // Starting the system and seeding the demo as npm start does takes a minute on a loaded machine.
  beforeAll(async () => {
    const database = await createTestDatabase('oneproc');
    drop = database.drop;
    const prefix = `${uniqueName('one')}.`;
    const clock = new TravelClock();
    system = await composeServices(
      { databaseUrl: database.url, topicPrefix: prefix, groupPrefix: prefix, port: 0, auth },
      { candidate: { clock }, matching: { clock } },
    );
    server = createServer(system.handler);
    watchComposed(server, system, prefix, systemTopics(prefix));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    system.listening(base);
    await seedDemo(
      base,
      new JsonLogger('demo'),
      { issuer: auth.issuer },
      { travel: (at) => (at ? clock.travelTo(at) : clock.backToNow()) },
    );
  }, DEMO_START_TIMEOUT);

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await system?.close();
    await drop?.();
  });

  it('answers /health with every service up, and serves /openapi.json and /docs', async () => {
    const health = await request(server).get('/health').expect(200);
    expect(Object.keys(health.body.services)).toEqual(['employer-service', 'candidate-service', 'matching-service', 'follow-up-service']);
    for (const service of Object.values(health.body.services) as { checks: Record<string, string> }[]) {
      expect(service.checks).toEqual({ database: 'up', transport: 'up' });
    }
    const openapi = await request(server).get('/openapi.json').expect(200);
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/needs', '/candidates', '/matching/review-queue', '/health']));
    await request(server).get('/docs').redirects(1).expect(200).expect('content-type', /html/);
  });

  it('routes each path to the service that owns it, and unknown paths to a 404', async () => {
    await api().get('/taxonomy/occupations').expect(200);
    await request(server).get('/no-such-thing').expect(404);
  });

  it('shows the demo: employers, open needs, candidates, and proposals with explanations in the review queue', async () => {
    const needs = await api().get('/needs?status=open&limit=100').expect(200);
    expect(needs.body.total).toBeGreaterThanOrEqual(7);
    const candidates = await api().get('/candidates').expect(200);
    expect(JSON.stringify(candidates.body)).not.toContain('Demo Amal');
    const queue = await eventually(
      async () => {
        const res = await api().get('/matching/review-queue?limit=50').expect(200);
        return res.body.items.length >= 5 && res.body.items;
      },
      30000,
      'proposals in the review queue',
    );
    const scores = queue.map((p: { score: number }) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const proposal of queue) {
      expect(proposal.explanation.factors.map((f: { factor: string }) => f.factor)).toEqual(
        expect.arrayContaining(['taskCoverage', 'interests', 'shortage', 'waiting', 'supportFit']),
      );
      expect(proposal.explanation.tasksCovered.length).toBeGreaterThan(0);
    }
    // A second run on the same data seeds nothing twice.
    await seedDemo(base, new JsonLogger('demo'), { issuer: auth.issuer });
    const again = await api().get('/employers').expect(200);
    expect(again.body.total ?? again.body.items.length).toBe(6);
  });

  it('gives the regional analyst something in every report: goal progress, outcomes, equal distribution, where to train', async () => {
    const { body: goals } = await analyst().get('/follow-up/regions/se-12/goals').expect(200);
    expect(goals.items).toHaveLength(1);
    const { body: progress } = await analyst().get(`/follow-up/regions/se-12/goals/${goals.items[0].goalId}/progress`).expect(200);
    expect(progress.municipalities).toHaveLength(11);
    expect(new Set(progress.municipalities.map((m: { status: string }) => m.status))).toEqual(new Set(['on-track', 'behind']));

    const { body: released } = await analyst().get('/follow-up/regions/se-12/outcomes/months').expect(200);
    const shownCounts = (value: unknown): number[] =>
      value && typeof value === 'object'
        ? Object.values(value).flatMap(shownCounts)
        : typeof value === 'number' && value > 0
          ? [value]
          : [];
    const months = released.months as string[];
    const outcomes = await Promise.all(
      months.map(async (month) => (await analyst().get('/follow-up/regions/se-12/outcomes').query({ month }).expect(200)).body),
    );
    expect(
      outcomes.flatMap((o) => o.areas.flatMap((a: { placementsByType: unknown }) => shownCounts(a.placementsByType))).length,
    ).toBeGreaterThan(0);
    expect(
      outcomes
        .flatMap((o) => o.areas.map((a: { funnel: { inWorkOrStudies90: number | null } }) => a.funnel.inWorkOrStudies90))
        .some((v) => v !== null && v > 0),
    ).toBe(true);
    // The demo lived through its history: people were registered, proposed and accepted in the months before their
    // placements (released months), not all today (the current month, not yet released).
    for (const stage of ['registered', 'firstCertifiedTask', 'proposed', 'accepted', 'placed'] as const) {
      const shownIn = months.filter((_, i) =>
        outcomes[i].areas.some((a: { funnel: Record<string, number | null> }) => (a.funnel[stage] ?? 0) > 0),
      );
      expect({ stage, shownIn: shownIn.length > 0 }).toEqual({ stage, shownIn: true });
    }

    const equal: { areas: { groups: { counts: unknown }[] }[] }[] = [];
    for (const month of months.slice(-8)) {
      // One at a time: the first reading of a month computes and protects it in both services.
      const res = await analyst().get('/follow-up/regions/se-12/equal-distribution').query({ month });
      expect(res.status).toBe(200);
      equal.push(res.body);
    }
    expect(
      equal.flatMap((e) => e.areas.flatMap((a: { groups: { counts: unknown }[] }) => a.groups.flatMap((g) => shownCounts(g.counts))))
        .length,
    ).toBeGreaterThan(0);

    const { body: train } = await analyst().get('/follow-up/regions/se-12/where-to-train').expect(200);
    expect(train.tasks.length).toBeGreaterThan(0);
  });
});
