import 'reflect-metadata';
import { CandidateRegisteredV1, EventEnvelope, NeedPostedV1, TaskValidatedV1, Topics } from '@jobbspar/contracts';
import { as, authed } from '../support/auth';
import { testInfra } from '../support/infra';
import { eventually, KafkaProbe } from '../support/kafka-probe';
import type { TestStack } from '../support/stack';
import { candidateProfile, EventDriver, freshTasks, needSnapshot, startMatchingOnly, validation } from './matching-fixture';

jest.setTimeout(90_000);

type Coverage = { taskId: string; required: number; reached: number | null; weight: string };
type Proposal = {
  proposalId: string;
  candidateId: string;
  status: string;
  score: number;
  acceptedScore: number | null;
  acceptedExplanation: { score: number; tasksCovered: Coverage[]; tasksMissing: Coverage[] } | null;
  explanation: { score: number; tasksCovered: Coverage[]; tasksMissing: Coverage[]; factors: { factor: string; detail: string }[] };
};

/**
 * Open proposals stay true (issue 10, item 1): a proposal made when her must-have first passed takes her current
 * score and explanation when she certifies more tasks, everywhere it is shown (the proposal, the need's list, the
 * review queue and its order), and ProposalRescored says so on the topic; an accepted proposal keeps the score it
 * was accepted with beside the current one.
 */
describe('open proposals carry the current score', () => {
  let stack: TestStack;
  let probe: KafkaProbe;
  let events: EventDriver;
  const http = () => authed(stack.apps.matching!.getHttpServer(), as('coordinator.skovde'));

  beforeAll(async () => {
    stack = await startMatchingOnly();
    probe = new KafkaProbe(testInfra().brokers);
    await probe.watch([stack.topic(Topics.proposals)]);
    events = new EventDriver(stack, probe);
  });

  afterAll(async () => {
    await probe?.close();
    await stack?.close();
  });

  const rescored = (proposalId: string): EventEnvelope<Record<string, unknown>>[] =>
    probe.envelopes().filter((e) => e.type === 'ProposalRescored' && e.payload.proposalId === proposalId);
  const ids = (list: Coverage[]) => list.map((t) => t.taskId).sort();

  it('re-scores a proposal when she certifies more tasks, shows the current score everywhere, and keeps the accepted one beside it', async () => {
    const T = freshTasks();
    const need = needSnapshot(T, {
      positions: 2,
      tasks: [
        { taskId: T.lunch, requiredLevel: 2, weight: 'must-have' },
        { taskId: T.dishes, requiredLevel: 1, weight: 'nice-to-have' },
        { taskId: T.cold, requiredLevel: 1, weight: 'nice-to-have' },
      ],
    });
    // Amina holds only the must-have; Berit holds it and the dishes, so she is ahead at first.
    const amina = candidateProfile();
    const berit = candidateProfile();
    await events.publish(CandidateRegisteredV1, amina, amina.candidateId);
    await events.publish(TaskValidatedV1, validation(amina.candidateId, T.lunch, 2), amina.candidateId, 2);
    await events.publish(CandidateRegisteredV1, berit, berit.candidateId);
    await events.publish(TaskValidatedV1, validation(berit.candidateId, T.lunch, 2), berit.candidateId, 2);
    await events.publish(TaskValidatedV1, validation(berit.candidateId, T.dishes, 1), berit.candidateId, 3);
    await events.publish(NeedPostedV1, need, need.needId);

    const queue = async (): Promise<Proposal[]> =>
      (await http().get('/matching/review-queue').query({ limit: 200 }).expect(200)).body.items;
    const hers = (list: Proposal[], candidateId: string) => list.find((p) => p.candidateId === candidateId);
    const first = await eventually(async () => {
      const q = await queue();
      const b = hers(q, berit.candidateId);
      // Berit's dishes are on her proposal (her validations and the need arrive in any order relative to each other).
      return hers(q, amina.candidateId) && b?.explanation.tasksCovered.some((t) => t.taskId === T.dishes) && q;
    });
    const before = hers(first, amina.candidateId)!;
    const beritScore = hers(first, berit.candidateId)!.score;
    expect(ids(before.explanation.tasksMissing)).toEqual([T.cold, T.dishes].sort());
    expect(before.score).toBeLessThan(beritScore);
    expect(first.map((p) => p.candidateId).indexOf(berit.candidateId)).toBeLessThan(
      first.map((p) => p.candidateId).indexOf(amina.candidateId),
    );

    // She certifies both nice-to-haves after the proposal exists.
    await events.publish(TaskValidatedV1, validation(amina.candidateId, T.dishes, 2), amina.candidateId, 3);
    await events.publish(TaskValidatedV1, validation(amina.candidateId, T.cold, 1), amina.candidateId, 4);

    const now = await eventually(async () => {
      const { body } = await http().get(`/matching/proposals/${before.proposalId}`).expect(200);
      return (body as Proposal).explanation.tasksMissing.length === 0 && (body as Proposal);
    });
    expect(now.status).toBe('proposed');
    expect(now.score).toBeGreaterThan(before.score);
    expect(now.score).toBeGreaterThan(beritScore);
    expect(now.explanation.score).toBe(now.score);
    expect(ids(now.explanation.tasksCovered)).toEqual([T.cold, T.dishes, T.lunch].sort());
    expect(now.explanation.factors.find((f) => f.factor === 'taskCoverage')!.detail).not.toEqual(
      before.explanation.factors.find((f) => f.factor === 'taskCoverage')!.detail,
    );
    expect(now.acceptedScore).toBeNull();
    expect(now.acceptedExplanation).toBeNull();

    // The need's list and the review queue show the same current score, and the queue's order follows it.
    const forNeed: Proposal[] = (await http().get(`/matching/needs/${need.needId}/proposals`).expect(200)).body.items;
    expect(hers(forNeed, amina.candidateId)).toMatchObject({ proposalId: before.proposalId, score: now.score });
    const after = await queue();
    expect(hers(after, amina.candidateId)!.score).toBe(now.score);
    expect(after.map((p) => p.candidateId).indexOf(amina.candidateId)).toBeLessThan(
      after.map((p) => p.candidateId).indexOf(berit.candidateId),
    );
    // The same proposal, not a new one: nothing was withdrawn or created for her (once her ProposalCreated is on the
    // wire: the relay publishes it in its own time, after the proposal is readable).
    const createdFor = () => probe.envelopes().filter((e) => e.type === 'ProposalCreated' && e.payload.candidateId === amina.candidateId);
    await eventually(() => createdFor().length > 0);
    expect(createdFor()).toHaveLength(1);

    const published = await eventually(() => {
      const found = rescored(before.proposalId);
      return found.some((e) => e.payload.score === now.score) && found;
    });
    const last = published[published.length - 1];
    expect(last.payload).toMatchObject({ needId: need.needId, candidateId: amina.candidateId, status: 'proposed', score: now.score });
    expect(published[0].payload.previousScore).toBe(before.score);
    expect(last.aggregateVersion).toBeGreaterThan(1);

    // Accepted, then more: she certifies the must-have at a higher level. The accepted score stays beside the current.
    const { body: accepted } = await http().post(`/matching/proposals/${before.proposalId}/accept`).expect(200);
    expect(accepted).toMatchObject({ status: 'accepted', score: now.score, acceptedScore: now.score });
    expect(accepted.acceptedExplanation).toEqual(accepted.explanation);
    const lunch3 = validation(amina.candidateId, T.lunch, 3);
    await events.publish(TaskValidatedV1, lunch3, amina.candidateId, 5);
    const later = await eventually(async () => {
      const { body } = await http().get(`/matching/proposals/${before.proposalId}`).expect(200);
      const lunch = (body as Proposal).explanation.tasksCovered.find((t) => t.taskId === T.lunch);
      return lunch?.reached === 3 && (body as Proposal);
    });
    expect(later).toMatchObject({ status: 'accepted', acceptedScore: now.score });
    // The explanation it was accepted with stays beside the current one: level 2 then, 3 now.
    expect(later.acceptedExplanation!.score).toBe(now.score);
    expect(later.acceptedExplanation!.tasksCovered.find((t) => t.taskId === T.lunch)!.reached).toBe(2);
    expect(later.score).toBeGreaterThanOrEqual(now.score);
    await eventually(() => rescored(before.proposalId).some((e) => e.payload.status === 'accepted'));
  });

  it("re-scores open proposals when the region's scoring weights change, and publishes ProposalRescored with the new version", async () => {
    const T = freshTasks();
    const need = needSnapshot(T);
    const cecilia = candidateProfile();
    await events.publish(CandidateRegisteredV1, cecilia, cecilia.candidateId);
    await events.publish(TaskValidatedV1, validation(cecilia.candidateId, T.lunch, 2), cecilia.candidateId, 2);
    await events.publish(NeedPostedV1, need, need.needId);
    const [before] = await eventually(async () => {
      const list: (Proposal & { weightsVersion: string })[] = (await http().get(`/matching/needs/${need.needId}/proposals`).expect(200))
        .body.items;
      return list.length === 1 && list;
    });
    expect(before.weightsVersion).toBe('default-v1');

    // Västra Götaland's admin puts task coverage first (the needs of these tests are in se-14).
    const weights = { taskCoverage: 70, interests: 10, shortage: 10, waiting: 5, supportFit: 5 };
    const { body: set } = await authed(stack.apps.matching!.getHttpServer(), as('admin.vg'))
      .put('/matching/weights/se-14')
      .send(weights)
      .expect(200);
    const version: string = set.version;

    // In the same transaction as the new version: the open proposal already carries it when the PUT answers.
    const { body: after } = await http().get(`/matching/proposals/${before.proposalId}`).expect(200);
    expect(after).toMatchObject({ status: 'proposed', weightsVersion: version });
    expect(after.explanation.factors.find((f: { factor: string }) => f.factor === 'taskCoverage')).toMatchObject({ weight: 70 });
    expect(after.score).not.toBe(before.score);
    const published = await eventually(() => rescored(before.proposalId).find((e) => e.payload.weightsVersion === version));
    expect(published.payload).toMatchObject({ score: after.score, previousScore: before.score, status: 'proposed' });
  });
});

/**
 * Supervisor capacity as a constraint (issue 10, item 8): a need's supervisors bound how many candidates who need
 * close supervision it is proposed with, beside its positions × M; an accepted one holds supervisor room too.
 */
describe("a need's supervisor capacity bounds its proposals of candidates who need close supervision", () => {
  let stack: TestStack;
  let probe: KafkaProbe;
  let events: EventDriver;
  const http = () => authed(stack.apps.matching!.getHttpServer(), as('coordinator.skovde'));

  beforeAll(async () => {
    stack = await startMatchingOnly();
    probe = new KafkaProbe(testInfra().brokers);
    events = new EventDriver(stack, probe);
  });

  afterAll(async () => {
    await probe?.close();
    await stack?.close();
  });

  it('proposes at most supervisor-capacity candidates who need close supervision, the best of them, and fills the rest with others', async () => {
    const T = freshTasks();
    // positions 2 × M 3 = 6 slots, but one supervisor.
    const need = needSnapshot(T, { positions: 2, support: { supervisorCapacity: 1, pairInternshipAllowed: false, languageSupport: true } });
    const register = async (closeSupervision: boolean, waitingSince: string) => {
      const p = candidateProfile({ supportNeeds: { closeSupervision, languageSupport: true }, waitingSince });
      await events.publish(CandidateRegisteredV1, p, p.candidateId);
      await events.publish(TaskValidatedV1, validation(p.candidateId, T.lunch, 2), p.candidateId, 2);
      return p.candidateId;
    };
    // Waiting longest scores best (within the two years that count): close-1 > close-2 > close-3.
    const close1 = await register(true, '2025-01-01');
    const close2 = await register(true, '2025-04-01');
    const close3 = await register(true, '2025-07-01');
    const free = await register(false, '2025-10-01');
    await events.publish(NeedPostedV1, need, need.needId);

    const proposed = async (): Promise<Proposal[]> =>
      (await http().get(`/matching/needs/${need.needId}/proposals`).query({ status: 'proposed' }).expect(200)).body.items;
    // The events of different candidates arrive in any order: wait for the optimum once all four are known.
    const ids = (list: Proposal[]) => list.map((p) => p.candidateId).sort();
    const first = await eventually(
      async () => {
        const list = await proposed();
        return JSON.stringify(ids(list)) === JSON.stringify([close1, free].sort()) && list;
      },
      30_000,
      'close-1 and free proposed, no other who needs close supervision',
    );

    // Accepted, close-1 still holds the supervisor: nobody else who needs close supervision is proposed.
    const p1 = first.find((p) => p.candidateId === close1)!;
    await http().post(`/matching/proposals/${p1.proposalId}/accept`).expect(200);
    // A second supervisor arrives with the need's next revision: the best one waiting is proposed.
    await events.publish(NeedPostedV1, { ...need, revision: 2, support: { ...need.support, supervisorCapacity: 2 } }, need.needId, 2);
    const after = await eventually(async () => {
      const list = await proposed();
      return list.some((p) => p.candidateId === close2) && list;
    });
    expect(ids(after)).toEqual([close2, free].sort());
    expect(ids(after)).not.toContain(close3);
  });

  it('pairs a new candidate with one proposed alone in an earlier solve where the workplace allows pair internships', async () => {
    const T = freshTasks();
    const need = needSnapshot(T, { positions: 2, support: { supervisorCapacity: 5, pairInternshipAllowed: true, languageSupport: true } });
    const first = candidateProfile();
    await events.publish(CandidateRegisteredV1, first, first.candidateId);
    await events.publish(TaskValidatedV1, validation(first.candidateId, T.lunch, 2), first.candidateId, 2);
    await events.publish(NeedPostedV1, need, need.needId);
    type Paired = { candidateId: string; pairId: string | null; proposalId: string };
    const list = async (): Promise<Paired[]> => (await http().get(`/matching/needs/${need.needId}/proposals`).expect(200)).body.items;
    const [alone] = await eventually(async () => {
      const l = await list();
      return l.length === 1 && l;
    });
    expect(alone).toMatchObject({ candidateId: first.candidateId, pairId: null });

    // She arrives later, in another solve: the two are proposed as a pair.
    const second = candidateProfile();
    await events.publish(CandidateRegisteredV1, second, second.candidateId);
    await events.publish(TaskValidatedV1, validation(second.candidateId, T.lunch, 2), second.candidateId, 2);
    const both = await eventually(async () => {
      const l = await list();
      return l.length === 2 && l.every((p) => p.pairId !== null) && l;
    });
    expect(both[0].pairId).toBe(both[1].pairId);
    expect(both.find((p) => p.candidateId === first.candidateId)!.proposalId).toBe(alone.proposalId);
  });
});
