/**
 * matching-service as the benchmark drives it: started from `createMatchingApp` on the in-process broker, seeded
 * through its own consumer handler, and sent one event at a time the way the service receives it.
 */
import { asService } from '@jobbspar/platform';
import type { INestApplication } from '@nestjs/common';
import {
  CandidateRegisteredV1,
  Contract,
  createEnvelope,
  EventEnvelope,
  NeedPostedV1,
  physicalTopic,
  TaskValidatedV1,
  Topics,
} from '@jobbspar/contracts';
import type { Instance } from '@jobbspar/matching-core';
import { EndOfBatch, envelopeHeaders, InProcessBroker, unsentOutboxRow, type ReceivedEvent } from '@jobbspar/messaging';
import { getMunicipality } from '@jobbspar/taxonomy';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { createMatchingApp } from '../../apps/matching-service/src/bootstrap';
import { SERVICE_NAME, type MatchingConfig } from '../../apps/matching-service/src/config/env';
import type { AssignmentModel } from '../../apps/matching-service/src/matching/application/assignment-model';
import { MatchingEngine } from '../../apps/matching-service/src/matching/application/matching.engine';
import { ReadModelConsumer } from '../../apps/matching-service/src/read-models/interface/messaging/read-model.consumer';
import { componentLogger } from '@jobbspar/infra';
import { round } from '../support/stats';
import type { World } from './world';

const log = componentLogger('bench.matching-event');

export interface Service {
  app: INestApplication;
  dataSource: DataSource;
  consumer: ReadModelConsumer;
  engine: MatchingEngine;
}

export async function startService(config: MatchingConfig): Promise<Service> {
  const app = await createMatchingApp(config);
  return {
    app,
    dataSource: app.get(DataSource),
    consumer: app.get(ReadModelConsumer, { strict: false }),
    engine: app.get(MatchingEngine, { strict: false }),
  };
}

/** The in-memory assignment the engine holds (private state, read for the baseline and the graph sizes). */
export function heldInstance(engine: MatchingEngine): { instance: Instance; total: number } {
  const model = (engine as unknown as { model: AssignmentModel }).model;
  const assigner = (model as unknown as { assigner: { toInstance(): Instance; total: number } }).assigner;
  return { instance: assigner.toInstance(), total: assigner.total };
}

export function envelopeOf<P extends object>(contract: Contract<P>, payload: P, aggregateId: string, tenant: string): EventEnvelope<P> {
  const producer = contract.topic === Topics.needs ? 'employer-service' : 'candidate-service';
  return createEnvelope(contract, payload, { producer, tenant, aggregateId, aggregateVersion: 1, actor: 'bench:matching-event' });
}

export interface Fed {
  contract: Contract;
  payload: object;
  envelope: EventEnvelope<object>;
}

/** Feeds events to the consumer's own handler, many per transaction, with their inbox rows as the pipeline writes. */
export async function feed(service: Service, events: readonly Fed[]): Promise<void> {
  // As the consumer runs: as the service itself (row-level security).
  await asService(SERVICE_NAME, () =>
    service.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO matching.inbox (consumer, event_id, event_type, aggregate_id)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[])`,
        [
          SERVICE_NAME,
          events.map((e) => e.envelope.eventId),
          events.map((e) => e.envelope.type),
          events.map((e) => e.envelope.aggregateId),
        ],
      );
      // As the pipeline applies a transport batch: the projection held in memory and written once, each touched
      // need or candidate matched once at the end (BatchScope), so seeding takes the path live batches take.
      const batch = new EndOfBatch(
        events.map((e) => ({ topic: e.contract.topic, contract: e.contract, envelope: e.envelope, payload: e.payload })),
      );
      for (const e of events) {
        const event: ReceivedEvent = { type: e.envelope.type, envelope: e.envelope, payload: e.payload, contract: e.contract, em, batch };
        if (e.contract.topic === Topics.needs) await service.consumer.onNeedEvent(event);
        else await service.consumer.onCandidateEvent(event);
      }
      await batch.run();
    }),
  );
}

export class Progress {
  private last = 0;
  private readonly started = performance.now();
  constructor(
    private readonly step: string,
    private readonly total: number,
    private readonly unit: string,
  ) {
    log.info('seeding', { step, total, unit });
  }

  update(done: number): void {
    const now = performance.now();
    if (done < this.total && now - this.last < 3000) return;
    this.last = now;
    const elapsedS = (now - this.started) / 1000;
    const rate = done / Math.max(elapsedS, 1e-3);
    log.info('seeding progress', {
      step: this.step,
      done,
      total: this.total,
      unit: this.unit,
      percent: round((100 * done) / this.total, 1),
      elapsedS: round(elapsedS, 1),
      perSecond: round(rate, 1),
      etaS: round((this.total - done) / Math.max(rate, 1e-9), 1),
    });
  }

  get elapsedMs(): number {
    return performance.now() - this.started;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Seeding

export function fed<P extends object>(contract: Contract<P>, payload: P, aggregateId: string, tenant: string): Fed {
  return { contract: contract as Contract, payload, envelope: envelopeOf(contract, payload, aggregateId, tenant) };
}

/**
 * Candidates first: with no needs yet the engine has nothing to score, so that part costs only the projection. Then
 * the needs, each scored against the candidates holding its tasks and solved incrementally, as a live NeedPosted.
 */
export async function seed(service: Service, world: World, options: { candidates: number; needs: number }) {
  const started = performance.now();
  const candidateProgress = new Progress('candidates', options.candidates, 'candidates');
  let validations = 0;
  for (let done = 0; done < options.candidates;) {
    const batch: Fed[] = [];
    for (const upTo = Math.min(options.candidates, done + 250); done < upTo; done++) {
      const { profile, validations: vs } = world.candidate();
      const tenant = `se-${getMunicipality(profile.homeMunicipality)!.countyCode}`;
      batch.push(fed(CandidateRegisteredV1, profile, profile.candidateId, tenant));
      for (const v of vs) batch.push(fed(TaskValidatedV1, v, v.candidateId, tenant));
      validations += vs.length;
    }
    await feed(service, batch);
    candidateProgress.update(done);
  }
  const candidatesS = round(candidateProgress.elapsedMs / 1000, 1);
  const needProgress = new Progress('needs', options.needs, 'needs');
  for (let done = 0; done < options.needs;) {
    const batch: Fed[] = [];
    for (const upTo = Math.min(options.needs, done + 20); done < upTo; done++) {
      const need = world.need();
      batch.push(fed(NeedPostedV1, need, need.needId, `se-${need.countyCode}`));
    }
    await feed(service, batch);
    needProgress.update(done);
  }
  return {
    validations,
    totalS: round((performance.now() - started) / 1000, 1),
    candidatesS,
    needsS: round(needProgress.elapsedMs / 1000, 1),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Sending one event the way the service receives it

/**
 * Appends events to the in-process topics the service consumes and reports when its consumer has committed each:
 * the in-process broker commits a group's offset only after the pipeline's inbox transaction has committed.
 */
export class EventSender {
  private readonly broker = InProcessBroker.shared();
  private readonly waiting = new Map<string, () => void>();
  private readonly deadLetters: readonly unknown[];

  constructor(
    private readonly service: Service,
    private readonly prefix: string,
  ) {
    const group = `${prefix}${SERVICE_NAME}`;
    const commit = this.broker.commit.bind(this.broker);
    this.broker.commit = (g: string, topic: string, next: number): void => {
      commit(g, topic, next);
      if (g === group) this.waiting.get(`${topic}#${next - 1}`)?.();
    };
    this.deadLetters = this.broker.read(`${prefix}dead-letter.${SERVICE_NAME}`);
  }

  /** Wall milliseconds from the append until the consumer committed the event; throws if it was not applied. */
  async send(contract: Contract, payload: object, aggregateId: string, tenant: string): Promise<number> {
    const envelope = envelopeOf(contract, payload, aggregateId, tenant);
    const topic = physicalTopic(this.prefix, contract.topic);
    const key = `${topic}#${this.broker.read(topic).length}`;
    const deadBefore = this.deadLetters.length;
    const committed = new Promise<void>((resolve) => this.waiting.set(key, resolve));
    const slow = setTimeout(() => log.warn('event not committed after 60 s', { type: envelope.type, key }), 60_000);
    const started = performance.now();
    this.broker.append({ topic, key: aggregateId, value: JSON.stringify(envelope), headers: envelopeHeaders(envelope) });
    await committed;
    const wallMs = performance.now() - started;
    clearTimeout(slow);
    this.waiting.delete(key);
    // A dead-lettered event is committed too, but leaves no inbox row.
    const [row] = await asService(SERVICE_NAME, () =>
      this.service.dataSource.query(`SELECT 1 AS ok FROM matching.inbox WHERE consumer = $1 AND event_id = $2`, [
        SERVICE_NAME,
        envelope.eventId,
      ]),
    );
    if (!row || this.deadLetters.length !== deadBefore) {
      throw new Error(`${envelope.type} ${envelope.eventId} was not applied (dead-lettered?)`);
    }
    return wallMs;
  }
}

/** Waits until matching's relay has sent every outbox row (read as the service), and a moment for its turn to end. */
export async function relayIdle(service: Service, timeoutMs = 10_000): Promise<void> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const [{ n }] = await asService(SERVICE_NAME, () =>
      service.dataSource.query(`SELECT count(*)::int AS n FROM matching.outbox WHERE ${unsentOutboxRow('matching')}`),
    );
    if (n === 0 || performance.now() > until) break;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await new Promise((resolve) => setTimeout(resolve, 5));
}
