import { Topics } from '@jobbspar/contracts';
import { startTracing, type Tracing } from '@jobbspar/platform';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { ADMIN, organisationNumber, SKOVDE } from '../employer/employer-fixture';
import { testInfra } from '../support/infra';
import { eventually, KafkaProbe } from '../support/kafka-probe';
import { startStack, type TestStack } from '../support/stack';

/**
 * One HTTP write and the event it causes share one trace: the request's server span (child of the caller's
 * traceparent), the relay's producer span (child of it, through the outbox row), the Kafka record's traceparent
 * header, and the consumer's span in another service (child of the producer's). Off by default: with no SDK
 * registered nothing is recorded and no header is set.
 */
describe('traces across HTTP and Kafka', () => {
  let stack: TestStack;
  let probe: KafkaProbe;
  let tracing: Tracing | undefined;
  const exporter = new InMemorySpanExporter();

  beforeAll(async () => {
    stack = await startStack(['employer', 'matching']);
    probe = new KafkaProbe(testInfra().brokers);
    await probe.watch([stack.topic(Topics.employers)]);
  });

  afterAll(async () => {
    await probe?.close();
    await stack?.close();
    await tracing?.shutdown();
    trace.disable();
    propagation.disable();
    context.disable();
  });

  const register = async (): Promise<{ id: string; record: { headers: Record<string, string> } }> => {
    const res = await request(stack.apps.employer!.getHttpServer())
      .post('/employers')
      .set(ADMIN)
      .set('traceparent', `00-${CALLER_TRACE}-${CALLER_SPAN}-01`)
      .send({ organisationNumber: organisationNumber(), name: 'Spårbar AB', sector: 'private', municipalityCode: SKOVDE })
      .expect(201);
    const id = res.body.id as string;
    const record = await eventually(() => probe.messages.find((m) => m.key === id), 30_000, 'the EmployerRegistered record');
    return { id, record };
  };
  const CALLER_TRACE = randomBytes(16).toString('hex');
  const CALLER_SPAN = randomBytes(8).toString('hex');

  it('records nothing and sets no traceparent while tracing is off (the default)', async () => {
    const { record } = await register();
    expect(record.headers.traceparent).toBeUndefined();
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('puts the write, its publication and its consumption in one trace, each span a child of the one before', async () => {
    tracing = startTracing({ exporter: 'none', serviceName: 'jobbspar-test' }, [new SimpleSpanProcessor(exporter)]);
    const { id, record } = await register();
    const spans = (): ReadableSpan[] => exporter.getFinishedSpans();
    const server = spans().find((s) => s.kind === SpanKind.SERVER && s.name === 'POST /employers')!;
    expect(server).toBeDefined();
    // The caller's trace goes on: the server span is the child of the traceparent the request carried.
    expect(server.spanContext().traceId).toBe(CALLER_TRACE);
    expect(server.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    expect(server.attributes['http.response.status_code']).toBe(201);

    const producer = await eventually(
      () => spans().find((s) => s.kind === SpanKind.PRODUCER && s.parentSpanContext?.spanId === server.spanContext().spanId),
      30_000,
      'the producer span',
    );
    expect(producer.spanContext().traceId).toBe(CALLER_TRACE);
    expect(producer.attributes['messaging.destination.name']).toBe(stack.topic(Topics.employers));
    // On the wire: the record's traceparent names the producer span.
    expect(record.headers.traceparent).toBe(`00-${CALLER_TRACE}-${producer.spanContext().spanId}-01`);
    expect(JSON.parse(String(probe.messages.find((m) => m.key === id)!.value)).eventId).toBe(producer.attributes['messaging.message.id']);

    const consumer = await eventually(
      () => spans().find((s) => s.kind === SpanKind.CONSUMER && s.parentSpanContext?.spanId === producer.spanContext().spanId),
      30_000,
      "matching-service's consumer span",
    );
    expect(consumer.spanContext().traceId).toBe(CALLER_TRACE);
    expect(consumer.attributes).toMatchObject({
      'event.type': 'EmployerRegistered',
      'messaging.message.id': producer.attributes['messaging.message.id'],
    });
  });
});
