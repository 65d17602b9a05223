import 'reflect-metadata';
import { CandidateRegisteredV1, EmployerRegisteredV1, NeedPostedV1, TaskValidatedV1 } from '@jobbspar/contracts';
import { as, authed, type DemoUser } from '../support/auth';
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
  SKOVDE,
  startMatchingOnly,
  validation,
} from './matching-fixture';

jest.setTimeout(120_000);

type Holding = { proposalId: string | null; needId: string | null; score: number };
type Why = {
  candidateId: string;
  needId: string;
  verdict: string;
  proposalId: string | null;
  filters: {
    passed: boolean;
    commute: { passed: boolean; minutes: number | null; maxMinutes: number | null };
    availableByStart: { passed: boolean; availableFrom: string | null; startsOn: string };
    consent: { passed: boolean };
    notRejectedBefore: { passed: boolean };
    mustHaves: { passed: boolean; taskId: string; required: number; reached: number | null }[];
  };
  homeMunicipality: string | null;
  score: number | null;
  factors: { factor: string; weight: number; value: number; contribution: number }[];
  capacity: {
    decidedBy: string[];
    scoreNeeded: number | null;
    needSlots: number | null;
    needHeldBy: Holding[];
    candidateSlots: number | null;
  };
};

/**
 * Why and why not (issue 10, item 7) on matching-service alone, driven by contract events on the real broker and
 * PostgreSQL: a candidate failing on her commute and on a must-have (the values shown), one who passes but is
 * out-competed (the score she needs is right: raised above it she is proposed), one proposed; who may ask. Every
 * response is checked against /openapi.json (test/support/contract-check.ts).
 */
describe('why and why not a candidate for a need', () => {
  let stack: TestStack;
  let probe: KafkaProbe;
  let events: EventDriver;
  const api = (user: DemoUser) => authed(stack.apps.matching!.getHttpServer(), as(user));
  const why = async (candidateId: string, needId: string, user: DemoUser = 'coordinator.skovde'): Promise<Why> =>
    (await api(user).get(`/matching/candidates/${candidateId}/why`).query({ needId }).expect(200)).body;

  beforeAll(async () => {
    stack = await startMatchingOnly();
    probe = new KafkaProbe(testInfra().brokers);
    events = new EventDriver(stack, probe);
    await events.publish(EmployerRegisteredV1, LAGER, LAGER.employerId);
  });

  afterAll(async () => {
    await probe?.close();
    await stack?.close();
  });

  it('shows a commute over her maximum and a must-have below its level, each with its values', async () => {
    const T = freshTasks();
    const need = needSnapshot(T);
    await events.publish(NeedPostedV1, need, need.needId);
    // Lidköping is 57 minutes from Skövde; she accepts 30.
    const far = candidateProfile({ homeMunicipality: LIDKOPING, maxCommuteMinutes: 30 });
    await events.publish(CandidateRegisteredV1, far, far.candidateId);
    await events.publish(TaskValidatedV1, validation(far.candidateId, T.lunch, 2), far.candidateId, 2);
    // She holds the must-have at level 1; the role requires 2.
    const low = candidateProfile();
    await events.publish(CandidateRegisteredV1, low, low.candidateId);
    await events.publish(TaskValidatedV1, validation(low.candidateId, T.lunch, 1), low.candidateId, 2);

    // She lives outside Skövde's coordinator's area: Västra Götaland's admin asks (the need is in her region).
    const farAnswer = await eventually(async () => {
      const a = await api('admin.vg').get(`/matching/candidates/${far.candidateId}/why`).query({ needId: need.needId });
      return a.status === 200 && (a.body as Why).filters.mustHaves[0]?.reached === 2 && (a.body as Why);
    });
    expect(farAnswer).toMatchObject({ verdict: 'filtered-out', homeMunicipality: LIDKOPING, score: null, factors: [], proposalId: null });
    expect(farAnswer.filters.commute).toEqual({ passed: false, minutes: 57, maxMinutes: 30 });
    expect(farAnswer.filters).toMatchObject({ passed: false, consent: { passed: true }, notRejectedBefore: { passed: true } });
    expect(farAnswer.capacity).toMatchObject({ decidedBy: [], scoreNeeded: null });

    const lowAnswer = await eventually(async () => {
      const a = await api('coordinator.skovde').get(`/matching/candidates/${low.candidateId}/why`).query({ needId: need.needId });
      return a.status === 200 && (a.body as Why).filters.mustHaves[0]?.reached === 1 && (a.body as Why);
    });
    expect(lowAnswer.verdict).toBe('filtered-out');
    expect(lowAnswer.filters.commute).toMatchObject({ passed: true, maxMinutes: 60 });
    expect(lowAnswer.filters.mustHaves).toEqual([{ passed: false, taskId: T.lunch, required: 2, reached: 1 }]);

    // Change the input, see the verdict change: she certifies the level, and is proposed.
    await events.publish(TaskValidatedV1, validation(low.candidateId, T.lunch, 2), low.candidateId, 3);
    const proposed = await eventually(async () => {
      const a = await why(low.candidateId, need.needId);
      return a.verdict === 'proposed' && a;
    });
    const { body: list } = await api('coordinator.skovde').get(`/matching/needs/${need.needId}/proposals`).expect(200);
    expect(proposed.proposalId).toBe(list.items.find((p: { candidateId: string }) => p.candidateId === low.candidateId).proposalId);
    expect(proposed.filters.passed).toBe(true);
    expect(proposed.factors.map((f) => f.factor)).toEqual(['taskCoverage', 'interests', 'shortage', 'waiting', 'supportFit']);
    expect(Math.round(proposed.factors.reduce((s, f) => s + f.contribution, 0) * 100)).toBe(Math.round(proposed.score! * 100));
  });

  it('names the full slots and their scores for one out-competed, and the score she needs: raised above it, she is proposed', async () => {
    const T = freshTasks();
    // One position × M 3: three slots.
    const need = needSnapshot(T, { startDate: '2026-01-01' });
    await events.publish(NeedPostedV1, need, need.needId);
    const others: string[] = [];
    for (let i = 0; i < 3; i++) {
      const p = candidateProfile({ waitingSince: '2023-01-01' });
      await events.publish(CandidateRegisteredV1, p, p.candidateId);
      await events.publish(TaskValidatedV1, validation(p.candidateId, T.lunch, 2), p.candidateId, 2);
      others.push(p.candidateId);
    }
    // She has waited the shortest time: she scores least.
    const her = candidateProfile({ waitingSince: '2026-06-01' });
    await events.publish(CandidateRegisteredV1, her, her.candidateId);
    await events.publish(TaskValidatedV1, validation(her.candidateId, T.lunch, 2), her.candidateId, 2);

    const out = await eventually(async () => {
      const a = await api('coordinator.skovde').get(`/matching/candidates/${her.candidateId}/why`).query({ needId: need.needId });
      return a.status === 200 && (a.body as Why).capacity.needHeldBy.length === 3 && (a.body as Why);
    }, 60_000);
    expect(out.verdict).toBe('out-competed');
    expect(out.capacity).toMatchObject({ decidedBy: ['need-slots'], needSlots: 3, candidateSlots: 3 });
    const { body: list } = await api('coordinator.skovde')
      .get(`/matching/needs/${need.needId}/proposals`)
      .query({ status: 'proposed' })
      .expect(200);
    const held = list.items as { proposalId: string; candidateId: string; score: number }[];
    expect(held.map((p) => p.candidateId).sort()).toEqual([...others].sort());
    expect(out.capacity.needHeldBy.map((h) => h.proposalId).sort()).toEqual(held.map((p) => p.proposalId).sort());
    expect(out.capacity.needHeldBy.map((h) => h.score)).toEqual(held.map((p) => p.score).sort((a, b) => b - a));
    // The others have nowhere else to go: she must beat the lowest of them, by a cent.
    const lowest = Math.min(...held.map((p) => p.score));
    expect(out.capacity.scoreNeeded).toBe(Math.round(lowest * 100 + 1) / 100);
    expect(out.score!).toBeLessThan(out.capacity.scoreNeeded!);
    // No other candidate's id in the answer: only the scores of the proposals that hold the room.
    expect(JSON.stringify(out)).not.toContain(others[0]);

    // The employer of the need asks too: the pseudonymous side, no proposal ids before acceptance, no home.
    const employer = await why(her.candidateId, need.needId, 'employer.lager');
    expect(employer).toMatchObject({ verdict: 'out-competed', homeMunicipality: null, proposalId: null });
    // Competence, not circumstances: the verdicts of availability and commute, without her date, minutes or limit.
    expect(employer.filters.availableByStart).toEqual({ ...out.filters.availableByStart, availableFrom: null });
    expect(out.filters.availableByStart.availableFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(employer.filters.commute).toEqual({ passed: true, minutes: null, maxMinutes: null });
    expect(out.filters.commute.maxMinutes).toEqual(expect.any(Number));
    expect(employer.filters.mustHaves).toEqual(out.filters.mustHaves);
    expect(employer.capacity.needHeldBy.every((h) => h.proposalId === null && h.needId === need.needId)).toBe(true);
    expect(employer.capacity.scoreNeeded).toBe(out.capacity.scoreNeeded);

    // She certifies the nice-to-have: her score rises above what she needed, and matching proposes her.
    await events.publish(TaskValidatedV1, validation(her.candidateId, T.dishes, 1), her.candidateId, 3);
    const proposed = await eventually(async () => {
      const a = await why(her.candidateId, need.needId);
      return a.verdict === 'proposed' && a;
    }, 60_000);
    expect(proposed.score!).toBeGreaterThanOrEqual(out.capacity.scoreNeeded!);
    const { body: after } = await api('coordinator.skovde')
      .get(`/matching/needs/${need.needId}/proposals`)
      .query({ status: 'proposed' })
      .expect(200);
    expect(after.items.find((p: { candidateId: string }) => p.candidateId === her.candidateId).proposalId).toBe(proposed.proposalId);
  });

  it('answers 404 to a coordinator of another area and to another employer, 403 to roles without it, and audits the read', async () => {
    const T = freshTasks();
    const need = needSnapshot(T);
    await events.publish(NeedPostedV1, need, need.needId);
    const her = candidateProfile({ homeMunicipality: SKOVDE });
    await events.publish(CandidateRegisteredV1, her, her.candidateId);
    await eventually(async () => {
      const a = await api('coordinator.skovde').get(`/matching/candidates/${her.candidateId}/why`).query({ needId: need.needId });
      return a.status === 200;
    });
    const get = (user: DemoUser) => api(user).get(`/matching/candidates/${her.candidateId}/why`).query({ needId: need.needId });
    expect((await get('coordinator.fh').expect(404)).body.code).toBe('CANDIDATE_NOT_FOUND');
    expect((await get('employer.sundet').expect(404)).body.code).toBe('NEED_NOT_FOUND');
    expect((await get('admin.skane').expect(404)).body.code).toBe('NEED_NOT_FOUND');
    await get('admin.vg').expect(200);
    await get('analyst.vg').expect(403);
    await get('supervisor.skovde').expect(403);
    await api('coordinator.skovde').get(`/matching/candidates/${her.candidateId}/why`).query({ needId: 'not-a-uuid' }).expect(400);

    const audit = await eventually(async () => {
      const { body } = await api('admin.vg').get('/audit/matching-service').query({ objectId: her.candidateId }).expect(200);
      const items = (body.items as { operation: string; outcome: string }[]).filter((e) => e.operation === 'WhyController_pair');
      return items.length >= 2 && items;
    });
    expect(audit.map((e) => e.outcome)).toEqual(expect.arrayContaining(['success']));
  });
});
