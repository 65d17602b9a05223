import { INestApplication } from '@nestjs/common';
import { createEnvelope, deadLetterTopic, EmployerRegisteredV1, Topics } from '@jobbspar/contracts';
import { JsonLogger, ServiceConfig } from '@jobbspar/platform';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createTestDatabase, testInfra, uniqueName } from '../support/infra';
import { eventually, KafkaProbe } from '../support/kafka-probe';
import { startFixtureApp } from './backbone-fixture';
import { as, testAuthConfig } from '../support/auth';

/**
 * A canary value rides in messages that fail in every way a consumer can fail: bytes that are not JSON, a payload
 * that breaks its contract, and a value the database rejects with an error that quotes it. It may stay in the
 * dead-lettered message itself (that is what a dead-letter topic keeps), but never in a reason header or a log line.
 */
describe('no payload fragments in logs or dead-letter reasons', () => {
  const CANARY = 'Fatima Persson 850214';
  const FRAGMENTS = ['Fatima', 'Persson', '850214', 'ima Per'];
  let config: ServiceConfig;
  let drop: () => Promise<void>;
  let producer: INestApplication;
  let consumer: INestApplication;
  let probe: KafkaProbe;
  const logged: string[] = [];
  const sink = JsonLogger.sink;

  beforeAll(async () => {
    JsonLogger.sink = (line) => {
      logged.push(line);
      sink(line);
    };
    const database = await createTestDatabase('canary');
    drop = database.drop;
    const prefix = `${uniqueName('canary')}.`;
    config = {
      databaseUrl: database.url,
      kafkaBrokers: testInfra().brokers,
      topicPrefix: prefix,
      groupPrefix: prefix,
      port: 0,
      auth: testAuthConfig(),
    };
    producer = await startFixtureApp(config, 'producer');
    consumer = await startFixtureApp(config, 'consumer');
    probe = new KafkaProbe(testInfra().brokers);
    await probe.watch([`${prefix}${Topics.employers}`, deadLetterTopic(prefix, 'candidate-service')]);
  });

  afterAll(async () => {
    JsonLogger.sink = sink;
    await probe?.close();
    await consumer?.close();
    await producer?.close();
    await drop?.();
  });

  it('dead-letters each failing message with a reason that quotes none of it', async () => {
    const key = randomUUID();
    const envelope = (name: string) =>
      createEnvelope(
        EmployerRegisteredV1,
        { employerId: key, organisationNumber: '556036-0793', name, sector: 'private', municipalityCode: '1283', isMunicipality: false },
        { producer: 'employer-service', tenant: 'se-12', aggregateId: key, aggregateVersion: 1, actor: 'test:canary' },
      );
    const valid = JSON.stringify(envelope('valid'));
    await probe.produce(`${config.topicPrefix}${Topics.employers}`, [
      // Not JSON: V8's parse error quotes a window of these bytes.
      { key, value: valid.replace('"valid"', `${CANARY}`) },
      { key, value: valid.replace('"valid"', `"${CANARY}`) },
      // A payload that breaks its contract, with the canary in an unknown field's name and value.
      { key, value: JSON.stringify({ ...envelope('valid'), payload: { ...envelope('valid').payload, [CANARY]: CANARY } }) },
    ]);
    // Valid, but the handler hands the value to PostgreSQL as a uuid: "invalid input syntax for type uuid: ...".
    await request(producer.getHttpServer())
      .post('/things')
      .set(as('admin.skane'))
      .send({ name: `cast:${CANARY}`, aggregateId: key })
      .expect(201);

    const letters = await eventually(
      () => {
        const found = probe.messages.filter((m) => m.topic === deadLetterTopic(config.topicPrefix, 'candidate-service') && m.key === key);
        return found.length >= 4 && found;
      },
      60_000,
      'four dead letters',
    );
    const reasons = letters.map((l) => l.headers['dead-letter-reason']);
    expect(reasons[0]).toMatch(/^unparseable JSON \(\d+ bytes\): Unexpected token/);
    expect(reasons[1]).toMatch(/^unparseable JSON \(\d+ bytes\): [^"]+ in JSON at position \d+$/);
    expect(reasons[2]).toMatch(/payload invalid: <a property with an unusual name>: property .* should not exist/);
    expect(reasons[3]).toBe('EmployerRegistered rejected by candidate-service: PostgreSQL 22P02 (invalid text representation)');
    // The dead-letter topic keeps the message as it came, for whoever repairs it.
    expect(letters.every((l) => l.value?.includes(CANARY))).toBe(true);

    const headerText = letters.map((l) => JSON.stringify(l.headers)).join('\n');
    const logText = logged.join('\n');
    expect(logged.some((l) => l.includes('"msg":"message dead-lettered"'))).toBe(true);
    for (const fragment of FRAGMENTS) {
      expect([fragment, headerText.includes(fragment)]).toEqual([fragment, false]);
      expect([fragment, logText.includes(fragment)]).toEqual([fragment, false]);
    }
  });
});
