import 'reflect-metadata';
import { CandidateRegisteredV1, EventEnvelope, NeedPostedV1, TaskValidatedV1, Topics } from '@jobbspar/contracts';
import request from 'supertest';
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
  const http = () => request(stack.apps.matching!.getHttpServer());

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
      return hers(q, amina.candidateId) && hers(q, berit.candidateId) && q;
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

    // The need's list and the review queue show the same current score, and the queue's order follows it.
    const forNeed: Proposal[] = (await http().get(`/matching/needs/${need.needId}/proposals`).expect(200)).body.items;
    expect(hers(forNeed, amina.candidateId)).toMatchObject({ proposalId: before.proposalId, score: now.score });
    const after = await queue();
    expect(hers(after, amina.candidateId)!.score).toBe(now.score);
    expect(after.map((p) => p.candidateId).indexOf(amina.candidateId)).toBeLessThan(
      after.map((p) => p.candidateId).indexOf(berit.candidateId),
    );
    // The same proposal, not a new one: nothing was withdrawn or created for her.
    const created = probe.envelopes().filter((e) => e.type === 'ProposalCreated' && e.payload.candidateId === amina.candidateId);
    expect(created).toHaveLength(1);

    const published = await eventually(() => {
      const found = rescored(before.proposalId);
      return found.some((e) => e.payload.score === now.score) && found;
    });
    const last = published[published.length - 1];
    expect(last.payload).toMatchObject({ needId: need.needId, candidateId: amina.candidateId, status: 'proposed', score: now.score });
    expect(published[0].payload.previousScore).toBe(before.score);
    expect(last.aggregateVersion).toBeGreaterThan(1);

    // Accepted, then more: she certifies the must-have at a higher level. The accepted score stays beside the current.
    const { body: accepted } = await http()
      .post(`/matching/proposals/${before.proposalId}/accept`)
      .set({ 'x-actor': 'coordinator:c-1' })
      .expect(200);
    expect(accepted).toMatchObject({ status: 'accepted', score: now.score, acceptedScore: now.score });
    const lunch3 = validation(amina.candidateId, T.lunch, 3);
    await events.publish(TaskValidatedV1, lunch3, amina.candidateId, 5);
    const later = await eventually(async () => {
      const { body } = await http().get(`/matching/proposals/${before.proposalId}`).expect(200);
      const lunch = (body as Proposal).explanation.tasksCovered.find((t) => t.taskId === T.lunch);
      return lunch?.reached === 3 && (body as Proposal);
    });
    expect(later).toMatchObject({ status: 'accepted', acceptedScore: now.score });
    expect(later.score).toBeGreaterThanOrEqual(now.score);
    await eventually(() => rescored(before.proposalId).some((e) => e.payload.status === 'accepted'));
  });
});
