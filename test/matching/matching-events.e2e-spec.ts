import 'reflect-metadata';
import {
  CandidateErasedV1,
  CandidateProfileUpdatedV1,
  CandidateRegisteredV1,
  ConsentChangedV1,
  deadLetterTopic,
  EmployerRegisteredV1,
  EventEnvelope,
  NeedClosedV1,
  NeedPostedV1,
  NeedUpdatedV1,
  TaskValidatedV1,
  Topics,
} from '@jobbspar/contracts';
import { swedishDay, TravelClock } from '@jobbspar/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { replayReadModels } from '../../apps/matching-service/src/read-models/infrastructure/replay-read-models';
import { actor, as, authed, createUser, deleteUser } from '../support/auth';
import { testInfra } from '../support/infra';
import { eventually, KafkaProbe } from '../support/kafka-probe';
import type { TestStack } from '../support/stack';
import {
  candidateProfile,
  EventDriver,
  freshTasks,
  LAGER,
  LIDKOPING,
  needSnapshot,
  startMatchingOnly,
  Tasks,
  validation,
} from './matching-fixture';

/**
 * matching-service alone, driven by contract events produced straight onto Kafka (as employer- and
 * candidate-service publish them), against real Kafka and PostgreSQL.
 */
jest.setTimeout(60_000);

describe('matching-service driven by contract events', () => {
  let stack: TestStack;
  let probe: KafkaProbe;
  let deadLetters: KafkaProbe;
  let events: EventDriver;
  let db: DataSource;
  let T: Tasks;
  const clock = new TravelClock();

  const coordinator = as('coordinator.skovde');
  const http = () => authed(stack.apps.matching!.getHttpServer(), coordinator);

  type Explanation = {
    weightsVersion: string;
    factors: { factor: string; weight: number; contribution: number }[];
    tasksCovered: unknown[];
    tasksMissing: unknown[];
  };
  type Proposal = {
    proposalId: string;
    candidateId: string;
    needId: string;
    status: string;
    score: number;
    explanation: Explanation;
    withdrawalReason: string | null;
  };
  const proposalsOf = async (needId: string, status?: string): Promise<Proposal[]> =>
    (
      await http()
        .get(`/matching/needs/${needId}/proposals`)
        .query(status ? { status } : {})
        .expect(200)
    ).body.items;
  const published = (type: string, where: (p: Record<string, unknown>) => boolean = () => true): EventEnvelope<Record<string, unknown>>[] =>
    probe.envelopes().filter((e) => e.type === type && where(e.payload));

  /** A candidate who passes every hard filter for the standard test need. */
  async function eligibleCandidate(over: Parameters<typeof candidateProfile>[0] = {}, level: 1 | 2 | 3 = 2): Promise<string> {
    const profile = candidateProfile(over);
    await events.publish(CandidateRegisteredV1, profile, profile.candidateId, profile.revision);
    await events.publish(TaskValidatedV1, validation(profile.candidateId, T.lunch, level), profile.candidateId, 2);
    return profile.candidateId;
  }

  async function postNeed(over: Parameters<typeof needSnapshot>[1] = {}): Promise<string> {
    const need = needSnapshot(T, over);
    await events.publish(NeedPostedV1, need, need.needId, need.revision);
    return need.needId;
  }

  beforeEach(() => {
    T = freshTasks();
  });

  beforeAll(async () => {
    stack = await startMatchingOnly(clock);
    probe = new KafkaProbe(testInfra().brokers);
    await probe.watch([stack.topic(Topics.proposals), stack.topic(Topics.placements)]);
    deadLetters = new KafkaProbe(testInfra().brokers);
    await deadLetters.watch([deadLetterTopic(stack.config.topicPrefix, 'matching-service')]);
    events = new EventDriver(stack, probe);
    db = new DataSource({ type: 'postgres', url: stack.databaseUrl });
    await db.initialize();
    // The needs' employer, so its staff (employer.lager) can answer for them.
    await events.publish(EmployerRegisteredV1, LAGER, LAGER.employerId);
  });

  afterAll(async () => {
    await probe?.close();
    await deadLetters?.close();
    await db?.destroy();
    await stack?.close();
  });

  it('proposes a candidate who holds the must-have task, with the explanation of her score', async () => {
    const candidateId = await eligibleCandidate();
    const needId = await postNeed();
    const [proposal] = await eventually(async () => {
      const list = await proposalsOf(needId);
      return list.length === 1 && list;
    });
    expect(proposal).toMatchObject({ candidateId, needId, status: 'proposed' });
    expect(proposal.score).toBeGreaterThan(0);
    expect(proposal.explanation.weightsVersion).toBe('default-v1');
    expect(proposal.explanation.tasksCovered).toEqual([{ taskId: T.lunch, required: 2, reached: 2, weight: 'must-have' }]);
    expect(proposal.explanation.tasksMissing).toEqual([{ taskId: T.dishes, required: 1, reached: null, weight: 'nice-to-have' }]);
    const contributions = proposal.explanation.factors.reduce((sum, f) => sum + f.contribution, 0);
    expect(contributions).toBeCloseTo(proposal.score, 2);

    const { body } = await http().get(`/matching/proposals/${proposal.proposalId}`).expect(200);
    expect(body.explanation).toEqual(proposal.explanation);

    const created = await eventually(
      () =>
        published('ProposalCreated', (p) => p.needId === needId).length === 1 && published('ProposalCreated', (p) => p.needId === needId),
    );
    expect(created[0].payload).toMatchObject({
      proposalId: proposal.proposalId,
      candidateId,
      score: proposal.score,
      weightsVersion: 'default-v1',
    });
    expect(created[0].tenant).toBe('se-14');
  });

  it('proposes nobody who misses a must-have, lives too far or has no consent', async () => {
    const missing = candidateProfile();
    await events.publish(CandidateRegisteredV1, missing, missing.candidateId);
    await events.publish(TaskValidatedV1, validation(missing.candidateId, T.dishes, 3), missing.candidateId, 2);
    const belowLevel = await eligibleCandidate({}, 1);
    const farAway = await eligibleCandidate({ homeMunicipality: LIDKOPING, maxCommuteMinutes: 30 });
    const noConsent = await eligibleCandidate({ matchingConsent: false });
    const good = await eligibleCandidate();
    const needId = await postNeed({ positions: 2 });
    const list = await eventually(async () => {
      const l = await proposalsOf(needId);
      return l.some((p) => p.candidateId === good) && l;
    });
    const proposed = list.map((p) => p.candidateId);
    for (const id of [missing.candidateId, belowLevel, farAway, noConsent]) expect(proposed).not.toContain(id);
  });

  it('dead-letters a well-formed but unknown municipality code with its reason, and applies what follows', async () => {
    const profile = candidateProfile();
    const needId = await postNeed();
    // The producers refuse to write such an event (createEnvelope validates), so it is forged here as an outside
    // writer would: a valid envelope whose payload is then changed.
    const valid = events.envelope(CandidateRegisteredV1, profile, profile.candidateId, profile.revision);
    const forged = { ...valid, payload: { ...valid.payload, homeMunicipality: '9999' } };
    const need = needSnapshot(T);
    const postedNeed = events.envelope(NeedPostedV1, need, need.needId, need.revision);
    const badNeed = { ...postedNeed, payload: { ...postedNeed.payload, workplaceMunicipality: '9999' } };
    await events.send(forged as EventEnvelope<object>, badNeed as EventEnvelope<object>);

    const letters = await eventually(
      () => {
        const found = deadLetters.messages.filter((m) => [forged.eventId, badNeed.eventId].includes(JSON.parse(m.value!).eventId));
        return found.length === 2 && found;
      },
      30000,
      'both events dead-lettered',
    );
    const reasonOf = (eventId: string) => letters.find((m) => JSON.parse(m.value!).eventId === eventId)!.headers['dead-letter-reason'];
    expect(reasonOf(forged.eventId)).toMatch(
      /CandidateRegistered v1 payload invalid: homeMunicipality: homeMunicipality must be a municipality code of the taxonomy \(SCB kommunkod\), got "9999"/,
    );
    expect(reasonOf(badNeed.eventId)).toMatch(/workplaceMunicipality must be a municipality code of the taxonomy/);
    expect(await db.query(`SELECT 1 FROM matching.candidates WHERE candidate_id = $1`, [profile.candidateId])).toHaveLength(0);
    expect(await db.query(`SELECT 1 FROM matching.needs WHERE need_id = $1`, [badNeed.payload.needId])).toHaveLength(0);

    // The consumer went on: the same candidate, registered correctly, is proposed for the open need.
    await events.publish(CandidateRegisteredV1, profile, profile.candidateId, profile.revision);
    await events.publish(TaskValidatedV1, validation(profile.candidateId, T.lunch, 2), profile.candidateId, 2);
    await eventually(async () => (await proposalsOf(needId)).some((p) => p.candidateId === profile.candidateId), 30000, 'her proposal');
  });

  it('applies a validation that arrives before its candidate once she is registered', async () => {
    const needId = await postNeed();
    const profile = candidateProfile();
    await events.publish(TaskValidatedV1, validation(profile.candidateId, T.lunch, 3), profile.candidateId, 2);
    await eventually(
      async () => (await db.query(`SELECT 1 FROM matching.validations WHERE candidate_id = $1`, [profile.candidateId])).length === 1,
    );
    expect(await proposalsOf(needId)).toEqual([]);
    await events.publish(CandidateRegisteredV1, profile, profile.candidateId, 1);
    await eventually(async () => (await proposalsOf(needId)).some((p) => p.candidateId === profile.candidateId));
  });

  it('applies an update that overtakes its posting, and ignores the older posting', async () => {
    const posted = needSnapshot(T, { positions: 1 });
    const updated = { ...posted, revision: 2, positions: 4, roleName: 'Kockbiträde, uppdaterad' };
    await events.publish(NeedUpdatedV1, updated, posted.needId, 2);
    await eventually(async () => (await db.query(`SELECT 1 FROM matching.needs WHERE need_id = $1`, [posted.needId])).length === 1);
    await events.publish(NeedPostedV1, posted, posted.needId, 1);
    // A later event on the same key shows the posting was consumed before it.
    const closed = { needId: posted.needId, revision: 1, status: 'closed' as const, reason: 'stale' };
    await events.publish(NeedClosedV1, closed, posted.needId, 1);
    const marker = candidateProfile();
    await events.publish(CandidateRegisteredV1, marker, marker.candidateId);
    await eventually(
      async () => (await db.query(`SELECT 1 FROM matching.candidates WHERE candidate_id = $1`, [marker.candidateId])).length === 1,
    );
    await eventually(async () => (await db.query(`SELECT 1 FROM matching.inbox WHERE aggregate_id = $1`, [posted.needId])).length === 3);
    const [row] = await db.query(
      `SELECT revision, status, positions_left, snapshot->>'roleName' AS role_name FROM matching.needs WHERE need_id = $1`,
      [posted.needId],
    );
    expect(row).toEqual({ revision: 2, status: 'open', positions_left: 4, role_name: 'Kockbiträde, uppdaterad' });
  });

  it('applies a duplicated event once: one proposal, one ProposalCreated', async () => {
    const candidateId = await eligibleCandidate();
    const need = needSnapshot(T);
    const posted = events.envelope(NeedPostedV1, need, need.needId);
    await events.send(posted, posted, posted);
    await eventually(async () => (await proposalsOf(need.needId)).length === 1);
    await eventually(() => published('ProposalCreated', (p) => p.needId === need.needId).length === 1);
    // Anything after the duplicates on the same key being applied means the duplicates were processed too.
    await events.publish(NeedUpdatedV1, { ...need, revision: 2, roleName: 'after duplicates' }, need.needId, 2);
    await eventually(
      async () => (await db.query(`SELECT 1 FROM matching.needs WHERE need_id = $1 AND revision = 2`, [need.needId])).length === 1,
    );
    expect(await proposalsOf(need.needId)).toHaveLength(1);
    expect((await proposalsOf(need.needId))[0].candidateId).toBe(candidateId);
    expect(published('ProposalCreated', (p) => p.needId === need.needId)).toHaveLength(1);
  });

  it('keeps at most positions × M proposals per need, choosing the best scores', async () => {
    // Equal in every respect except waiting time, which sets the order.
    const waited = ['2023-01-01', '2023-06-01', '2024-01-01', '2025-06-01'];
    const ids: string[] = [];
    for (const waitingSince of waited) ids.push(await eligibleCandidate({ waitingSince, interests: ['9999'] }));
    const needId = await postNeed({ positions: 1 });
    await eventually(async () => (await db.query(`SELECT 1 FROM matching.match_edges WHERE need_id = $1`, [needId])).length === 4);
    const list = await eventually(async () => {
      const l = await proposalsOf(needId, 'proposed');
      return l.length === 3 && l;
    });
    expect(list.map((p) => p.candidateId).sort()).toEqual(ids.slice(0, 3).sort());
  });

  it('keeps at most K open proposals per candidate', async () => {
    const candidateId = await eligibleCandidate();
    const needs: string[] = [];
    for (let i = 0; i < 4; i++) needs.push(await postNeed());
    await eventually(
      async () => (await db.query(`SELECT 1 FROM matching.match_edges WHERE candidate_id = $1`, [candidateId])).length === 4,
    );
    await eventually(async () => {
      const { body } = await http().get(`/matching/candidates/${candidateId}/proposals`).query({ status: 'proposed' }).expect(200);
      return body.total === 3;
    });
  });

  it('rebuilds the assignment after a restart and re-optimises exactly when a better candidate arrives', async () => {
    const ids: string[] = [];
    for (const waitingSince of ['2025-01-01', '2025-03-01', '2025-05-01'])
      ids.push(await eligibleCandidate({ waitingSince, interests: ['9999'] }));
    const needId = await postNeed({ positions: 1 });
    await eventually(async () => (await proposalsOf(needId, 'proposed')).length === 3);
    const before = (await proposalsOf(needId)).map((p) => p.proposalId).sort();

    await stack.stop('matching');
    await stack.start('matching');
    // Nothing changed while it was down, so the rebuilt optimum is the one held: no proposal created or withdrawn.
    const better = await eligibleCandidate({ waitingSince: '2023-01-01', interests: ['9999'] });
    const after = await eventually(async () => {
      const l = await proposalsOf(needId, 'proposed');
      return l.some((p) => p.candidateId === better) && l;
    });
    expect(after.map((p) => p.candidateId).sort()).toEqual([better, ids[0], ids[1]].sort());
    const withdrawn = await proposalsOf(needId, 'withdrawn');
    expect(withdrawn.map((p) => [p.candidateId, p.withdrawalReason])).toEqual([[ids[2], 'reoptimised']]);
    expect((await proposalsOf(needId)).filter((p) => before.includes(p.proposalId))).toHaveLength(3);
  });

  describe('review', () => {
    it('accepts a proposal once and publishes ProposalReviewed', async () => {
      await eligibleCandidate();
      const needId = await postNeed();
      const [p] = await eventually(async () => (await proposalsOf(needId)).length === 1 && proposalsOf(needId));
      const { body } = await http().post(`/matching/proposals/${p.proposalId}/accept`).set(coordinator).expect(200);
      expect(body).toMatchObject({ status: 'accepted', reviewedBy: actor('coordinator.skovde') });
      const reviewed = await eventually(() => {
        const r = published('ProposalReviewed', (x) => x.proposalId === p.proposalId);
        return r.length === 1 && r;
      });
      expect(reviewed[0].payload).toMatchObject({ decision: 'accepted', needId, candidateId: p.candidateId });
      expect(reviewed[0].actor).toBe(actor('coordinator.skovde'));

      const again = await http().post(`/matching/proposals/${p.proposalId}/accept`).expect(409);
      expect(again.body.code).toBe('PROPOSAL_STATE_CONFLICT');
      await http().post(`/matching/proposals/${p.proposalId}/reject`).send({ reasonCode: 'other' }).expect(409);
      expect((await http().get(`/matching/proposals/${p.proposalId}`).expect(200)).body.status).toBe('accepted');
    });

    it('rejects with a reason, keeps the comment unpublished, and never proposes the pair again', async () => {
      const candidateId = await eligibleCandidate();
      const needId = await postNeed();
      const [p] = await eventually(async () => (await proposalsOf(needId)).length === 1 && proposalsOf(needId));
      const { body } = await http()
        .post(`/matching/proposals/${p.proposalId}/reject`)
        .set(coordinator)
        .send({ reasonCode: 'commute-not-feasible', comment: 'Bussen går inte tidigt nog' })
        .expect(200);
      expect(body).toMatchObject({ status: 'rejected', reasonCode: 'commute-not-feasible', comment: 'Bussen går inte tidigt nog' });
      const reviewed = await eventually(() => {
        const r = published('ProposalReviewed', (x) => x.proposalId === p.proposalId);
        return r.length === 1 && r;
      });
      expect(reviewed[0].payload).toEqual({
        proposalId: p.proposalId,
        needId,
        candidateId,
        decision: 'rejected',
        reasonCode: 'commute-not-feasible',
      });
      expect(JSON.stringify(reviewed[0])).not.toContain('Bussen');

      // A new validation re-scores her against the need: still never proposed for it again.
      await events.publish(TaskValidatedV1, validation(candidateId, T.dishes, 2), candidateId, 3);
      await eventually(
        async () => (await db.query(`SELECT 1 FROM matching.candidate_task_levels WHERE candidate_id = $1`, [candidateId])).length === 2,
      );
      const marker = await postNeed();
      await eventually(async () => (await proposalsOf(marker)).some((x) => x.candidateId === candidateId));
      const forNeed = await proposalsOf(needId);
      expect(forNeed.filter((x) => x.candidateId === candidateId).map((x) => x.status)).toEqual(['rejected']);
    });

    it('answers 400 for an unknown reason code or an overlong comment, and changes nothing', async () => {
      await eligibleCandidate();
      const needId = await postNeed();
      const [p] = await eventually(async () => (await proposalsOf(needId)).length === 1 && proposalsOf(needId));
      const bad = await http().post(`/matching/proposals/${p.proposalId}/reject`).send({ reasonCode: 'too-foreign' }).expect(400);
      expect(bad.body.message.join(' ')).toContain('reasonCode');
      await http()
        .post(`/matching/proposals/${p.proposalId}/reject`)
        .send({ reasonCode: 'other', comment: 'x'.repeat(501) })
        .expect(400);
      await http().post(`/matching/proposals/not-a-uuid/accept`).expect(400);
      await http().post(`/matching/proposals/${randomUUID()}/accept`).expect(404);
      expect((await http().get(`/matching/proposals/${p.proposalId}`).expect(200)).body.status).toBe('proposed');
      expect(published('ProposalReviewed', (x) => x.proposalId === p.proposalId)).toHaveLength(0);
    });

    it('lists the review queue by score, filtered by municipality and occupation', async () => {
      await eligibleCandidate({ waitingSince: '2023-01-01' });
      const needId = await postNeed({ occupations: ['9111'], workplaceMunicipality: '1496' });
      await eventually(async () => (await proposalsOf(needId)).length === 1);
      const { body } = await http().get('/matching/review-queue').query({ occupation: '9111', municipality: '1496' }).expect(200);
      expect(body.items.length).toBeGreaterThan(0);
      expect(
        body.items.every((p: { occupations: string[]; status: string }) => p.occupations.includes('9111') && p.status === 'proposed'),
      ).toBe(true);
      const all = (await http().get('/matching/review-queue').query({ limit: 200 }).expect(200)).body.items as Proposal[];
      const scores = all.map((p) => p.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      await http().get('/matching/review-queue').query({ municipality: 'Skövde' }).expect(400);
      await http().get('/matching/review-queue').query({ limit: 0 }).expect(400);
    });
  });

  describe('placements', () => {
    async function acceptedProposal(): Promise<Proposal> {
      await eligibleCandidate();
      const needId = await postNeed();
      const [p] = await eventually(async () => (await proposalsOf(needId)).length === 1 && proposalsOf(needId));
      await http().post(`/matching/proposals/${p.proposalId}/accept`).expect(200);
      return p;
    }
    const support = { supervisor: true, languageSupport: true, studyCounselling: false };
    // Only the employer's confirmation starts a placement.
    const confirm = (proposalId: string, body: object) =>
      http().post(`/matching/proposals/${proposalId}/confirm`).set(as('employer.lager')).send(body);

    it('does not let the employer see or confirm a proposal no coordinator has accepted, nor a coordinator confirm one', async () => {
      await eligibleCandidate();
      const needId = await postNeed();
      const [p] = await eventually(async () => (await proposalsOf(needId)).length === 1 && proposalsOf(needId));
      const res = await confirm(p.proposalId, { startDate: '2026-02-01', support }).expect(404);
      expect(res.body.code).toBe('PROPOSAL_NOT_FOUND');
      await http().post(`/matching/proposals/${p.proposalId}/confirm`).send({ startDate: '2026-02-01', support }).expect(403);
      expect(await db.query(`SELECT 1 FROM matching.placements WHERE proposal_id = $1`, [p.proposalId])).toHaveLength(0);
    });

    it('starts a placement no earlier than its acceptance (422 naming both days)', async () => {
      const p = await acceptedProposal();
      const today = swedishDay(new Date());
      const yesterday = swedishDay(new Date(Date.now() - 86_400_000));
      const res = await confirm(p.proposalId, { startDate: yesterday, support }).expect(422);
      expect(res.body.code).toBe('PLACEMENT_DATE_INVALID');
      expect(res.body.message).toContain(`${yesterday} is before the proposal was accepted on ${today}`);
      expect(await db.query(`SELECT 1 FROM matching.placements WHERE proposal_id = $1`, [p.proposalId])).toHaveLength(0);
      expect((await http().get(`/matching/proposals/${p.proposalId}`).expect(200)).body.status).toBe('accepted');
      const { body } = await confirm(p.proposalId, { startDate: today, support }).expect(201);
      // Follow-ups fall due from the real start: not one of them today.
      const early = await http()
        .post(`/matching/placements/${body.placementId}/follow-ups`)
        .send({ checkpointDays: 30, status: 'in-work' })
        .expect(409);
      expect(early.body.message).toContain('falls due on');
    });

    it('starts a placement from an accepted proposal, ends it and records follow-ups', async () => {
      // Accepted and placed on 2025-02-01, lived through to today: the history a placement of last year has.
      clock.travelTo('2025-02-01T09:00:00Z');
      let p: Proposal;
      try {
        p = await acceptedProposal();
      } finally {
        clock.backToNow();
      }
      await confirm(p.proposalId, { startDate: '2026-02-30', support }).expect(400);
      await confirm(p.proposalId, { startDate: '2026-02-01', support: { supervisor: true } }).expect(400);
      await confirm(p.proposalId, { startDate: '2025-01-31', support }).expect(422);
      const { body: placement } = await confirm(p.proposalId, { startDate: '2025-02-01', support }).expect(201);
      expect(placement).toMatchObject({
        proposalId: p.proposalId,
        candidateId: p.candidateId,
        status: 'started',
        startDate: '2025-02-01',
        support,
      });
      const started = await eventually(() => {
        const s = published('PlacementStarted', (x) => x.proposalId === p.proposalId);
        return s.length === 1 && s;
      });
      expect(started[0].payload).toMatchObject({
        placementId: placement.placementId,
        needId: p.needId,
        placementType: 'internship',
        support,
      });
      expect((await http().get(`/matching/proposals/${p.proposalId}`).expect(200)).body.status).toBe('placed');
      await confirm(p.proposalId, { startDate: '2025-02-01', support }).expect(409);

      await http()
        .post(`/matching/placements/${placement.placementId}/follow-ups`)
        .send({ checkpointDays: 45, status: 'in-work' })
        .expect(400);
      await http()
        .post(`/matching/placements/${placement.placementId}/follow-ups`)
        .send({ checkpointDays: 30, status: 'in-work' })
        .expect(201);
      await http()
        .post(`/matching/placements/${placement.placementId}/follow-ups`)
        .send({ checkpointDays: 30, status: 'other' })
        .expect(409);
      await http()
        .post(`/matching/placements/${placement.placementId}/end`)
        .send({ endDate: '2025-01-01', outcome: 'employed' })
        .expect(422);
      await http()
        .post(`/matching/placements/${placement.placementId}/end`)
        .send({ endDate: '2025-08-01', outcome: 'employed' })
        .expect(200);
      await http()
        .post(`/matching/placements/${placement.placementId}/end`)
        .send({ endDate: '2025-08-02', outcome: 'employed' })
        .expect(409);
      const { body } = await http().get(`/matching/placements/${placement.placementId}`).expect(200);
      expect(body).toMatchObject({
        status: 'ended',
        endDate: '2025-08-01',
        outcome: 'employed',
        followUps: [{ checkpointDays: 30, status: 'in-work' }],
      });
      await eventually(() => published('PlacementEnded', (x) => x.placementId === placement.placementId).length === 1);
      await eventually(() => published('FollowUpRecorded', (x) => x.placementId === placement.placementId).length === 1);
    });

    it('refuses a follow-up before the placement has started, and for an unknown placement', async () => {
      const p = await acceptedProposal();
      const { body: placement } = await confirm(p.proposalId, { startDate: '2099-01-01', support }).expect(201);
      const res = await http()
        .post(`/matching/placements/${placement.placementId}/follow-ups`)
        .send({ checkpointDays: 30, status: 'in-work' })
        .expect(409);
      expect(res.body.code).toBe('PLACEMENT_STATE_CONFLICT');
      expect((await http().get(`/matching/placements/${placement.placementId}`).expect(200)).body.followUps).toEqual([]);
      await http().post(`/matching/placements/${randomUUID()}/follow-ups`).send({ checkpointDays: 30, status: 'in-work' }).expect(404);
    });
  });

  describe('withdrawals', () => {
    it('withdraws the open proposals of a closed need', async () => {
      await eligibleCandidate();
      await eligibleCandidate();
      const need = needSnapshot(T);
      await events.publish(NeedPostedV1, need, need.needId);
      await eventually(async () => (await proposalsOf(need.needId, 'proposed')).length === 2);
      await events.publish(NeedClosedV1, { needId: need.needId, revision: 2, status: 'closed', reason: 'cancelled' }, need.needId, 2);
      const withdrawn = await eventually(async () => {
        const l = await proposalsOf(need.needId, 'withdrawn');
        return l.length === 2 && l;
      });
      expect(withdrawn.every((p) => p.withdrawalReason === 'need-closed')).toBe(true);
      await eventually(() => published('ProposalWithdrawn', (x) => x.needId === need.needId && x.reason === 'need-closed').length === 2);
      expect(await db.query(`SELECT 1 FROM matching.match_edges WHERE need_id = $1`, [need.needId])).toHaveLength(0);
    });

    it('withdraws her proposals when she withdraws consent, and proposes her again when she gives it back', async () => {
      const profile = candidateProfile();
      await events.publish(CandidateRegisteredV1, profile, profile.candidateId, 1);
      await events.publish(TaskValidatedV1, validation(profile.candidateId, T.lunch, 3), profile.candidateId, 2);
      const needId = await postNeed();
      await eventually(async () => (await proposalsOf(needId, 'proposed')).some((p) => p.candidateId === profile.candidateId));
      const consent = { candidateId: profile.candidateId, purpose: 'matching' as const, changedAt: new Date().toISOString() };
      await events.publish(ConsentChangedV1, { ...consent, revision: 3, given: false }, profile.candidateId, 3);
      await eventually(
        () => published('ProposalWithdrawn', (x) => x.candidateId === profile.candidateId && x.reason === 'consent-withdrawn').length === 1,
      );
      const mine = await proposalsOf(needId);
      expect(mine.find((p) => p.candidateId === profile.candidateId)?.status).toBe('withdrawn');
      // An older profile snapshot arriving late does not bring her consent back.
      await events.publish(CandidateProfileUpdatedV1, { ...profile, revision: 2 }, profile.candidateId, 2);
      await events.publish(ConsentChangedV1, { ...consent, revision: 4, given: true }, profile.candidateId, 4);
      await eventually(async () => (await proposalsOf(needId, 'proposed')).some((p) => p.candidateId === profile.candidateId));
    });

    it('on erasure withdraws her proposals and deletes her read-model rows and edges', async () => {
      const candidateId = await eligibleCandidate();
      const needId = await postNeed();
      const [p] = await eventually(async () => {
        const l = (await proposalsOf(needId)).filter((x) => x.candidateId === candidateId);
        return l.length === 1 && l;
      });
      await http().post(`/matching/proposals/${p.proposalId}/reject`).send({ reasonCode: 'other', comment: 'personal note' }).expect(200);
      const other = await postNeed({
        tasks: [
          { taskId: T.lunch, requiredLevel: 1, weight: 'must-have' },
          { taskId: T.cold, requiredLevel: 1, weight: 'nice-to-have' },
        ],
      });
      await eventually(async () => (await proposalsOf(other)).some((x) => x.candidateId === candidateId));
      await events.publish(CandidateErasedV1, { candidateId, erasedAt: new Date().toISOString() }, candidateId, 9);
      await eventually(
        () => published('ProposalWithdrawn', (x) => x.candidateId === candidateId && x.reason === 'candidate-erased').length >= 1,
      );
      await eventually(
        async () => (await db.query(`SELECT 1 FROM matching.proposals WHERE candidate_id = $1`, [candidateId])).length === 0,
      );
      for (const table of ['validations', 'candidate_task_levels', 'match_edges']) {
        expect(await db.query(`SELECT 1 FROM matching.${table} WHERE candidate_id = $1`, [candidateId])).toHaveLength(0);
      }
      // Her tombstone is her tag in matching.erasures, not a row keyed by her id.
      expect(await db.query(`SELECT 1 FROM matching.candidates WHERE candidate_id = $1`, [candidateId])).toEqual([]);
      expect(await db.query(`SELECT 1 FROM matching.erasures`)).toHaveLength(1);
      const [kept] = await db.query(`SELECT candidate_id, comment FROM matching.proposals WHERE proposal_id = $1`, [p.proposalId]);
      expect(kept.comment).toBeNull();
      expect(kept.candidate_id).not.toBe(candidateId);
    });
  });

  it('proposes two candidates together as a pair where the workplace allows pair internships', async () => {
    const a = await eligibleCandidate();
    const b = await eligibleCandidate();
    // Pairs are formed among the proposals one solve creates, so both must be known when the need arrives.
    await eventually(
      async () => (await db.query(`SELECT 1 FROM matching.candidate_task_levels WHERE candidate_id = ANY($1)`, [[a, b]])).length === 2,
    );
    const needId = await postNeed({ support: { supervisorCapacity: 2, pairInternshipAllowed: true, languageSupport: true } });
    const list = await eventually(async () => {
      const l = (await http().get(`/matching/needs/${needId}/proposals`).expect(200)).body.items as {
        candidateId: string;
        pairId: string | null;
      }[];
      return l.length === 2 && l;
    });
    expect(list.map((p) => p.candidateId).sort()).toEqual([a, b].sort());
    expect(list[0].pairId).toEqual(expect.any(String));
    expect(list[1].pairId).toBe(list[0].pairId);
    const created = await eventually(() => {
      const c = published('ProposalCreated', (p) => p.needId === needId);
      return c.length === 2 && c;
    });
    expect(created.map((e) => e.payload.pairId)).toEqual([list[0].pairId, list[0].pairId]);
  });

  describe('weights', () => {
    it('versions weights per region and scores new proposals with them', async () => {
      // Halland's admin keeps Halland's weights; a coordinator reads none of another region's, nor changes any.
      const halland = await createUser({ id: 'region:13', type: 'region', name: 'Region Halland', tenant: 'se-13', municipalities: [] }, [
        'admin',
      ]);
      const admin = () => authed(stack.apps.matching!.getHttpServer(), halland.headers);
      await http().get('/matching/weights/se-13').expect(403);
      const initial = await admin().get('/matching/weights/se-13').expect(200);
      expect(initial.body).toMatchObject({ version: 'default-v1', history: [] });
      const weights = { taskCoverage: 60, interests: 10, shortage: 10, waiting: 10, supportFit: 10 };
      const { body } = await admin().put('/matching/weights/se-13').send(weights).expect(200);
      expect(body).toMatchObject({ ...weights, version: 'se-13-v1', history: ['se-13-v1'] });
      await admin()
        .put('/matching/weights/se-13')
        .send({ ...weights, taskCoverage: 61 })
        .expect(422);
      await admin()
        .put('/matching/weights/se-13')
        .send({ ...weights, extra: 1 })
        .expect(400);
      await admin().put('/matching/weights/skåne').send(weights).expect(400);
      expect((await admin().get('/matching/weights/se-13').expect(200)).body.version).toBe('se-13-v1');
      await admin().put('/matching/weights/se-14').send(weights).expect(403);
      await deleteUser(halland);

      await eligibleCandidate({ homeMunicipality: '1280', maxCommuteMinutes: 30 });
      const needId = await postNeed({ workplaceMunicipality: '1280', countyCode: '12' });
      const malmoNeed = await eventually(async () => (await proposalsOf(needId)).length > 0 && proposalsOf(needId));
      expect(malmoNeed[0].explanation.weightsVersion).toBe('default-v1');
      // se-13 is Halland: a need there is scored with its weights.
      await eligibleCandidate({ homeMunicipality: '1380', maxCommuteMinutes: 30 });
      const hallandNeed = await postNeed({ workplaceMunicipality: '1380', countyCode: '13' });
      const [p] = await eventually(async () => (await proposalsOf(hallandNeed)).length > 0 && proposalsOf(hallandNeed));
      expect(p.explanation.weightsVersion).toBe('se-13-v1');
      expect(p.explanation.factors.find((f) => f.factor === 'taskCoverage')?.weight).toBe(60);
    });
  });

  it('replays the topics into a state identical to the live read models', async () => {
    // Let the consumer catch up: the last event's effect is visible.
    const marker = candidateProfile();
    await events.publish(CandidateRegisteredV1, marker, marker.candidateId);
    await eventually(
      async () => (await db.query(`SELECT 1 FROM matching.candidates WHERE candidate_id = $1`, [marker.candidateId])).length === 1,
    );
    const lines: string[] = [];
    const options = {
      databaseUrl: stack.databaseUrl,
      kafkaBrokers: testInfra().brokers,
      topicPrefix: stack.config.topicPrefix,
      progress: (l: string) => lines.push(l),
    };
    const report = await replayReadModels(options);
    expect(report.tables.map((t) => [t.table, t.onlyLive, t.onlyRebuilt])).toEqual(report.tables.map((t) => [t.table, 0, 0]));
    expect(report.equal).toBe(true);
    expect(report.liveHash).toBe(report.rebuiltHash);
    expect(report.tables.find((t) => t.table === 'needs')!.liveRows).toBeGreaterThan(10);
    expect(report.events.applied).toBeGreaterThan(20);
    expect(lines.some((l) => l.startsWith('replaying'))).toBe(true);

    // The comparison is not vacuous: a live row changed behind the projection's back is found.
    await db.query(
      `UPDATE matching.candidate_task_levels SET level = CASE WHEN level = 1 THEN 2 ELSE 1 END
       WHERE (candidate_id, task_id) = (SELECT candidate_id, task_id FROM matching.candidate_task_levels LIMIT 1)`,
    );
    const tampered = await replayReadModels(options);
    expect(tampered.equal).toBe(false);
    const levels = tampered.tables.find((t) => t.table === 'candidate_task_levels')!;
    expect(levels.onlyLive).toBe(1);
    expect(levels.onlyRebuilt).toBe(1);
  });
});
