import 'reflect-metadata';
import { equalDistributionCells } from '@jobbspar/contracts';
import { IntervalBounds, type KnownFact } from '@jobbspar/disclosure';
import { TravelClock } from '@jobbspar/platform';
import { INestApplication } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { as, authed } from '../support/auth';
import { DataSource } from 'typeorm';
import { createFollowUpApp } from '../../apps/follow-up-service/src/bootstrap';
import { linkEquations } from '../../apps/follow-up-service/src/equal-distribution/domain/joint-protection';
import { outcomeCells } from '../../apps/follow-up-service/src/outcomes/domain/outcome-report';
import { eventually } from '../support/kafka-probe';
import { createTestDatabase } from '../support/infra';
import { startStack, TestStack } from '../support/stack';

jest.setTimeout(240_000);

const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const plusDays = (d: string, n: number): string => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const HELSINGBORG = '1283';
const LANDSKRONA = '1282';

type Area = {
  area: string;
  funnel: Record<string, number | null>;
  placementsByType: Record<string, number | null>;
  followUps: Record<string, number | null>;
};
type GroupRow = {
  classification: string;
  group: string | null;
  counts: Record<string, number | null>;
  rates: Record<string, { ratio: number | null; warning: string | null }>;
};
type EqualDistribution = { withheld: string | null; areas: { area: string; groups: GroupRow[] }[] };

/**
 * The whole path on real Kafka and PostgreSQL: needs, candidates and certified tasks through employer- and
 * candidate-service, proposals accepted and placements started and followed up through matching-service, and the
 * regional analyst's outcome reports from follow-up-service — read, frozen, exported and attacked.
 */
describe('regional follow-up from the services events', () => {
  let stack: TestStack;
  const clock = new TravelClock();
  let followUp: INestApplication;
  const employer = () => authed(stack.apps.employer!.getHttpServer(), as('admin.skane'));
  const candidate = () => authed(stack.apps.candidate!.getHttpServer(), as('coordinator.fh'));
  const matching = () => authed(stack.apps.matching!.getHttpServer(), as('coordinator.fh'));
  const analyst = () => authed(followUp.getHttpServer(), as('analyst.skane'));
  // Seven months ago, so that the 90- and 180-day checkpoints have fallen due in real time.
  const start = `${day(-7 * 30.5).slice(0, 7)}-01`;
  // The analyst reads 47 days from now: this month has closed and its follow-ups' grace (14 days) has passed.
  const readAt = new Date(Date.now() + 47 * 86_400_000);

  beforeAll(async () => {
    stack = await startStack(['employer', 'candidate', 'matching'], { matchingClock: clock });
    // follow-up-service asks candidate-service over HTTP for its protected equal-distribution tables.
    await stack.apps.candidate!.listen(0, '127.0.0.1');
    const candidateUrl = `http://127.0.0.1:${(stack.apps.candidate!.getHttpServer().address() as AddressInfo).port}`;
    followUp = await createFollowUpApp({ ...stack.config, clock: () => readAt, candidateServiceUrl: candidateUrl });
  });
  afterAll(async () => {
    await followUp?.close();
    await stack?.close();
  });

  it('counts the funnel, placements and follow-ups per municipality and month, protected, frozen and exported', async () => {
    const { body: org } = await employer()
      .post('/employers')
      .send({
        organisationNumber: '212000-1330',
        name: 'Helsingborgs stad',
        sector: 'public',
        municipalityCode: HELSINGBORG,
        isMunicipality: true,
      })
      .expect(201);
    const { body: role } = await employer()
      .post('/roles/standard')
      .send({ ssyk: '9412' })
      .expect((r) => expect([200, 201]).toContain(r.status));
    const { body: need } = await employer()
      .post('/needs')
      .send({
        employerId: org.id,
        roleId: role.id,
        positions: 11,
        workplaceMunicipality: HELSINGBORG,
        startDate: day(14),
        placementType: 'internship',
        support: { supervisorCapacity: 11, pairInternshipAllowed: false, languageSupport: true },
      })
      .expect(201);
    const mustHaves = (need.tasks as { taskId: string; requiredLevel: number; weight: string }[]).filter((t) => t.weight === 'must-have');

    // Eight women who arrived recently and two men born in Sweden in Helsingborg; one woman in Landskrona.
    const people = [
      ...Array.from({ length: 8 }, () => ({
        home: HELSINGBORG,
        followUp: { gender: 'woman', bornAbroad: true, yearOfArrival: Number(day(0).slice(0, 4)) - 2 },
      })),
      { home: HELSINGBORG, followUp: { gender: 'man', bornAbroad: false } },
      { home: HELSINGBORG, followUp: { gender: 'man', bornAbroad: false } },
      { home: LANDSKRONA, followUp: { gender: 'woman', bornAbroad: true, yearOfArrival: 2015 } },
    ];
    const ids: string[] = [];
    for (const [i, { home, followUp: attributes }] of people.entries()) {
      const { body: her } = await candidate()
        .post('/candidates')
        .send({
          contact: { name: `Test ${i}` },
          homeMunicipality: home,
          availableFrom: day(-10),
          maxCommuteMinutes: 60,
          interests: ['9412'],
          supportNeeds: { closeSupervision: false, languageSupport: true },
          languages: ['ar'],
          consent: { matching: true },
          followUp: attributes,
        })
        .expect(201);
      ids.push(her.candidateId);
      const internship = await eventually(
        async () => {
          const r = await candidate()
            .post('/internships')
            .send({
              candidateId: her.candidateId,
              workplaceId: org.id,
              supervisorRole: 'handledare',
              startDate: day(-60),
              endDate: day(10),
            });
          return r.status === 201
            ? r.body
            : r.status === 422
              ? undefined
              : Promise.reject(new Error(`${r.status} ${JSON.stringify(r.body)}`));
        },
        30_000,
        'candidate-service to know the workplace',
      );
      for (const task of mustHaves) {
        const { body: a } = await candidate()
          .post(`/internships/${internship.internshipId}/assessments`)
          .send({ taskId: task.taskId, level: 3, assessedOn: day(0) })
          .expect(201);
        await candidate()
          .post(`/assessments/${a.assessmentId}/certify`)
          .expect((r) => expect([200, 201]).toContain(r.status));
      }
    }

    const proposals = await eventually(
      async () => {
        const { body } = await matching().get(`/matching/needs/${need.id}/proposals`).expect(200);
        const mine = body.items.filter(
          (p: { candidateId: string; status: string }) => ids.includes(p.candidateId) && p.status === 'proposed',
        );
        return mine.length === ids.length && mine;
      },
      60_000,
      'a proposal for each of them',
    );
    const placements: string[] = [];
    // Accepted and placed on the start day, months ago (a placement never starts before its acceptance), followed up now.
    clock.travelTo(`${start}T10:00:00+01:00`);
    for (const p of proposals as { proposalId: string }[]) {
      await matching().post(`/matching/proposals/${p.proposalId}/accept`).set(as('coordinator.fh')).expect(200);
      const { body: placement } = await matching()
        .post(`/matching/proposals/${p.proposalId}/confirm`)
        .set(as('hr.helsingborg'))
        .send({ startDate: start, support: { supervisor: true, languageSupport: placements.length % 2 === 0, studyCounselling: false } })
        .expect(201);
      placements.push(placement.placementId);
    }
    clock.backToNow();
    for (const id of placements) {
      for (const checkpointDays of [90, 180]) {
        await matching().post(`/matching/placements/${id}/follow-ups`).send({ checkpointDays, status: 'in-work' }).expect(201);
      }
    }

    const thisMonth = day(0).slice(0, 7);
    const startMonth = start.slice(0, 7);
    const month90 = plusDays(start, 90).slice(0, 7);
    const read = async (month: string) => (await analyst().get('/follow-up/regions/se-12/outcomes').query({ month }).expect(200)).body;
    const area = (report: { areas: Area[] }, code: string): Area => report.areas.find((a) => a.area === code)!;

    // The projection is live: wait until it has the last follow-up before the first reading freezes a month.
    await eventually(
      async () => {
        const { body } = await analyst().get('/follow-up/regions/se-12/outcomes/months').expect(200);
        return body.months.includes(thisMonth) && body.months.includes(startMonth);
      },
      30_000,
      'the months to be released',
    );
    await new Promise((resolve) => setTimeout(resolve, 3000));

    const now = await read(thisMonth);
    // Landskrona's one person is hidden, and so is what would give her back: Helsingborg's 10 or the region's 11.
    // (Accepted counts in the start month: the acceptance happened then, by matching's clock.)
    for (const stage of ['registered', 'firstCertifiedTask', 'proposed']) {
      expect(area(now, LANDSKRONA).funnel[stage]).toBeNull();
      expect([
        [10, null],
        [null, 11],
      ]).toContainEqual([area(now, HELSINGBORG).funnel[stage], area(now, 'se-12').funnel[stage]]);
    }

    // Helsingborg counts 10, the region 11 with Landskrona's one: one of the two is hidden beside her.
    const tenOrEleven = (report: { areas: Area[] }, get: (a: Area) => number | null) =>
      expect([
        [10, null],
        [null, 11],
      ]).toContainEqual([get(area(report, HELSINGBORG)), get(area(report, 'se-12'))]);
    const started = await read(startMonth);
    tenOrEleven(started, (a) => a.placementsByType.internship);
    tenOrEleven(started, (a) => a.funnel.placed);
    tenOrEleven(started, (a) => a.funnel.accepted);
    expect(area(started, LANDSKRONA).funnel.accepted).toBeNull();
    expect(area(now, HELSINGBORG).funnel.accepted).toBe(0);
    expect(area(started, HELSINGBORG).placementsByType).toMatchObject({ 'work-training': 0, employment: 0 });
    expect(area(started, LANDSKRONA).placementsByType.internship).toBeNull();

    const due90 = await read(month90);
    tenOrEleven(due90, (a) => a.funnel.inWorkOrStudies90);
    // Recorded months after falling due: none on time.
    expect(area(due90, 'se-12').followUps.onTime).toBe(0);
    expect([0, null]).toContain(area(due90, 'se-12').followUps.shareOnTime);

    // Frozen: a second reading is the first one.
    expect(await read(thisMonth)).toEqual(now);
    const csv = await analyst().get('/follow-up/regions/se-12/outcomes/export').query({ month: thisMonth, format: 'csv' }).expect(200);
    expect(csv.text).toContain(`data as of;${now.dataAsOf}`);
    expect(csv.text).toContain('primary and secondary cell suppression');
    expect(csv.text).toMatch(/Landskrona \(1282\);\.\./);

    // Equal distribution of the start month: computed in candidate-service, protected again here beside the outcomes.
    const readEqual = async (month: string): Promise<EqualDistribution> =>
      (await analyst().get('/follow-up/regions/se-12/equal-distribution').query({ month }).expect(200)).body;
    const equal = await readEqual(startMonth);
    expect(equal.withheld).toBeNull();
    const helsingborg = equal.areas.find((a) => a.area === HELSINGBORG)!;
    const row = (classification: string, group: string | null) =>
      helsingborg.groups.find((g) => g.classification === classification && g.group === group)!;
    expect(row('gender', 'man').counts.placements).toBeNull();
    expect(row('gender', 'not-recorded').counts.placements).toBe(0);
    expect(row('origin', 'born-in-sweden').counts.placements).toBeNull();
    // A rate is given only from shown counts.
    expect(row('gender', 'man').rates.withLanguageSupport.ratio).toBeNull();
    expect(await readEqual(startMonth)).toEqual(equal);
    const equalCsv = await analyst()
      .get('/follow-up/regions/se-12/equal-distribution/export')
      .query({ month: startMonth, format: 'csv' })
      .expect(200);
    expect(equalCsv.text).toContain('disclosure control;primary and secondary cell suppression');

    // Where to train: the need is filled now, so no task is asked for any more.
    const { body: train } = await analyst().get('/follow-up/regions/se-12/where-to-train').expect(200);
    expect(train.tasks).toEqual([]);

    // The attacker: everything an analyst of se-12 can read (every released month of both reports), as the equations
    // the reports' definitions give (a region is the sum of its municipalities, a total the sum of its parts, both
    // reports count the same placements and checkpoints), solved for the tightest bounds on each hidden cell.
    const { body: released } = await analyst().get('/follow-up/regions/se-12/outcomes/months').expect(200);
    const codes = (now.areas as Area[]).filter((a) => a.area !== 'se-12').map((a) => a.area);
    const facts: KnownFact[] = [];
    const hidden: { key: string; atoms: string[] }[] = [];
    for (const month of released.months as string[]) {
      const ours = new Map<string, number | null>();
      for (const a of (await read(month)).areas as Area[]) {
        for (const [k, v] of Object.entries(a.funnel)) ours.set(`${a.area}|funnel.${k}`, v);
        for (const [k, v] of Object.entries(a.placementsByType)) ours.set(`${a.area}|placements.${k}`, v);
        ours.set(`${a.area}|followUps.due`, a.followUps.due);
        ours.set(`${a.area}|followUps.onTime`, a.followUps.onTime);
      }
      const theirs = new Map<string, number | null>();
      for (const a of (await readEqual(month)).areas) {
        for (const g of a.groups) {
          for (const [m, v] of Object.entries(g.counts))
            theirs.set(`${a.area}|${g.classification === 'all' ? 'all' : `${g.classification}:${g.group}`}|${m}`, v);
        }
      }
      const prefix = (p: string, atoms: readonly string[]) => atoms.map((x) => `${month}|${p}:${x}`);
      for (const c of outcomeCells('se-12', codes)) {
        const v = ours.get(c.key);
        if (v === null) hidden.push({ key: `${month}|${c.key}`, atoms: prefix('o', c.atoms) });
        else facts.push({ atoms: prefix('o', c.atoms), value: v! });
      }
      for (const c of equalDistributionCells('se-12', codes)) {
        const v = theirs.get(c.key);
        if (v === null) hidden.push({ key: `${month}|eq|${c.key}`, atoms: prefix('c', c.atoms) });
        else facts.push({ atoms: prefix('c', c.atoms), value: v! });
      }
      for (const link of linkEquations(codes)) {
        facts.push({ atoms: link.atoms.map((x) => `${month}|${x}`), minus: link.minus!.map((x) => `${month}|${x}`), value: 0 });
      }
    }
    const bounds = new IntervalBounds(
      facts,
      hidden.map((h) => h.atoms),
    );
    // The small cells: Landskrona's one woman, and Helsingborg's and the region's two men born in Sweden.
    const small = hidden.filter((h) => h.key.includes(`|${LANDSKRONA}|`) || /\|(gender:man|origin:born-in-sweden)\|/.test(h.key));
    expect(small.map((h) => h.key)).toEqual(
      expect.arrayContaining([`${thisMonth}|${LANDSKRONA}|funnel.registered`, `${startMonth}|eq|${HELSINGBORG}|gender:man|placements`]),
    );
    for (const h of small) {
      const { min, max } = await bounds.of(h.atoms);
      expect({ key: h.key, protected: max - min >= 5 }).toEqual({ key: h.key, protected: true });
    }
  });

  it('rebuilds the same projection by replaying the topics into an empty schema', async () => {
    // A second follow-up-service, new database and consumer group: it reads every topic from the beginning.
    const fresh = await createTestDatabase('replay');
    const replayed = await createFollowUpApp({
      ...stack.config,
      databaseUrl: fresh.url,
      groupPrefix: `${stack.config.groupPrefix}replay.`,
      clock: () => readAt,
    });
    const snapshot = async (url: string): Promise<string> => {
      const db = new DataSource({ type: 'postgres', url });
      await db.initialize();
      try {
        const tables = ['persons', 'first_dates', 'task_levels', 'placements', 'checkpoints', 'needs', 'erasures'];
        const rows = await Promise.all(tables.map((t) => db.query(`SELECT * FROM follow_up.${t} AS r ORDER BY r::text`)));
        return JSON.stringify(rows);
      } finally {
        await db.destroy();
      }
    };
    try {
      const live = await snapshot(stack.databaseUrl);
      await eventually(async () => (await snapshot(fresh.url)) === live, 60_000, 'the replayed projection to equal the live one');
      const month = `${day(-7 * 30.5).slice(0, 7)}`;
      const { body: again } = await authed(replayed.getHttpServer(), as('analyst.skane'))
        .get('/follow-up/regions/se-12/outcomes')
        .query({ month })
        .expect(200);
      const { body: first } = await analyst().get('/follow-up/regions/se-12/outcomes').query({ month }).expect(200);
      expect({ ...again, releasedAt: undefined }).toEqual({ ...first, releasedAt: undefined });
    } finally {
      await replayed.close();
      await fresh.drop();
    }
  });
});
