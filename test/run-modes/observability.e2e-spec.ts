import 'reflect-metadata';
import { CONTRACTS, Topics } from '@jobbspar/contracts';
import { JsonLogger } from '@jobbspar/platform';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ADMIN, EmployerApi } from '../employer/employer-fixture';
import { testInfra } from '../support/infra';
import { eventually, KafkaProbe } from '../support/kafka-probe';
import { startStack, TestStack } from '../support/stack';

/**
 * What an operator sees (issue 13, operability): the correlation id of a request in its response, its log lines,
 * the envelope of the event it caused and the log lines of the consumer that handled that event; Prometheus
 * metrics at /metrics; liveness and readiness apart. employer- and matching-service on real Kafka and PostgreSQL.
 */
describe('correlation ids, metrics and probes', () => {
  let stack: TestStack;
  let probe: KafkaProbe;
  let api: EmployerApi;
  const lines: Record<string, unknown>[] = [];
  const sink = JsonLogger.sink;
  const threshold = JsonLogger.threshold;

  beforeAll(async () => {
    JsonLogger.threshold = 'debug';
    JsonLogger.sink = (line) => {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    };
    stack = await startStack(['employer', 'matching']);
    probe = new KafkaProbe(testInfra().brokers);
    await probe.watch([stack.topic(Topics.needs)]);
    api = new EmployerApi(stack);
  });

  afterAll(async () => {
    JsonLogger.sink = sink;
    JsonLogger.threshold = threshold;
    await probe?.close();
    await stack?.close();
  });

  async function postNeed(headers: Record<string, string>): Promise<{ needId: string; correlationId: string }> {
    const employer = await api.municipality();
    const role = await api.standardRole('9412');
    const res = await api.http().post('/needs').set(ADMIN).set(headers).send(api.needBody(employer.id, role.id)).expect(201);
    return { needId: res.body.id, correlationId: String(res.headers['x-correlation-id']) };
  }

  const envelopeOf = (needId: string) =>
    eventually(
      () => {
        const m = probe.messages.find((p) => p.key === needId);
        return m && CONTRACTS.decode(m.value, Topics.needs).envelope;
      },
      30_000,
      `NeedPosted of ${needId}`,
    );

  it('carries the caller’s correlation id from the request to its logs, the event and the consumer’s logs', async () => {
    const correlationId = `corr-${randomUUID().slice(0, 13)}`;
    const { needId, correlationId: echoed } = await postNeed({ 'X-Correlation-Id': correlationId });

    expect(echoed).toBe(correlationId);
    expect((await envelopeOf(needId)).correlationId).toBe(correlationId);
    const requestLine = lines.find((l) => l.component === 'http' && l.correlationId === correlationId && l.route === '/needs');
    expect(requestLine).toMatchObject({
      level: 'info',
      msg: 'request',
      service: 'employer-service',
      req: { method: 'POST', path: '/needs' },
      res: { status: 201 },
    });
    expect(typeof requestLine!.ms).toBe('number');
    const consumed = await eventually(
      () =>
        lines.find(
          (l) =>
            l.component === 'consumer' &&
            l.consumer === 'matching-service' &&
            l.msg === 'event applied' &&
            l.correlationId === correlationId,
        ),
      30_000,
      "matching-service's log line for the event",
    );
    expect(consumed).toMatchObject({ eventType: 'NeedPosted', topic: Topics.needs });
  });

  it('creates an id when none or an implausible one is given, and uses it the same way', async () => {
    const given = 'Fatima Persson, 19850101-1234';
    const { needId, correlationId } = await postNeed({ 'X-Correlation-Id': given });
    expect(correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect((await envelopeOf(needId)).correlationId).toBe(correlationId);
    expect(JSON.stringify(lines)).not.toContain('Fatima');

    const plain = await postNeed({});
    expect(plain.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(plain.correlationId).not.toBe(correlationId);
  });

  it('serves Prometheus metrics: latency per route, consumed events by outcome, lag, outbox backlog, solve time', async () => {
    const { needId } = await postNeed({});
    const posted = await eventually(() => probe.messages.find((p) => p.key === needId), 30_000, 'the NeedPosted message');
    const consumed = (outcome: string, text: string): number =>
      Number(
        new RegExp(`^events_consumed_total\\{service="matching-service",topic="employer.needs",outcome="${outcome}"\\} (\\d+)$`, 'm').exec(
          text,
        )?.[1] ?? 0,
      );
    const scrape = async (): Promise<string> => {
      const res = await request(stack.apps.matching!.getHttpServer()).get('/metrics').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      return res.text;
    };
    const before = await eventually(
      async () => {
        const text = await scrape();
        return consumed('applied', text) > 0 && text;
      },
      30_000,
      'the need counted as applied',
    );

    // The same message again (the inbox absorbs it) and one that cannot be read (dead-lettered).
    await probe.produce(stack.topic(Topics.needs), [
      { key: needId, value: posted.value! },
      { key: needId, value: '{"not": "an envelope"' },
    ]);
    const after = await eventually(
      async () => {
        const text = await scrape();
        return (
          consumed('duplicate', text) > consumed('duplicate', before) &&
          consumed('dead-lettered', text) > consumed('dead-lettered', before) &&
          text
        );
      },
      30_000,
      'the duplicate and the dead letter counted',
    );

    expect(after).toMatch(
      /^http_request_duration_seconds_count\{service="employer-service",method="POST",route="\/needs",status="201"\} [1-9]/m,
    );
    expect(after).toMatch(
      /^consumer_lag_messages\{service="matching-service",group="[^"]+matching-service",topic="employer\.needs",partition="\d"\} \d+$/m,
    );
    expect(after).toMatch(/^outbox_backlog_rows\{service="employer-service"\} \d+$/m);
    expect(after).toMatch(/^outbox_oldest_unpublished_age_seconds\{service="matching-service"\} [\d.]+$/m);
    expect(after).toMatch(/^outbox_published_total\{service="employer-service"\} [1-9]/m);
    expect(after).toMatch(/^event_handling_seconds_count\{service="matching-service",topic="employer.needs"\} [1-9]/m);
    expect(after).toMatch(/^matching_solve_seconds_count\{service="matching-service",kind="incremental"\} [1-9]/m);
    expect(after).toMatch(/^nodejs_eventloop_lag_seconds /m);
    // A route template, never a raw path with an id in it.
    expect(after).not.toContain(needId);
  });

  it('answers liveness and readiness apart', async () => {
    const server = stack.apps.employer!.getHttpServer();
    expect((await request(server).get('/health/live').expect(200)).body).toEqual({ status: 'ok', checks: {} });
    expect((await request(server).get('/health/ready').expect(200)).body).toEqual({
      status: 'ok',
      checks: { database: 'up', transport: 'up' },
      preparing: [],
    });
  });
});
