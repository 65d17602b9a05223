import { CandidateRegisteredV1, NeedPostedV1, TaskValidatedV1 } from '@jobbspar/contracts';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { as, demoToken } from '../support/auth';
import { testInfra } from '../support/infra';
import { eventually, KafkaProbe } from '../support/kafka-probe';
import type { TestStack } from '../support/stack';
import {
  candidateProfile,
  EventDriver,
  freshTasks,
  LIDKOPING,
  needSnapshot,
  SKOVDE,
  startMatchingOnly,
  validation,
} from './matching-fixture';

interface Received {
  type: string;
  data: { proposalId: string; needId: string; status: string; score: number; municipality: string };
}

/** A server-sent event stream read with fetch, parsed into events as they arrive. */
async function openStream(url: string): Promise<{ events: Received[]; raw: () => string; close(): void }> {
  const controller = new AbortController();
  const response = await fetch(url, {
    signal: controller.signal,
    headers: { accept: 'text/event-stream', authorization: `Bearer ${demoToken('coordinator.skovde')}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
  const events: Received[] = [];
  let buffer = '';
  let all = '';
  const reader = response.body!.getReader();
  void (async () => {
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      const text = decoder.decode(value, { stream: true });
      all += text;
      buffer += text;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const type = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (type && data && type !== 'keep-alive') events.push({ type, data: JSON.parse(data) });
      }
    }
  })();
  return { events, raw: () => all, close: () => controller.abort() };
}

/**
 * The review queue's live channel: a proposal that enters the queue, or leaves it on review, reaches every open
 * stream once its transaction has committed (PostgreSQL NOTIFY from a trigger), filtered by municipality.
 */
describe('the review queue, live', () => {
  let stack: TestStack;
  let probe: KafkaProbe;
  let events: EventDriver;
  let base: string;
  let db: DataSource;

  beforeAll(async () => {
    stack = await startMatchingOnly();
    probe = new KafkaProbe(testInfra().brokers);
    events = new EventDriver(stack, probe);
    const server = stack.apps.matching!.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    db = new DataSource({ type: 'postgres', url: stack.databaseUrl });
    await db.initialize();
  });
  afterAll(async () => {
    await probe?.close();
    await db?.destroy();
    await stack?.close();
  });

  it('announces a new proposal, then its leaving on acceptance, to streams of its municipality only', async () => {
    const skovde = await openStream(`${base}/matching/review-queue/events?municipality=${SKOVDE}`);
    const everywhere = await openStream(`${base}/matching/review-queue/events`);
    const elsewhere = await openStream(`${base}/matching/review-queue/events?municipality=${LIDKOPING}`);
    try {
      const T = freshTasks();
      const profile = candidateProfile();
      await events.publish(CandidateRegisteredV1, profile, profile.candidateId, profile.revision);
      await events.publish(TaskValidatedV1, validation(profile.candidateId, T.lunch, 2), profile.candidateId, 2);
      const need = needSnapshot(T);
      await events.publish(NeedPostedV1, need, need.needId, need.revision);

      const added = await eventually(
        () => skovde.events.find((e) => e.type === 'proposal-added' && e.data.needId === need.needId),
        30_000,
        'proposal-added',
      );
      const queue = await (
        await fetch(`${base}/matching/review-queue?municipality=${SKOVDE}`, { headers: as('coordinator.skovde') })
      ).json();
      const proposal = queue.items.find((p: { needId: string }) => p.needId === need.needId);
      expect(added.data).toEqual({
        proposalId: proposal.proposalId,
        needId: need.needId,
        status: 'proposed',
        score: proposal.score,
        municipality: SKOVDE,
      });
      // Nothing about the person on the wire.
      expect(skovde.raw()).not.toContain(profile.candidateId);

      const accepted = await fetch(`${base}/matching/proposals/${proposal.proposalId}/accept`, {
        method: 'POST',
        headers: as('coordinator.skovde'),
      });
      expect(accepted.status).toBe(200);
      const left = await eventually(
        () => skovde.events.find((e) => e.type === 'proposal-left' && e.data.proposalId === proposal.proposalId),
        10_000,
        'proposal-left',
      );
      expect(left.data.status).toBe('accepted');
      await eventually(
        () => everywhere.events.some((e) => e.type === 'proposal-left' && e.data.proposalId === proposal.proposalId),
        10_000,
        'unfiltered stream',
      );
      expect(everywhere.events.filter((e) => e.data.proposalId === proposal.proposalId).map((e) => e.type)).toEqual([
        'proposal-added',
        'proposal-left',
      ]);
      expect(elsewhere.events.filter((e) => e.data.needId === need.needId)).toEqual([]);
    } finally {
      skovde.close();
      everywhere.close();
      elsewhere.close();
    }
  });

  it('announces nothing for a change that is rolled back', async () => {
    const stream = await openStream(`${base}/matching/review-queue/events`);
    try {
      const [row] = await db.query(`SELECT proposal_id FROM matching.proposals WHERE status = 'accepted' LIMIT 1`);
      await db
        .transaction(async (em) => {
          await em.query(`UPDATE matching.proposals SET status = 'proposed' WHERE proposal_id = $1`, [row.proposal_id]);
          throw new Error('roll back');
        })
        .catch(() => undefined);
      // A committed change after it arrives; the rolled-back one never did.
      await db.query(`SELECT pg_notify('matching_proposals', $1)`, [
        JSON.stringify({
          proposalId: 'marker',
          needId: 'n',
          status: 'proposed',
          previousStatus: null,
          score: 1,
          tenant: 'se-14',
          municipality: SKOVDE,
        }),
      ]);
      await eventually(() => stream.events.some((e) => e.data.proposalId === 'marker'), 10_000, 'marker');
      expect(stream.events.filter((e) => e.data.proposalId === row.proposal_id)).toEqual([]);
    } finally {
      stream.close();
    }
  });

  it('answers a page the client holds with 304 until the queue changes, compressed for a browser, and never before the token', async () => {
    const url = `${base}/matching/review-queue?municipality=${SKOVDE}`;
    const get = (headers: Record<string, string> = {}) =>
      fetch(url, { headers: { ...as('coordinator.skovde'), 'accept-encoding': 'identity', ...headers } });
    const first = await get();
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(await first.json()).toMatchObject({ limit: 50, offset: 0 });

    const held = await get({ 'if-none-match': etag });
    expect(held.status).toBe(304);
    expect(await held.text()).toBe('');
    expect(held.headers.get('etag')).toBe(etag);
    // The token is checked first: a tag is no way around it.
    expect((await fetch(url, { headers: { 'if-none-match': etag } })).status).toBe(401);

    // A new proposal in her queue: the tag she holds no longer matches, and the page she gets has it.
    const T = freshTasks();
    const profile = candidateProfile();
    await events.publish(CandidateRegisteredV1, profile, profile.candidateId, profile.revision);
    await events.publish(TaskValidatedV1, validation(profile.candidateId, T.lunch, 2), profile.candidateId, 2);
    const need = needSnapshot(T);
    await events.publish(NeedPostedV1, need, need.needId, need.revision);
    const changed = await eventually(
      async () => {
        const response = await get({ 'if-none-match': etag });
        return response.status === 200 && response;
      },
      30_000,
      'the changed page',
    );
    expect(changed.headers.get('etag')).not.toBe(etag);
    const page = await changed.text();
    expect((JSON.parse(page) as { items: { needId: string }[] }).items.map((p) => p.needId)).toContain(need.needId);

    // As a browser asks: the same bytes, compressed (a page of a kilobyte or more).
    expect(Buffer.byteLength(page)).toBeGreaterThanOrEqual(1024);
    const browser = await fetch(url, { headers: { ...as('coordinator.skovde'), 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(browser.headers.get('content-encoding')).toBe('br');
    expect(browser.headers.get('etag')).toBe(changed.headers.get('etag'));
    expect(await browser.text()).toBe(page);
  });

  it('refuses a stream without a token with 401, before anything is sent', async () => {
    const response = await fetch(`${base}/matching/review-queue/events`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="jobbspar"');
  });

  it('refuses a malformed municipality filter with 400', async () => {
    const response = await fetch(`${base}/matching/review-queue/events?municipality=12`, { headers: as('coordinator.skovde') });
    expect(response.status).toBe(400);
    expect((await response.json()).message).toEqual(['municipality must be a four-digit municipality code']);
  });
});
