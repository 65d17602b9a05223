import { CONTRACTS, createEnvelope, deadLetterTopic, EmployerRegisteredV1, physicalTopic, Topics } from '@jobbspar/contracts';
import { DomainError } from '@jobbspar/platform';
import { MediumDatabase, mediumDatabase } from '@jobbspar/testing';
import { randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables } from '../messaging-tables';
import { messagingMetrics } from '../metrics';
import { envelopeHeaders } from '../outbox/outbox-relay';
import type { IncomingMessage } from '../transport/event-transport';
import { InProcessBroker, InProcessTransport } from '../transport/in-process.transport';
import { ConsumerStopping, EventPipeline } from './event-pipeline';
import { isEvent, type ReceivedEvent } from './received-event';

const SCHEMA = 'pipeline_batch_spec';
const PREFIX = 'pipeline-batch-spec.';

class PipelineSpecTables1764300000000 implements MigrationInterface {
  name = 'PipelineSpecTables1764300000000';
  async up(q: QueryRunner): Promise<void> {
    await createMessagingTables(q, SCHEMA);
    // What the handler applied, in the order it applied it, and in which transaction.
    await q.query(
      `CREATE TABLE ${SCHEMA}.applied (seq bigserial PRIMARY KEY, employer_id uuid NOT NULL, name text NOT NULL, tx bigint NOT NULL)`,
    );
    // What the handlers' end-of-batch work saw: how many events the batch had applied when it ran.
    await q.query(`CREATE TABLE ${SCHEMA}.batch_ends (seq bigserial PRIMARY KEY, events int NOT NULL, tx bigint NOT NULL)`);
  }
  async down(): Promise<void> {}
}

class Refused extends DomainError<'REFUSED'> {
  readonly code = 'REFUSED' as const;
}

let offset = 0;
function employerMessage(name: string, employerId = randomUUID(), version = 1): IncomingMessage {
  const envelope = createEnvelope(
    EmployerRegisteredV1,
    { employerId, organisationNumber: '556036-0793', name, sector: 'private', municipalityCode: '1283', isMunicipality: false },
    { producer: 'employer-service', tenant: 'se-12', aggregateId: employerId, aggregateVersion: version, actor: 'test:pipeline' },
  );
  return {
    topic: physicalTopic(PREFIX, Topics.employers),
    partition: 0,
    offset: String(offset++),
    key: employerId,
    value: Buffer.from(JSON.stringify(envelope)),
    headers: envelopeHeaders(envelope),
  };
}

const outage = (): Error => Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });

describe(`${EventPipeline.name} batches`, () => {
  let db: MediumDatabase;
  let broker: InProcessBroker;
  /** What the handler does with an event name: throw on it (so many times), else record it. */
  let failures: Map<string, { error: () => Error; times: number }>;
  let pipeline: EventPipeline;

  const handler = async (_topic: string, event: ReceivedEvent): Promise<void> => {
    if (!isEvent(event, EmployerRegisteredV1)) return;
    const { name, employerId } = event.payload;
    await event.em.query(`INSERT INTO ${SCHEMA}.applied (employer_id, name, tx) VALUES ($1, $2, txid_current())`, [employerId, name]);
    // After the write: a failure must take the handler's own write back with it.
    const failure = failures.get(name);
    if (failure && failure.times > 0) {
      failure.times--;
      throw failure.error();
    }
    event.batch?.atEnd('count', async () => {
      await event.em.query(
        `INSERT INTO ${SCHEMA}.batch_ends (events, tx) SELECT count(*), txid_current() FROM ${SCHEMA}.applied WHERE tx = txid_current()`,
      );
      const end = failures.get('end of batch');
      if (end && end.times > 0) {
        end.times--;
        throw end.error();
      }
    });
  };

  const newPipeline = (dispatch = handler): EventPipeline =>
    new EventPipeline({
      consumer: 'candidate-service',
      schema: SCHEMA,
      topicPrefix: PREFIX,
      dataSource: db.dataSource,
      transport: new InProcessTransport(broker),
      registry: CONTRACTS,
      dispatch,
      maxUnknownAttempts: 2,
      backoffMs: () => 5,
    });
  const applied = async (): Promise<string[]> =>
    (await db.query<{ name: string }>(`SELECT name FROM ${SCHEMA}.applied ORDER BY seq`)).map((r) => r.name);
  const transactions = async (): Promise<number> =>
    (await db.query<{ n: number }>(`SELECT count(DISTINCT tx)::int AS n FROM ${SCHEMA}.applied`))[0].n;
  const inboxRows = async (): Promise<number> => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${SCHEMA}.inbox`))[0].n;
  const deadLetters = () => broker.read(deadLetterTopic(PREFIX, 'candidate-service'));

  beforeAll(async () => {
    db = await mediumDatabase({ schema: SCHEMA, migrations: [PipelineSpecTables1764300000000] });
  });
  afterAll(() => db.close());
  beforeEach(async () => {
    await db.query(`TRUNCATE ${SCHEMA}.applied, ${SCHEMA}.batch_ends, ${SCHEMA}.inbox`);
    broker = new InProcessBroker();
    failures = new Map();
    pipeline = newPipeline();
  });

  it('applies a batch in order, in one transaction, with an inbox row per event', async () => {
    const batch = ['a', 'b', 'c', 'd'].map((name) => employerMessage(name));
    expect(await pipeline.processBatch(batch)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(await applied()).toEqual(['a', 'b', 'c', 'd']);
    expect(await transactions()).toBe(1);
    expect(await inboxRows()).toBe(4);
    // The deferred work ran once, after the last event, in the batch's transaction.
    expect(await db.query(`SELECT events FROM ${SCHEMA}.batch_ends`)).toEqual([{ events: 4 }]);
    expect(await db.query(`SELECT 1 FROM ${SCHEMA}.batch_ends b JOIN ${SCHEMA}.applied a USING (tx) LIMIT 1`)).toHaveLength(1);
  });

  it('counts where its batches spend their time: decoding, the inbox, the handlers, each deferred work, the commit', async () => {
    const seconds = async (): Promise<Map<string, number>> =>
      new Map(
        (await messagingMetrics.batchPhases.get()).values
          .filter((v) => v.labels.service === 'candidate-service')
          .map((v) => [String(v.labels.phase), v.value]),
      );
    const before = await seconds();
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    const slow = newPipeline(async (topic, event) => {
      await handler(topic, event);
      await sleep(10);
      event.batch?.atEnd('slow', () => sleep(400));
    });
    expect(await slow.processBatch(['a', 'b', 'c'].map((name) => employerMessage(name)))).toEqual(['applied', 'applied', 'applied']);
    const after = await seconds();
    const spent = (phase: string): number => (after.get(phase) ?? 0) - (before.get(phase) ?? 0);
    expect(spent('handlers')).toBeGreaterThanOrEqual(0.03);
    expect(spent('end:slow')).toBeGreaterThanOrEqual(0.4);
    // The deferred work is its own phase, not the handlers' (three short ones) nor the commit's.
    expect(spent('handlers')).toBeLessThan(spent('end:slow'));
    expect(spent('commit')).toBeLessThan(spent('end:slow'));
    expect(spent('end:count')).toBeGreaterThan(0);
    for (const phase of ['decode', 'inbox', 'commit']) expect(spent(phase)).toBeGreaterThan(0);
  });

  it('rolls a batch back when its end-of-batch work fails for good, then applies it message by message', async () => {
    failures.set('end of batch', { error: () => new Refused('the end of the batch failed'), times: 1 });
    const batch = ['x', 'y'].map((name) => employerMessage(name));
    expect(await pipeline.processBatch(batch)).toEqual(['applied', 'applied']);
    expect(await applied()).toEqual(['x', 'y']);
    // One by one there is no batch and no deferred work; the failed batch's row went with its rollback.
    expect(await transactions()).toBe(2);
    expect(await db.query(`SELECT * FROM ${SCHEMA}.batch_ends`)).toEqual([]);
    expect(deadLetters()).toHaveLength(0);
  });

  it('keeps the order per key of a batch that interleaves keys', async () => {
    const keys = [randomUUID(), randomUUID(), randomUUID()];
    const batch = [1, 2, 3, 4].flatMap((seq) => keys.map((key, k) => employerMessage(`k${k}-${seq}`, key, seq)));
    expect(await pipeline.processBatch(batch)).toEqual(Array(12).fill('applied'));
    const rows = await db.query<{ employer_id: string; name: string }>(`SELECT employer_id, name FROM ${SCHEMA}.applied ORDER BY seq`);
    for (const [k, key] of keys.entries())
      expect(rows.filter((r) => r.employer_id === key).map((r) => r.name)).toEqual([1, 2, 3, 4].map((seq) => `k${k}-${seq}`));
    expect(rows.map((r) => r.name)).toEqual(batch.map((m) => JSON.parse(m.value!.toString()).payload.name));
  });

  it('absorbs a redelivered batch in bulk: what was applied is a duplicate, only what is new is applied', async () => {
    const batch = ['one', 'two', 'three', 'four', 'five'].map((name) => employerMessage(name));
    expect(await pipeline.processBatch(batch.slice(0, 3))).toEqual(['applied', 'applied', 'applied']);
    // The transport did not commit (a kill, a rebalance): the batch comes again, grown by what arrived since.
    expect(await newPipeline().processBatch(batch)).toEqual(['duplicate', 'duplicate', 'duplicate', 'applied', 'applied']);
    expect(await newPipeline().processBatch(batch)).toEqual(Array(5).fill('duplicate'));
    expect(await applied()).toEqual(['one', 'two', 'three', 'four', 'five']);
    expect(await inboxRows()).toBe(5);
  });

  it('applies an event that is twice in one batch once', async () => {
    const again = employerMessage('again');
    expect(await pipeline.processBatch([again, employerMessage('other'), again])).toEqual(['applied', 'applied', 'duplicate']);
    expect(await applied()).toEqual(['again', 'other']);
  });

  it('shows each handler the events of its batch it will be handed, in order, without those applied before or twice', async () => {
    const seen: string[][] = [];
    const watching = newPipeline(async (topic, event) => {
      seen.push((event.batch?.events ?? []).map((e) => (e.payload as { name: string }).name));
      await handler(topic, event);
    });
    const before = employerMessage('before');
    await watching.processBatch([before, employerMessage('first')]);
    seen.length = 0;
    const again = employerMessage('again');
    await watching.processBatch([before, again, employerMessage('other'), again]);
    // Both handlers saw the same list: 'before' was applied by the earlier batch, the second 'again' is a duplicate.
    expect(seen).toEqual([
      ['again', 'other'],
      ['again', 'other'],
    ]);
  });

  it('retries the whole batch through an outage, applying each event once and in order', async () => {
    failures.set('three', { error: outage, times: 1 });
    const batch = ['one', 'two', 'three', 'four'].map((name) => employerMessage(name));
    expect(await pipeline.processBatch(batch)).toEqual(Array(4).fill('applied'));
    // The failed attempt's writes of 'one' to 'three' were rolled back with it.
    expect(await applied()).toEqual(['one', 'two', 'three', 'four']);
    expect(await transactions()).toBe(1);
    expect(await inboxRows()).toBe(4);
  });

  it('leaves nothing of a batch that fails halfway when it stops during the outage, and applies it all once when delivered again', async () => {
    failures.set('three', {
      error: () => {
        pipeline.stop();
        return outage();
      },
      times: 1,
    });
    const batch = ['one', 'two', 'three', 'four', 'five'].map((name) => employerMessage(name));
    await expect(pipeline.processBatch(batch)).rejects.toBeInstanceOf(ConsumerStopping);
    expect(await applied()).toEqual([]);
    expect(await inboxRows()).toBe(0);

    expect(await newPipeline().processBatch(batch)).toEqual(Array(5).fill('applied'));
    expect(await applied()).toEqual(['one', 'two', 'three', 'four', 'five']);
    expect(await inboxRows()).toBe(5);
  });

  it('dead-letters only the poison event in the middle of a batch, applying the others once and in order', async () => {
    failures.set('poison', { error: () => new Refused('refused for good'), times: 99 });
    const batch = [
      employerMessage('first'),
      employerMessage('second'),
      employerMessage('poison'),
      { ...employerMessage('unreadable'), value: Buffer.from('{not json') },
      employerMessage('fourth'),
      employerMessage('fifth'),
    ];
    expect(await pipeline.processBatch(batch)).toEqual(['applied', 'applied', 'dead-lettered', 'dead-lettered', 'applied', 'applied']);
    // The batch's transaction (which had applied 'first', 'second' and 'poison') was rolled back: each applied once.
    expect(await applied()).toEqual(['first', 'second', 'fourth', 'fifth']);
    expect(await inboxRows()).toBe(4);
    const dead = deadLetters();
    expect(dead.map((m) => m.headers['original-offset'])).toEqual([batch[2].offset, batch[3].offset]);
    expect(dead[0].headers['dead-letter-reason']).toContain('refused for good');
    // Delivered again (the transport had not committed), nothing more is applied.
    expect(await newPipeline().processBatch(batch.filter((_, i) => i !== 2 && i !== 3))).toEqual(Array(4).fill('duplicate'));
    expect(await applied()).toEqual(['first', 'second', 'fourth', 'fifth']);
  });

  it('dead-letters an unreadable message of a batch that applies, after the others committed', async () => {
    const batch = [employerMessage('a'), { ...employerMessage('x'), value: Buffer.from('{not json') }, employerMessage('b')];
    expect(await pipeline.processBatch(batch)).toEqual(['applied', 'dead-lettered', 'applied']);
    expect(await applied()).toEqual(['a', 'b']);
    expect(await transactions()).toBe(1);
    expect(deadLetters().map((m) => m.headers['original-offset'])).toEqual([batch[1].offset]);
  });
});
