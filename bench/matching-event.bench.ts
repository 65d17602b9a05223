/**
 * The cost of ONE new event in the real matching-service at a realistic size (issue 5: "its measured cost for one
 * new event at 10,000 candidates and 1,000 open needs").
 *
 *   node -r ts-node/register -r tsconfig-paths/register bench/matching-event.bench.ts \
 *     [--candidates 10000] [--needs 1000] [--events 20] [--warmup 3] [--baseline-runs 7] [--seed 1]
 *
 * (or BENCH_CANDIDATES, BENCH_NEEDS, BENCH_EVENTS, BENCH_WARMUP, BENCH_BASELINE_RUNS, BENCH_SEED; LOG_LEVEL=info or
 * debug also shows the service's own logs, otherwise only its warnings). Progress and logs: JSON lines on stderr. Result: a table and, as the
 * last line, a JSON summary on stdout.
 *
 * What runs: a real PostgreSQL in a temp dir, matching-service from `createMatchingApp` on the in-process broker.
 * The state is seeded through the service's own consumer handler (projection + matching engine), many events per
 * transaction: first the candidates' registrations and validations (no needs yet, so nothing to score), then the
 * needs, each scored against the candidates holding its tasks and solved incrementally, exactly as live. Then the
 * app is restarted, so the in-memory assignment is rebuilt from the tables as after a deploy.
 *
 * Measured: for each fresh event, the wall time from appending it to the broker topic the service consumes until the
 * consumer has committed it (decode, inbox transaction with projection, re-scoring, incremental solve, proposals and
 * outbox rows, COMMIT). Baseline, same run: `assign()` from scratch over the very graph the service holds in memory.
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import {
  CandidateProfileV1Payload,
  CandidateRegisteredV1,
  Contract,
  createEnvelope,
  EventEnvelope,
  NeedPostedV1,
  NeedSnapshotV1Payload,
  PLACEMENT_TYPES,
  physicalTopic,
  TaskValidatedV1,
  TaskValidatedV1Payload,
  Topics,
} from '@jobbspar/contracts';
import { assign, type Instance } from '@jobbspar/matching-core';
import { envelopeHeaders, InProcessBroker, type ReceivedEvent } from '@jobbspar/messaging';
import { JsonLogger } from '@jobbspar/platform';
import {
  getMunicipality,
  isShortage,
  listMunicipalities,
  listOccupations,
  standardRoleTasks,
  tasksOfOccupation,
  type Occupation,
} from '@jobbspar/taxonomy';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DataSource, EntityManager } from 'typeorm';
import { createMatchingApp } from '../apps/matching-service/src/bootstrap';
import { matchingSettings, SERVICE_NAME, type MatchingConfig } from '../apps/matching-service/src/config/env';
import { AssignmentModel } from '../apps/matching-service/src/matching/application/assignment-model';
import { MatchingEngine } from '../apps/matching-service/src/matching/application/matching.engine';
import { MatchingRepository } from '../apps/matching-service/src/matching/infrastructure/matching.repository';
import { ReadModelProjector } from '../apps/matching-service/src/read-models/infrastructure/read-model.projector';
import { ReadModelConsumer } from '../apps/matching-service/src/read-models/interface/messaging/read-model.consumer';
import { componentLogger } from '../scripts/infra/log';
import { startPostgres, type PostgresHandle } from '../scripts/infra/postgres';
import { seededRandom } from './random-instance';

const log = componentLogger('bench.matching-event');

// ---------------------------------------------------------------------------------------------------------------
// Options

interface Options {
  candidates: number;
  needs: number;
  events: number;
  warmup: number;
  baselineRuns: number;
  seed: number;
}

function readOptions(argv: readonly string[], env: NodeJS.ProcessEnv): Options {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument ${JSON.stringify(argv[i])}; use --name value`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${m[1]} needs a value`);
    flags.set(m[1], value);
  }
  const known = ['candidates', 'needs', 'events', 'warmup', 'baseline-runs', 'seed'];
  for (const name of flags.keys()) if (!known.includes(name)) throw new Error(`unknown option --${name} (known: ${known.join(', ')})`);
  const int = (flag: string, envName: string, fallback: number, min: number): number => {
    const raw = flags.get(flag) ?? env[envName];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${flag} / ${envName} must be an integer ≥ ${min}, got ${JSON.stringify(raw)}`);
    return n;
  };
  return {
    candidates: int('candidates', 'BENCH_CANDIDATES', 10_000, 10),
    needs: int('needs', 'BENCH_NEEDS', 1_000, 1),
    events: int('events', 'BENCH_EVENTS', 20, 1),
    warmup: int('warmup', 'BENCH_WARMUP', 3, 0),
    baselineRuns: int('baseline-runs', 'BENCH_BASELINE_RUNS', 7, 3),
    seed: int('seed', 'BENCH_SEED', 1, 0),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// A deterministic world: Skåne, Halland and Västra Götaland, occupations from the taxonomy's standard roles.

type Level = 1 | 2 | 3;

const COUNTIES = ['12', '13', '14'];
/** Where most people live and most workplaces are: weighted up against the small municipalities. */
const TOWNS: Record<string, number> = {
  '1280': 8,
  '1480': 10,
  '1283': 5,
  '1281': 4,
  '1490': 4,
  '1380': 3,
  '1290': 3,
  '1488': 2,
  '1496': 2,
};
/** Entry-level work is mostly in care, food, cleaning, logistics and retail. */
const AREA_WEIGHT: Record<string, number> = {
  care: 3,
  food: 2,
  'cleaning-facilities': 2,
  'logistics-transport': 2,
  retail: 2,
  education: 1.5,
  administration: 1,
  construction: 1,
  health: 1,
};

interface SeedCandidate {
  id: string;
  tenant: string;
  occupation: Occupation;
  consent: boolean;
  levels: Map<string, Level>;
}

class World {
  readonly rnd: () => number;
  readonly today = new Date().toISOString().slice(0, 10);
  private readonly municipalities: { code: string; countyCode: string; weight: number }[];
  private readonly occupations: { occupation: Occupation; weight: number }[];
  readonly candidates: SeedCandidate[] = [];

  constructor(seed: number) {
    this.rnd = seededRandom(seed);
    this.municipalities = COUNTIES.flatMap((county) =>
      listMunicipalities(county).map((m) => ({ code: m.code, countyCode: m.countyCode, weight: TOWNS[m.code] ?? 1 })),
    );
    for (const code of Object.keys(TOWNS)) if (!getMunicipality(code)) throw new Error(`taxonomy has no municipality ${code}`);
    this.occupations = listOccupations().map((o) => ({ occupation: o, weight: AREA_WEIGHT[o.area] ?? 1 }));
  }

  uuid(): string {
    const b: number[] = [];
    for (let i = 0; i < 16; i++) b.push(Math.floor(this.rnd() * 256));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.map((x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.rnd() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rnd() * items.length)];
  }

  weighted<T extends { weight: number }>(items: readonly T[]): T {
    let total = 0;
    for (const i of items) total += i.weight;
    let r = this.rnd() * total;
    for (const i of items) if ((r -= i.weight) < 0) return i;
    return items[items.length - 1];
  }

  day(offset: number): string {
    const d = new Date(`${this.today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + offset);
    return d.toISOString().slice(0, 10);
  }

  level(): Level {
    const r = this.rnd();
    return r < 0.2 ? 1 : r < 0.75 ? 2 : 3;
  }

  /** A registration and 2–8 validations, mostly of her occupation's tasks, core tasks first. */
  candidate(): { profile: CandidateProfileV1Payload; validations: TaskValidatedV1Payload[] } {
    const { occupation } = this.weighted(this.occupations);
    const sameArea = this.occupations.filter((o) => o.occupation.area === occupation.area && o.occupation !== occupation);
    const second = sameArea.length > 0 && this.rnd() < 0.3 ? this.pick(sameArea).occupation : undefined;
    const home = this.weighted(this.municipalities);
    const id = this.uuid();
    const consent = this.rnd() < 0.97;
    const profile: CandidateProfileV1Payload = {
      candidateId: id,
      revision: 1,
      homeMunicipality: home.code,
      availableFrom: this.day(this.int(-120, 60)),
      maxCommuteMinutes: this.pick([30, 45, 60, 60, 75, 90]),
      interests: second ? [occupation.ssyk, second.ssyk] : [occupation.ssyk],
      supportNeeds: { closeSupervision: this.rnd() < 0.3, languageSupport: this.rnd() < 0.4 },
      waitingSince: this.day(-this.int(30, 1200)),
      matchingConsent: consent,
    };
    const want = this.int(2, 8);
    const chosen: string[] = [];
    const add = (taskId: string): void => {
      if (chosen.length < want && !chosen.includes(taskId)) chosen.push(taskId);
    };
    for (const t of occupation.coreTaskIds) if (this.rnd() < 0.85) add(t);
    const others = [
      ...tasksOfOccupation(occupation.ssyk).map((t) => t.id),
      ...(second ? tasksOfOccupation(second.ssyk).map((t) => t.id) : []),
    ];
    for (let tries = 0; chosen.length < want && tries < 40; tries++) add(this.pick(others));
    const levels = new Map<string, Level>();
    const validations = chosen.map((taskId) => {
      const level = this.level();
      levels.set(taskId, level);
      return this.validation(id, taskId, level, level);
    });
    this.candidates.push({ id, tenant: `se-${home.countyCode}`, occupation, consent, levels });
    return { profile, validations };
  }

  validation(candidateId: string, taskId: string, level: Level, effectiveLevel: Level): TaskValidatedV1Payload {
    return {
      validationId: this.uuid(),
      candidateId,
      taskId,
      level,
      effectiveLevel,
      assessedOn: this.day(-this.int(1, 400)),
      workplaceId: this.uuid(),
    };
  }

  /** A standard role of a weighted occupation (some nice-to-haves left out), at a weighted workplace. */
  need(): NeedSnapshotV1Payload {
    const { occupation } = this.weighted(this.occupations);
    const place = this.weighted(this.municipalities);
    const role = standardRoleTasks(occupation.ssyk);
    const tasks = role.filter((t) => t.weight === 'must-have' || this.rnd() < 0.7).map((t) => ({ ...t }));
    return {
      needId: this.uuid(),
      revision: 1,
      employerId: this.uuid(),
      roleId: this.uuid(),
      roleVersion: 1,
      roleName: occupation.nameSv.slice(0, 120),
      occupations: [occupation.ssyk],
      tasks: tasks.length > 0 ? tasks : role.slice(0, 1).map((t) => ({ ...t })),
      positions: 1 + Math.floor(this.rnd() * this.rnd() * 3),
      positionsFilled: 0,
      workplaceMunicipality: place.code,
      countyCode: place.countyCode,
      startDate: this.day(this.int(7, 120)),
      placementType: this.pick(PLACEMENT_TYPES),
      support: { supervisorCapacity: this.int(0, 4), pairInternshipAllowed: this.rnd() < 0.2, languageSupport: this.rnd() < 0.5 },
      status: 'open',
      shortage: isShortage(place.countyCode, occupation.ssyk),
    };
  }

  /**
   * A new validation that changes her effective level (an unchanged level makes the service do nothing): mostly a
   * missing or too-low core task of her occupation, which may open needs to her, otherwise another task or a step up.
   */
  nextValidation(c: SeedCandidate): TaskValidatedV1Payload {
    const held = (t: string): number => c.levels.get(t) ?? 0;
    const coreGaps = c.occupation.coreTaskIds.filter((t) => held(t) < 2);
    const newTasks = tasksOfOccupation(c.occupation.ssyk)
      .map((t) => t.id)
      .filter((t) => held(t) === 0);
    const upgrades = [...c.levels.keys()].filter((t) => held(t) < 3);
    let taskId: string;
    let level: Level;
    if (coreGaps.length > 0 && (this.rnd() < 0.6 || (newTasks.length === 0 && upgrades.length === 0))) {
      taskId = this.pick(coreGaps);
      level = this.rnd() < 0.7 ? 2 : 3;
    } else if (newTasks.length > 0 && (upgrades.length === 0 || this.rnd() < 0.5)) {
      taskId = this.pick(newTasks);
      level = this.level();
    } else if (upgrades.length > 0) {
      taskId = this.pick(upgrades);
      level = (held(taskId) + 1) as Level;
    } else {
      throw new Error(`candidate ${c.id} holds every task of her occupation at level 3`);
    }
    const effective = Math.max(held(taskId), level) as Level;
    c.levels.set(taskId, effective);
    return this.validation(c.id, taskId, level, effective);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Phase clock: exclusive wall time per step of the service's event path, from wrapped prototype methods.

interface Frame {
  phase: string;
  childMs: number;
  sink: boolean;
}

/**
 * Matching work is serialised by the engine's lock and only one benchmark event is in flight, so a single stack of
 * frames attributes time correctly. A "sink" phase keeps everything it calls (its own queries) as its own time.
 */
class PhaseClock {
  enabled = false;
  private stack: Frame[] = [];
  readonly ms = new Map<string, number>();
  readonly calls = new Map<string, number>();
  statements = 0;
  lastSolve?: { added: number; removed: number };

  reset(): void {
    this.stack = [];
    this.ms.clear();
    this.calls.clear();
    this.statements = 0;
    this.lastSolve = undefined;
  }

  /** Records one phase that has finished: its time minus its children's, and its whole time on its parent. */
  finish(frame: Frame, elapsed: number): void {
    const at = this.stack.lastIndexOf(frame);
    if (at >= 0) this.stack.splice(at, 1);
    this.ms.set(frame.phase, (this.ms.get(frame.phase) ?? 0) + elapsed - frame.childMs);
    this.calls.set(frame.phase, (this.calls.get(frame.phase) ?? 0) + 1);
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.childMs += elapsed;
  }

  /** Starts a phase, or returns undefined when not measuring or inside a sink phase. */
  start(phase: string, sink: boolean): Frame | undefined {
    const top = this.stack[this.stack.length - 1];
    if (!this.enabled || top?.sink) return undefined;
    const frame: Frame = { phase, childMs: 0, sink };
    this.stack.push(frame);
    return frame;
  }
}

function instrument(clock: PhaseClock, target: object, method: string, phase: string, sink = false): void {
  const proto = target as Record<string, unknown>;
  const original = proto[method];
  if (typeof original !== 'function') throw new Error(`cannot instrument ${method}: not a method (has the service changed?)`);
  proto[method] = function (this: unknown, ...args: unknown[]): unknown {
    const frame = clock.start(phase, sink);
    if (!frame) return original.apply(this, args);
    const started = performance.now();
    const done = (): void => clock.finish(frame, performance.now() - started);
    let result: unknown;
    try {
      result = original.apply(this, args);
    } catch (error) {
      done();
      throw error;
    }
    if (result instanceof Promise) return result.finally(done);
    done();
    return result;
  };
}

function installPhaseClock(clock: PhaseClock): void {
  const wrap = (target: object, method: string, phase: string, sink = false): void => instrument(clock, target, method, phase, sink);
  const engine = MatchingEngine.prototype;
  const repo = MatchingRepository.prototype;
  const model = AssignmentModel.prototype;
  wrap(ReadModelProjector.prototype, 'apply', 'projection');
  wrap(engine, 'enter', 'lock', true);
  wrap(repo, 'candidatesHoldingAny', 'inverted index');
  wrap(repo, 'openNeedsAskingAny', 'inverted index');
  wrap(repo, 'candidates', 'load profiles');
  wrap(repo, 'needs', 'load profiles');
  wrap(repo, 'settledPairs', 'load profiles');
  wrap(engine, 'score', 'filter + score');
  wrap(repo, 'replaceNeedEdges', 'write edges');
  wrap(repo, 'replaceCandidateEdges', 'write edges');
  wrap(engine, 'refreshCapacities', 'capacities', true);
  wrap(model, 'setNeedEdges', 'assigner edit');
  wrap(model, 'setCandidateEdges', 'assigner edit');
  wrap(model, 'solve', 'incremental solve');
  wrap(engine, 'applyDiff', 'proposals + outbox', true);
  const solve = model.solve;
  model.solve = function (this: AssignmentModel) {
    const diff = solve.call(this);
    clock.lastSolve = { added: diff.added.length, removed: diff.removed.length };
    return diff;
  };
  const query = EntityManager.prototype.query;
  EntityManager.prototype.query = function (this: EntityManager, ...args: Parameters<EntityManager['query']>) {
    if (clock.enabled) clock.statements++;
    return query.apply(this, args);
  } as EntityManager['query'];
}

/** The phases in the order of the event path, for the table. */
const PHASES = [
  'lock',
  'projection',
  'inverted index',
  'load profiles',
  'filter + score',
  'write edges',
  'capacities',
  'assigner edit',
  'incremental solve',
  'proposals + outbox',
  'other (decode, inbox, commit)',
];

// ---------------------------------------------------------------------------------------------------------------
// Statistics

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Nearest-rank percentile. */
function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

// ---------------------------------------------------------------------------------------------------------------
// The service under test

interface Service {
  app: INestApplication;
  dataSource: DataSource;
  consumer: ReadModelConsumer;
  engine: MatchingEngine;
}

async function startService(config: MatchingConfig): Promise<Service> {
  const app = await createMatchingApp(config);
  return {
    app,
    dataSource: app.get(DataSource),
    consumer: app.get(ReadModelConsumer, { strict: false }),
    engine: app.get(MatchingEngine, { strict: false }),
  };
}

/** The in-memory assignment the engine holds (private state, read for the baseline and the graph sizes). */
function heldInstance(engine: MatchingEngine): { instance: Instance; total: number } {
  const model = (engine as unknown as { model: AssignmentModel }).model;
  const assigner = (model as unknown as { assigner: { toInstance(): Instance; total: number } }).assigner;
  return { instance: assigner.toInstance(), total: assigner.total };
}

function envelopeOf<P extends object>(contract: Contract<P>, payload: P, aggregateId: string, tenant: string): EventEnvelope<P> {
  const producer = contract.topic === Topics.needs ? 'employer-service' : 'candidate-service';
  return createEnvelope(contract, payload, { producer, tenant, aggregateId, aggregateVersion: 1, actor: 'bench:matching-event' });
}

interface Fed {
  contract: Contract;
  payload: object;
  envelope: EventEnvelope<object>;
}

/** Feeds events to the consumer's own handler, many per transaction, with their inbox rows as the pipeline writes. */
async function feed(service: Service, events: readonly Fed[]): Promise<void> {
  await service.dataSource.transaction(async (em) => {
    await em.query(
      `INSERT INTO matching.inbox (consumer, event_id, event_type, aggregate_id)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[])`,
      [SERVICE_NAME, events.map((e) => e.envelope.eventId), events.map((e) => e.envelope.type), events.map((e) => e.envelope.aggregateId)],
    );
    for (const e of events) {
      const event: ReceivedEvent = { type: e.envelope.type, envelope: e.envelope, payload: e.payload, contract: e.contract, em };
      if (e.contract.topic === Topics.needs) await service.consumer.onNeedEvent(event);
      else await service.consumer.onCandidateEvent(event);
    }
  });
}

class Progress {
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

function fed<P extends object>(contract: Contract<P>, payload: P, aggregateId: string, tenant: string): Fed {
  return { contract: contract as Contract, payload, envelope: envelopeOf(contract, payload, aggregateId, tenant) };
}

/**
 * Candidates first: with no needs yet the engine has nothing to score, so that part costs only the projection. Then
 * the needs, each scored against the candidates holding its tasks and solved incrementally, as a live NeedPosted.
 */
async function seed(service: Service, world: World, options: Options) {
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
class EventSender {
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
    const [row] = await this.service.dataSource.query(`SELECT 1 AS ok FROM matching.inbox WHERE consumer = $1 AND event_id = $2`, [
      SERVICE_NAME,
      envelope.eventId,
    ]);
    if (!row || this.deadLetters.length !== deadBefore) {
      throw new Error(`${envelope.type} ${envelope.eventId} was not applied (dead-lettered?)`);
    }
    return wallMs;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Reporting

interface EventSample {
  kind: 'TaskValidated' | 'NeedPosted';
  wallMs: number;
  phases: Record<string, number>;
  scored: number;
  statements: number;
  added: number;
  removed: number;
}

function describeSamples(samples: readonly EventSample[], kind: EventSample['kind'], baselineMs: number) {
  const of = samples.filter((s) => s.kind === kind);
  const wall = of.map((s) => s.wallMs);
  const phases: Record<string, number> = {};
  for (const phase of PHASES) phases[phase] = round(median(of.map((s) => s.phases[phase] ?? 0)));
  const solveMs = median(of.map((s) => s.phases['incremental solve'] ?? 0));
  return {
    n: of.length,
    medianMs: round(median(wall)),
    p90Ms: round(percentile(wall, 90)),
    minMs: round(Math.min(...wall)),
    maxMs: round(Math.max(...wall)),
    ratioToBaseline: round(median(wall) / baselineMs, 3),
    incrementalSolveMedianMs: round(solveMs, 3),
    solveRatioToBaseline: round(solveMs / baselineMs, 5),
    medianScored: median(of.map((s) => s.scored)),
    medianSqlStatements: median(of.map((s) => s.statements)),
    medianProposalsAdded: median(of.map((s) => s.added)),
    medianProposalsWithdrawn: median(of.map((s) => s.removed)),
    medianPhaseMs: phases,
  };
}

async function graphSizes(service: Service, seededValidations: number) {
  const { instance } = heldInstance(service.engine);
  const degree = new Map<string, number>();
  for (const e of instance.edges) degree.set(e.need, (degree.get(e.need) ?? 0) + 1);
  const [counts]: Record<string, number>[] = await service.dataSource.query(`SELECT
      (SELECT count(*)::int FROM matching.candidates WHERE profile IS NOT NULL) AS candidates,
      (SELECT count(*)::int FROM matching.candidates WHERE profile IS NOT NULL AND matching_consent) AS consenting,
      (SELECT count(*)::int FROM matching.needs WHERE status = 'open' AND positions_left > 0) AS open_needs,
      (SELECT count(*)::int FROM matching.candidate_task_levels) AS task_levels,
      (SELECT count(*)::int FROM matching.match_edges) AS match_edges,
      (SELECT count(*)::int FROM matching.proposals WHERE status = 'proposed') AS open_proposals,
      (SELECT count(*)::int FROM matching.proposals) AS proposals_ever`);
  return {
    candidates: counts.candidates,
    consentingCandidates: counts.consenting,
    openNeeds: counts.open_needs,
    validatedTaskLevels: counts.task_levels,
    seededValidations,
    edges: instance.edges.length,
    matchEdgesRows: counts.match_edges,
    candidatesWithEdges: new Set(instance.edges.map((e) => e.candidate)).size,
    needsWithEdges: degree.size,
    medianEdgesPerNeed: degree.size > 0 ? median([...degree.values()]) : 0,
    openProposals: counts.open_proposals,
    proposalsEver: counts.proposals_ever,
  };
}

interface Summary {
  graph: Awaited<ReturnType<typeof graphSizes>> & { capacities: { candidateK: number; proposalsPerPositionM: number } };
  seed: { totalS: number };
  restart: { rebuildMs?: number; firstEventMs: number };
  baseline: { medianMs: number; runs: number[]; edges: number };
  events: Record<EventSample['kind'], ReturnType<typeof describeSamples>>;
}

function table(summary: Summary): string {
  const { graph, baseline, restart } = summary;
  const tv = summary.events.TaskValidated;
  const np = summary.events.NeedPosted;
  const rows: [string, string, string][] = [
    ['', 'TaskValidated', 'NeedPosted'],
    ['events measured', String(tv.n), String(np.n)],
    ['median wall ms', String(tv.medianMs), String(np.medianMs)],
    ['p90 wall ms', String(tv.p90Ms), String(np.p90Ms)],
    ['ratio to baseline', `${tv.ratioToBaseline}×`, `${np.ratioToBaseline}×`],
    ['needs / candidates scored (median)', String(tv.medianScored), String(np.medianScored)],
    ['SQL statements (median)', String(tv.medianSqlStatements), String(np.medianSqlStatements)],
    [
      'proposals +/− (median)',
      `${tv.medianProposalsAdded}/${tv.medianProposalsWithdrawn}`,
      `${np.medianProposalsAdded}/${np.medianProposalsWithdrawn}`,
    ],
    ...PHASES.map((p): [string, string, string] => [`  ${p} ms`, String(tv.medianPhaseMs[p]), String(np.medianPhaseMs[p])]),
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  const { candidateK, proposalsPerPositionM } = graph.capacities;
  return [
    `matching-service, one new event: ${graph.candidates} candidates, ${graph.openNeeds} open needs and ${graph.edges} edges at the end (K=${candidateK}, M=${proposalsPerPositionM})`,
    `baseline: assign() from scratch over the service's graph (${baseline.edges} edges), median of ${baseline.runs.length}: ${baseline.medianMs} ms`,
    `restart: rebuild ${restart.rebuildMs ?? '?'} ms, first event incl. rebuild ${restart.firstEventMs} ms; seeding ${summary.seed.totalS} s`,
    '',
    ...rows.map((r) => `${r[0].padEnd(widths[0])}  ${r[1].padStart(widths[1])}  ${r[2].padStart(widths[2])}`),
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Main

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2), process.env);
  const level = (process.env.LOG_LEVEL ?? '').toLowerCase();
  // The service logs JSON on stdout; here stdout carries the result, so its lines go to stderr, and only warnings
  // and the rebuild line unless LOG_LEVEL asks for more.
  let rebuildMs: number | undefined;
  JsonLogger.threshold = level === 'debug' ? 'debug' : 'info';
  JsonLogger.sink = (line) => {
    const entry = JSON.parse(line) as { level?: string; msg?: string; ms?: number };
    if (entry.msg === 'assignment rebuilt') rebuildMs = entry.ms;
    const shown = level === 'debug' || level === 'info' || entry.level === 'warn' || entry.level === 'error';
    if (shown || entry.msg === 'assignment rebuilt') process.stderr.write(`${line}\n`);
  };
  log.info('starting', { ...options });

  const world = new World(options.seed);
  let postgres: PostgresHandle | undefined;
  let service: Service | undefined;
  try {
    postgres = await startPostgres();
    const prefix = 'bench.';
    const config: MatchingConfig = { databaseUrl: postgres.url, topicPrefix: prefix, groupPrefix: prefix, port: 0 };
    const settings = matchingSettings(config);
    service = await startService(config);
    const seeded = await seed(service, world, options);

    // Restart, as after a deploy: the next event rebuilds the assignment from match_edges and the proposals.
    log.info('restarting matching-service to rebuild its in-memory assignment from the tables');
    await service.app.close();
    rebuildMs = undefined;
    service = await startService(config);

    const clock = new PhaseClock();
    installPhaseClock(clock);
    const sender = new EventSender(service, prefix);
    const consenting = world.candidates.filter((c) => c.consent);
    const taskValidated = (): Promise<number> => {
      const c = world.pick(consenting);
      return sender.send(TaskValidatedV1, world.nextValidation(c), c.id, c.tenant);
    };
    const needPosted = (): Promise<number> => {
      const need = world.need();
      return sender.send(NeedPostedV1, need, need.needId, `se-${need.countyCode}`);
    };

    // The first event after the restart pays for the rebuild; it is reported on its own.
    log.info('first event after restart (rebuilds the assignment)');
    const restart = { rebuildMs: undefined as number | undefined, firstEventMs: round(await needPosted()) };
    restart.rebuildMs = rebuildMs;
    log.info('rebuilt', restart);
    for (let i = 0; i < options.warmup; i++) {
      await taskValidated();
      await needPosted();
    }
    log.info('warm-up done', { eventsPerKind: options.warmup });

    // Baseline in the same run: a from-scratch exact solve of the graph the service holds right now. One
    // uncounted run first: the first solve in a process pays for compiling the solver.
    const held = heldInstance(service.engine);
    let baselineTotal = assign(held.instance).total;
    const baselineRuns: number[] = [];
    for (let i = 0; i < options.baselineRuns; i++) {
      const started = performance.now();
      baselineTotal = assign(held.instance).total;
      baselineRuns.push(performance.now() - started);
      log.info('baseline run', { run: i + 1, of: options.baselineRuns, ms: round(baselineRuns[i]) });
    }
    // Both solve on the same micro-point grid, so two exact optima agree up to float rounding of the sum.
    if (Math.abs(baselineTotal - held.total) > 1e-3) {
      log.warn('from-scratch total differs from the service’s incremental total', { fromScratch: baselineTotal, service: held.total });
    }

    // Measured: fresh events of both kinds, interleaved so that neither sees a graph the other has not.
    const samples: EventSample[] = [];
    clock.enabled = true;
    for (let i = 0; i < options.events; i++) {
      for (const kind of ['TaskValidated', 'NeedPosted'] as const) {
        clock.reset();
        const wallMs = await (kind === 'TaskValidated' ? taskValidated() : needPosted());
        const phases = Object.fromEntries(clock.ms);
        const accounted = [...clock.ms.values()].reduce((a, b) => a + b, 0);
        phases['other (decode, inbox, commit)'] = Math.max(0, wallMs - accounted);
        samples.push({
          kind,
          wallMs,
          phases,
          scored: clock.calls.get('filter + score') ?? 0,
          statements: clock.statements,
          added: clock.lastSolve?.added ?? 0,
          removed: clock.lastSolve?.removed ?? 0,
        });
      }
      log.info('measuring', { round: i + 1, of: options.events });
    }
    clock.enabled = false;

    const baselineMs = median(baselineRuns);
    const summary = {
      bench: 'matching-event',
      options,
      environment: {
        node: process.version,
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        transport: 'in-process',
        postgres: 'embedded, fsync off',
      },
      graph: {
        ...(await graphSizes(service, seeded.validations)),
        capacities: { candidateK: settings.maxOpenProposalsPerCandidate, proposalsPerPositionM: settings.proposalsPerPosition },
      },
      seed: { totalS: seeded.totalS, candidatesS: seeded.candidatesS, needsS: seeded.needsS },
      restart,
      baseline: {
        what: 'assign() from scratch over the graph the service holds (same run)',
        runs: baselineRuns.map((x) => round(x)),
        medianMs: round(baselineMs),
        total: round(baselineTotal, 6),
        serviceTotal: round(held.total, 6),
        edges: held.instance.edges.length,
      },
      events: {
        TaskValidated: describeSamples(samples, 'TaskValidated', baselineMs),
        NeedPosted: describeSamples(samples, 'NeedPosted', baselineMs),
      },
    };
    process.stdout.write(table(summary));
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } finally {
    await service?.app.close().catch((error: unknown) => log.warn('closing matching-service failed', { error: String(error) }));
    await postgres?.stop();
  }
}

main().catch((error: unknown) => {
  log.error('benchmark failed', { error: (error as Error).stack ?? String(error) });
  process.exitCode = 1;
});
