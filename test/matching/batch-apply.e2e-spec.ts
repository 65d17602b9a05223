import 'reflect-metadata';
import { CandidateRegisteredV1, ConsentChangedV1, EventEnvelope, NeedPostedV1, TaskValidatedV1, Topics } from '@jobbspar/contracts';
import { DataSource } from 'typeorm';
import { testInfra } from '../support/infra';
import { eventually, KafkaProbe } from '../support/kafka-probe';
import type { TestStack } from '../support/stack';
import { candidateProfile, EventDriver, freshTasks, needSnapshot, startMatchingOnly, validation } from './matching-fixture';

/**
 * Issue 14 item 1 in matching-service: the events of one transport batch are applied in one transaction and what
 * they touched is matched once at the batch's end (BatchScope), through real Kafka.
 */
jest.setTimeout(90_000);

describe('matching-service applies a batch of events and matches it once', () => {
  let stack: TestStack;
  let probe: KafkaProbe;
  let events: EventDriver;
  let db: DataSource;

  beforeAll(async () => {
    stack = await startMatchingOnly();
    probe = new KafkaProbe(testInfra().brokers);
    await probe.watch([stack.topic(Topics.proposals)]);
    events = new EventDriver(stack, probe);
    db = new DataSource({ type: 'postgres', url: stack.databaseUrl });
    await db.initialize();
  });

  afterAll(async () => {
    await probe?.close();
    await db?.destroy();
    await stack?.close();
  });

  it('scores a candidate whose registration and validations arrive together once, as the batch left her', async () => {
    const T = freshTasks();
    const need = needSnapshot(T);
    await events.publish(NeedPostedV1, need, need.needId, need.revision);
    await eventually(async () => (await db.query(`SELECT 1 FROM matching.needs WHERE need_id = $1`, [need.needId])).length === 1);

    // One produce request: one record batch on her partition, fetched and applied as one transport batch.
    const profile = candidateProfile();
    const id = profile.candidateId;
    const batch: EventEnvelope<object>[] = [
      events.envelope(CandidateRegisteredV1, profile, id, 1),
      events.envelope(TaskValidatedV1, validation(id, T.lunch, 2), id, 2),
      events.envelope(TaskValidatedV1, validation(id, T.dishes, 1), id, 3),
    ];
    await probe.produce(
      stack.topic(Topics.candidates),
      batch.map((e) => ({ key: id, value: JSON.stringify(e) })),
    );

    const ofNeed = (type: string) =>
      probe.envelopes().filter((e) => e.type === type && (e.payload as { needId?: string }).needId === need.needId);
    const [created] = await eventually(() => ofNeed('ProposalCreated').length > 0 && ofNeed('ProposalCreated'));
    // Give a second solve (an event applied on its own) the time to show up.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // Matched once, at the batch's end: one proposal, scored with both validations (event by event it would have
    // been proposed on the first validation and rescored on the second), on behalf of the last event that touched her.
    expect(ofNeed('ProposalCreated')).toHaveLength(1);
    expect(ofNeed('ProposalRescored')).toHaveLength(0);
    expect(created.payload).toMatchObject({ candidateId: id });
    expect(created.causationId).toBe(batch[2].eventId);
    const [edge] = await db.query(`SELECT score FROM matching.match_edges WHERE need_id = $1 AND candidate_id = $2`, [need.needId, id]);
    expect(Number(edge.score)).toBe((created.payload as { score: number }).score);
    // Her whole batch is in the inbox, once.
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM matching.inbox WHERE event_id = ANY($1::uuid[])`, [
      batch.map((e) => e.eventId),
    ]);
    expect(n).toBe(3);
  });

  it('matches the candidates of one batch together: each once, the ineligible ones not at all', async () => {
    const T = freshTasks();
    const need = needSnapshot(T);
    await events.publish(NeedPostedV1, need, need.needId, need.revision);
    await eventually(async () => (await db.query(`SELECT 1 FROM matching.needs WHERE need_id = $1`, [need.needId])).length === 1);

    const best = candidateProfile();
    const next = candidateProfile();
    const noConsent = candidateProfile({ matchingConsent: false });
    const farAway = candidateProfile({ homeMunicipality: '2584', maxCommuteMinutes: 30 });
    const noValidations = candidateProfile();
    const histories: EventEnvelope<object>[][] = [
      [
        events.envelope(CandidateRegisteredV1, best, best.candidateId, 1),
        events.envelope(TaskValidatedV1, validation(best.candidateId, T.lunch, 3), best.candidateId, 2),
        events.envelope(TaskValidatedV1, validation(best.candidateId, T.dishes, 1), best.candidateId, 3),
      ],
      [
        events.envelope(CandidateRegisteredV1, next, next.candidateId, 1),
        events.envelope(TaskValidatedV1, validation(next.candidateId, T.lunch, 2), next.candidateId, 2),
      ],
      [
        events.envelope(CandidateRegisteredV1, noConsent, noConsent.candidateId, 1),
        events.envelope(TaskValidatedV1, validation(noConsent.candidateId, T.lunch, 3), noConsent.candidateId, 2),
      ],
      [
        events.envelope(CandidateRegisteredV1, farAway, farAway.candidateId, 1),
        events.envelope(TaskValidatedV1, validation(farAway.candidateId, T.lunch, 3), farAway.candidateId, 2),
      ],
      [events.envelope(CandidateRegisteredV1, noValidations, noValidations.candidateId, 1)],
    ];
    // Interleaved, each candidate's events in her order, all on one partition: one transport batch.
    const batch = [0, 1, 2].flatMap((i) => histories.flatMap((h) => (h[i] ? [h[i]] : [])));
    await probe.produce(
      stack.topic(Topics.candidates),
      batch.map((e) => ({ key: e.aggregateId, value: JSON.stringify(e), partition: 0 })),
    );

    const ofNeed = (type: string) =>
      probe.envelopes().filter((e) => e.type === type && (e.payload as { needId?: string }).needId === need.needId);
    await eventually(() => ofNeed('ProposalCreated').length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const created = ofNeed('ProposalCreated');
    const byCandidate = new Map(created.map((e) => [(e.payload as { candidateId: string }).candidateId, e]));
    expect(created).toHaveLength(2);
    expect([...byCandidate.keys()].sort()).toEqual([best.candidateId, next.candidateId].sort());
    // A need's new proposals are made together (pair internships form per need), on behalf of the last event of
    // one of the candidates proposed.
    expect(new Set(created.map((e) => e.causationId)).size).toBe(1);
    expect([histories[0][2].eventId, histories[1][1].eventId]).toContain(created[0].causationId);
    expect((byCandidate.get(best.candidateId)!.payload as { score: number }).score).toBeGreaterThan(
      (byCandidate.get(next.candidateId)!.payload as { score: number }).score,
    );
    const edges = await db.query(`SELECT candidate_id FROM matching.match_edges WHERE need_id = $1 ORDER BY candidate_id`, [need.needId]);
    expect(edges.map((e: { candidate_id: string }) => e.candidate_id)).toEqual([best.candidateId, next.candidateId].sort());
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM matching.inbox WHERE event_id = ANY($1::uuid[])`, [
      batch.map((e) => e.eventId),
    ]);
    expect(n).toBe(batch.length);

    // The batch left the assignment with her capacity: when her consent comes, she takes the third slot on her own.
    const consent = {
      candidateId: noConsent.candidateId,
      revision: 3,
      purpose: 'matching' as const,
      given: true,
      changedAt: '2026-01-02T10:00:00Z',
    };
    await events.publish(ConsentChangedV1, consent, noConsent.candidateId, 3);
    await eventually(() => ofNeed('ProposalCreated').length === 3);
    expect((ofNeed('ProposalCreated')[2].payload as { candidateId: string }).candidateId).toBe(noConsent.candidateId);
  });

  it('after a batch that fails halfway, matches from what committed: the event that failed leaves nothing behind', async () => {
    const T = freshTasks();
    const first = needSnapshot(T);
    await events.publish(NeedPostedV1, first, first.needId, first.revision);
    await eventually(async () => (await db.query(`SELECT 1 FROM matching.needs WHERE need_id = $1`, [first.needId])).length === 1);

    const poisoned = candidateProfile();
    const good = candidateProfile();
    const batch: EventEnvelope<object>[] = [
      events.envelope(CandidateRegisteredV1, poisoned, poisoned.candidateId, 1),
      events.envelope(CandidateRegisteredV1, good, good.candidateId, 1),
      events.envelope(TaskValidatedV1, validation(poisoned.candidateId, T.lunch, 3), poisoned.candidateId, 2),
      events.envelope(TaskValidatedV1, validation(good.candidateId, T.lunch, 2), good.candidateId, 2),
    ];
    // Her edges cannot be written (a check violation: permanent), so the batch fails at its end, after the engine
    // read her new level; it is rolled back and applied event by event, and her validation is dead-lettered.
    const tag = poisoned.candidateId.replace(/-/g, '');
    await db.query(
      `CREATE FUNCTION matching.refuse_${tag}() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'refused by the test' USING ERRCODE = '23514'; END $$`,
    );
    await db.query(
      `CREATE TRIGGER refuse_${tag} BEFORE INSERT ON matching.match_edges FOR EACH ROW
       WHEN (NEW.candidate_id = '${poisoned.candidateId}') EXECUTE FUNCTION matching.refuse_${tag}()`,
    );
    const applied = async (): Promise<string[]> =>
      (await db.query(`SELECT event_id FROM matching.inbox WHERE event_id = ANY($1::uuid[])`, [batch.map((e) => e.eventId)])).map(
        (r: { event_id: string }) => r.event_id,
      );
    try {
      await probe.produce(
        stack.topic(Topics.candidates),
        batch.map((e) => ({ key: e.aggregateId, value: JSON.stringify(e), partition: 0 })),
      );
      await eventually(async () => (await applied()).length === 3, 30_000, 'the batch applied event by event');
    } finally {
      await db.query(`DROP TRIGGER refuse_${tag} ON matching.match_edges`);
      await db.query(`DROP FUNCTION matching.refuse_${tag}()`);
    }
    expect((await applied()).sort()).toEqual([batch[0], batch[1], batch[3]].map((e) => e.eventId).sort());
    const levels = await db.query(`SELECT 1 FROM matching.candidate_task_levels WHERE candidate_id = $1`, [poisoned.candidateId]);
    expect(levels).toHaveLength(0);

    // A need asking her task now: the good one is proposed, she is not (her level was never committed, and the
    // engine's memory of her from the failed batch went with its rollback).
    const second = needSnapshot(T);
    await events.publish(NeedPostedV1, second, second.needId, second.revision);
    const ofNeed = (needId: string) =>
      probe
        .envelopes()
        .filter((e) => e.type === 'ProposalCreated' && (e.payload as { needId?: string }).needId === needId)
        .map((e) => (e.payload as { candidateId: string }).candidateId);
    await eventually(() => ofNeed(second.needId).includes(good.candidateId));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(ofNeed(second.needId)).toEqual([good.candidateId]);
    expect(ofNeed(first.needId)).toEqual([good.candidateId]);
  });
});
