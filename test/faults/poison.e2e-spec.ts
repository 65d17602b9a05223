import { createEnvelope, deadLetterTopic, EmployerRegisteredV1, Topics } from '@jobbspar/contracts';
import { ServiceConfig } from '@jobbspar/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase, testInfra, uniqueName } from '../support/infra';
import { KafkaProbe } from '../support/kafka-probe';
import { RunningProcess } from '../support/processes';
import {
  appliedOrder,
  appliedStats,
  progress,
  reportFigures,
  scale,
  startFixtureProcess,
  stopProcess,
  thingEvent,
  until,
} from './fault-harness';
import { testAuthConfig } from '../support/auth';

const SCENARIO = 'poison messages among valid ones';

/**
 * Unreadable bytes, contract violations and events the handler rejects, mixed into a keyed stream: each goes to the
 * dead-letter topic with its reason, and every valid event is applied once and in order, the poison costing the
 * stream little time.
 */
describe('fault: poison messages among valid ones', () => {
  const KEYS = scale(10, 40);
  const PER_KEY = scale(20, 100);
  const POISON_EVERY = 7;
  let config: ServiceConfig;
  let drop: () => Promise<void>;
  let probe: KafkaProbe;
  let db: DataSource;
  let consumer: RunningProcess | undefined;

  beforeAll(async () => {
    const database = await createTestDatabase('poison');
    drop = database.drop;
    const prefix = `${uniqueName('poison')}.`;
    config = {
      databaseUrl: database.url,
      kafkaBrokers: testInfra().brokers,
      topicPrefix: prefix,
      groupPrefix: prefix,
      port: 0,
      auth: testAuthConfig(),
    };
    probe = new KafkaProbe(testInfra().brokers);
    await probe.watch([`${prefix}${Topics.employers}`, deadLetterTopic(prefix, 'candidate-service')]);
    db = new DataSource({ type: 'postgres', url: database.url });
    await db.initialize();
  });

  afterAll(async () => {
    await stopProcess(consumer, 'SIGKILL');
    await probe?.close();
    await db?.destroy();
    await drop?.();
  });

  /** One of three kinds of poison, in turn, keyed like the stream around it. */
  function poison(key: string, n: number): { key: string; value: string } {
    const valid = createEnvelope(
      EmployerRegisteredV1,
      {
        employerId: key,
        organisationNumber: '556036-0793',
        name: 'poison',
        sector: 'private',
        municipalityCode: '1283',
        isMunicipality: false,
      },
      { producer: 'employer-service', tenant: 'se-12', aggregateId: key, aggregateVersion: 1, actor: 'test:faults' },
    );
    if (n % 3 === 0) return { key, value: '{"eventId": "not json' };
    if (n % 3 === 1) return { key, value: JSON.stringify({ ...valid, payload: { ...valid.payload, municipalityCode: '9999' } }) };
    return { key, value: JSON.stringify(valid) }; // the handler rejects the name "poison"
  }

  it('dead-letters each poison message with its reason and applies every valid event once, in order', async () => {
    const started = Date.now();
    const tag = `run${randomUUID().slice(0, 8)}`;
    const keys: string[] = Array.from({ length: KEYS }, () => randomUUID());
    consumer = await startFixtureProcess('consumer', config);
    progress(SCENARIO, 'consumer ready', { keys: KEYS, perKey: PER_KEY });
    let poisons = 0;
    for (let seq = 1; seq <= PER_KEY; seq++) {
      const round = keys.map((key) => thingEvent(tag, key, seq));
      if (seq % POISON_EVERY === 0) round.push(...keys.map((key) => poison(key, poisons++)));
      await probe.produce(`${config.topicPrefix}${Topics.employers}`, round);
    }
    const total = KEYS * PER_KEY;
    await until(async () => (await appliedStats(db, tag)).distinct >= total, 120_000, 'every valid event applied');
    const letters = () =>
      probe.messages.filter((m) => m.topic === deadLetterTopic(config.topicPrefix, 'candidate-service') && keys.includes(m.key ?? ''));
    await until(() => letters().length >= poisons, 60_000, 'every poison message dead-lettered');
    const elapsed = Date.now() - started;
    const { rows, distinct } = await appliedStats(db, tag);
    reportFigures(SCENARIO, {
      sent: total,
      applied: distinct,
      lost: total - distinct,
      appliedTwice: rows - distinct,
      poison: poisons,
      deadLettered: letters().length,
      seconds: Math.round(elapsed / 100) / 10,
    });
    expect(distinct).toBe(total);
    expect(rows).toBe(distinct);
    expect(letters()).toHaveLength(poisons);
    expect(letters().every((l) => (l.headers['dead-letter-reason'] ?? '').length > 0)).toBe(true);
    for (const [key, seqs] of await appliedOrder(db, tag))
      expect([key, seqs]).toEqual([key, Array.from({ length: PER_KEY }, (_, i) => i + 1)]);
  });
});
