import 'reflect-metadata';
import {
  CandidateProfileUpdatedV1,
  CandidateRegisteredV1,
  ConsentChangedV1,
  deadLetterTopic,
  NeedPostedV1,
  TaskValidatedV1,
  Topics,
} from '@jobbspar/contracts';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ReplayAborted, replayReadModels } from '../../apps/matching-service/src/read-models/infrastructure/replay-read-models';
import { testInfra } from '../support/infra';
import { eventually, KafkaProbe } from '../support/kafka-probe';
import type { TestStack } from '../support/stack';
import { candidateProfile, EventDriver, freshTasks, needSnapshot, startMatchingOnly, validation } from './matching-fixture';
import { as } from '../support/auth';

/**
 * Issue 13, defects 1 and 3 through real Kafka: replay after a readable event was dead-lettered live (it used to
 * retry that event forever and, killed, leave its scratch schema), and a consent change that overtakes her
 * registration (it used to discard her profile, so she could never match).
 */
jest.setTimeout(120_000);

describe('replay and out-of-order events, through Kafka', () => {
  let stack: TestStack;
  let probe: KafkaProbe;
  let deadLetters: KafkaProbe;
  let events: EventDriver;
  let db: DataSource;
  const T = freshTasks();

  const scratchSchemas = async (): Promise<string[]> =>
    (await db.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'matching\\_replay\\_%' ORDER BY 1`)).map(
      (r: { nspname: string }) => r.nspname,
    );
  const replayOptions = () => ({
    databaseUrl: stack.databaseUrl,
    kafkaBrokers: testInfra().brokers,
    topicPrefix: stack.config.topicPrefix,
  });

  beforeAll(async () => {
    stack = await startMatchingOnly();
    probe = new KafkaProbe(testInfra().brokers);
    await probe.watch([stack.topic(Topics.proposals)]);
    deadLetters = new KafkaProbe(testInfra().brokers);
    await deadLetters.watch([deadLetterTopic(stack.config.topicPrefix, 'matching-service')]);
    events = new EventDriver(stack, probe);
    db = new DataSource({ type: 'postgres', url: stack.databaseUrl });
    await db.initialize();
  });

  afterAll(async () => {
    await probe?.close();
    await deadLetters?.close();
    await db?.destroy();
    await stack?.close();
  });

  it('proposes a candidate whose consent change overtook her registration', async () => {
    const need = needSnapshot(T);
    await events.publish(NeedPostedV1, need, need.needId, need.revision);
    const profile = candidateProfile();
    // Revision 2 first, then the registration (revision 1) it overtook, then her validation.
    await events.publish(
      ConsentChangedV1,
      { candidateId: profile.candidateId, revision: 2, purpose: 'matching', given: true, changedAt: '2026-01-01T10:00:00Z' },
      profile.candidateId,
      2,
    );
    await events.publish(CandidateRegisteredV1, profile, profile.candidateId, 1);
    await events.publish(TaskValidatedV1, validation(profile.candidateId, T.lunch, 2), profile.candidateId, 2);

    const proposals = await eventually(
      async () => {
        const items = (
          await request(stack.apps.matching!.getHttpServer())
            .get(`/matching/needs/${need.needId}/proposals`)
            .set(as('coordinator.skovde'))
            .expect(200)
        ).body.items as { candidateId: string }[];
        return items.some((p) => p.candidateId === profile.candidateId) && items;
      },
      30_000,
      'her proposal',
    );
    expect(proposals.map((p) => p.candidateId)).toContain(profile.candidateId);
    const [row] = await db.query(
      `SELECT profile IS NOT NULL AS has_profile, matching_consent FROM matching.candidates WHERE candidate_id = $1`,
      [profile.candidateId],
    );
    expect(row).toEqual({ has_profile: true, matching_consent: true });
  });

  it('finishes after an event the live consumer dead-lettered, reports it, equals live, and drops abandoned scratch schemas', async () => {
    // Readable, but its revision overflows the column: the live consumer dead-letters it (SQLSTATE 22003).
    const profile = candidateProfile();
    await events.publish(CandidateRegisteredV1, profile, profile.candidateId, 1);
    const overflow = await events.publish(
      CandidateProfileUpdatedV1,
      { ...profile, revision: 3_000_000_000 },
      profile.candidateId,
      3_000_000_000,
    );
    await eventually(
      () => deadLetters.messages.some((m) => JSON.parse(m.value!).eventId === overflow.eventId),
      30_000,
      'the overflowing event dead-lettered live',
    );
    const marker = candidateProfile();
    await events.publish(CandidateRegisteredV1, marker, marker.candidateId);
    await eventually(
      async () => (await db.query(`SELECT 1 FROM matching.candidates WHERE candidate_id = $1`, [marker.candidateId])).length === 1,
    );
    // What a replay killed with SIGKILL leaves behind: a scratch schema nobody holds.
    await db.query(`CREATE SCHEMA matching_replay_abandoned1 CREATE TABLE leftover (id int)`);

    const lines: string[] = [];
    const started = Date.now();
    const report = await Promise.race([
      replayReadModels({ ...replayOptions(), progress: (l) => lines.push(l) }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('replay did not finish within 60 s')), 60_000)),
    ]);

    expect(report.events.rejected).toBe(1);
    expect(report.rejected).toEqual([
      expect.objectContaining({ eventId: overflow.eventId, type: 'CandidateProfileUpdated', reason: expect.stringMatching(/22003/) }),
    ]);
    expect(report.rejected[0].reason).not.toContain('3000000000');
    expect(report.equal).toBe(true);
    expect(report.staleSchemasDropped).toEqual(['matching_replay_abandoned1']);
    expect(lines.some((l) => l.includes(`skipped CandidateProfileUpdated ${overflow.eventId}`))).toBe(true);
    expect(await scratchSchemas()).toEqual([]);
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('stops when aborted (Ctrl-C) and drops its own scratch schema, leaving the live one alone', async () => {
    const abort = new AbortController();
    const replay = replayReadModels({
      ...replayOptions(),
      signal: abort.signal,
      progress: (line) => {
        if (line.startsWith('replaying')) abort.abort();
      },
    });
    await expect(replay).rejects.toBeInstanceOf(ReplayAborted);
    expect(await scratchSchemas()).toEqual([]);
    expect((await db.query(`SELECT count(*)::int AS n FROM matching.candidates`))[0].n).toBeGreaterThan(0);
  });
});
