/**
 * BENCH_PROFILE=1 for the latency bench: where a batch of the steady stream spends its wall time. Wraps (on the
 * prototypes, in this process) the pipeline's batch, the engine's steps and every statement, and sums inclusive wall
 * time per name. Batches of different partitions run at once, so sums overlap; per-batch figures are the batch's own.
 */
import { performance } from 'node:perf_hooks';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { EventPipeline } from '../../libs/messaging/src/consumer/event-pipeline';
import { OutboxRelay } from '../../libs/messaging/src/outbox/outbox-relay';
import { AssignmentDiffApplier } from '../../apps/matching-service/src/matching/application/assignment-diff.applier';
import { AssignmentModel } from '../../apps/matching-service/src/matching/application/assignment-model';
import { Capacities } from '../../apps/matching-service/src/matching/application/capacities';
import { MatchingEngine } from '../../apps/matching-service/src/matching/application/matching.engine';
import { AssignmentProposals } from '../../apps/matching-service/src/proposals/application/assignment-proposals';
import { ReadModelProjector } from '../../apps/matching-service/src/read-models/infrastructure/read-model.projector';

interface Sum {
  ms: number;
  calls: number;
  /** Rows handed in (the first array parameter's length) and rows answered, summed. */
  rowsIn: number;
  rowsOut: number;
}

export class LatencyProfile {
  readonly steps = new Map<string, Sum>();
  readonly sql = new Map<string, Sum>();
  readonly batches: { events: number; ms: number }[] = [];
  readonly plans = new Map<string, string>();

  reset(): void {
    this.plans.clear();
    this.steps.clear();
    this.sql.clear();
    this.batches.length = 0;
  }

  install(): void {
    const add = (map: Map<string, Sum>, name: string, ms: number, rowsIn = 0, rowsOut = 0): void => {
      const s = map.get(name) ?? { ms: 0, calls: 0, rowsIn: 0, rowsOut: 0 };
      s.ms += ms;
      s.calls++;
      s.rowsIn += rowsIn;
      s.rowsOut += rowsOut;
      map.set(name, s);
    };
    const wrap = (target: object, method: string, name: string, onDone?: (ms: number, args: unknown[]) => void): void => {
      const proto = target as Record<string, unknown>;
      const original = proto[method] as (...args: unknown[]) => unknown;
      if (typeof original !== 'function') throw new Error(`profile: ${name} is not a method`);
      proto[method] = async function (this: unknown, ...args: unknown[]): Promise<unknown> {
        const started = performance.now();
        try {
          return await original.apply(this, args);
        } finally {
          const ms = performance.now() - started;
          add(profile.steps, name, ms);
          onDone?.(ms, args);
        }
      };
    };
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const profile = this;
    wrap(EventPipeline.prototype, 'processBatch', 'batch', (ms, args) =>
      profile.batches.push({ events: (args[0] as unknown[]).length, ms }),
    );
    wrap(ReadModelProjector.prototype, 'apply', 'projection.apply');
    // Private steps, as far as this version of the engine has them (the same bench measures before and after).
    for (const m of ['enter', 'matchPending', 'needChanged', 'needsChanged', 'refreshCandidates', 'candidatesChanged', 'rebuild'])
      if (typeof (MatchingEngine.prototype as unknown as Record<string, unknown>)[m] === 'function')
        wrap(MatchingEngine.prototype, m, `engine.${m}`);
    wrap(Capacities.prototype, 'refresh', 'capacities.refresh');
    wrap(AssignmentDiffApplier.prototype, 'applyEach', 'diff.applyEach');
    wrap(AssignmentProposals.prototype, 'rescore', 'proposals.rescore');
    wrap(AssignmentProposals.prototype, 'propose', 'proposals.propose');
    wrap(OutboxRelay.prototype, 'drainOnce', 'relay.drainOnce');
    const solve = AssignmentModel.prototype.solve;
    AssignmentModel.prototype.solve = function (this: AssignmentModel) {
      const started = performance.now();
      try {
        return solve.call(this);
      } finally {
        add(profile.steps, 'model.solve', performance.now() - started);
      }
    };
    const query = PostgresQueryRunner.prototype.query;
    PostgresQueryRunner.prototype.query = async function (this: PostgresQueryRunner, ...args: Parameters<PostgresQueryRunner['query']>) {
      const name = String(args[0]).replace(/\s+/g, ' ').trim().slice(0, 110);
      const firstArray = ((args[1] ?? []) as unknown[]).find((p) => Array.isArray(p)) as unknown[] | undefined;
      // BENCH_PROFILE_EXPLAIN=1: the plan of each kind of statement of the engine, once a round, in a savepoint
      // rolled back (an UPDATE explained with ANALYZE runs), from the fourth of its kind on (the tables filled).
      const sum = profile.sql.get(name);
      if (
        process.env.BENCH_PROFILE_EXPLAIN === '1' &&
        this.isTransactionActive &&
        (sum?.calls ?? 0) === 3 &&
        /^(SELECT|UPDATE|INSERT|DELETE|WITH)/i.test(name) &&
        !/advisory|set_config|outbox_relay|solver_turn/.test(name)
      ) {
        await query.call(this, 'SAVEPOINT bench_explain');
        try {
          const plan = (await query.call(this, `EXPLAIN (ANALYZE, BUFFERS) ${String(args[0])}`, args[1])) as { 'QUERY PLAN': string }[];
          profile.plans.set(name, plan.map((r) => r['QUERY PLAN']).join('\n'));
        } catch (error) {
          profile.plans.set(name, `explain failed: ${String(error)}`);
        }
        await query.call(this, 'ROLLBACK TO SAVEPOINT bench_explain');
      }
      const started = performance.now();
      let out = 0;
      try {
        const result: unknown = await query.apply(this, args);
        if (Array.isArray(result)) out = Array.isArray(result[0]) ? (result[0] as unknown[]).length : result.length;
        return result;
      } finally {
        add(profile.sql, name, performance.now() - started, firstArray?.length ?? 0, out);
      }
    } as PostgresQueryRunner['query'];
  }

  report(): Record<string, unknown> {
    const top = (map: Map<string, Sum>, n: number): [string, number, number, number, number][] =>
      [...map]
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, n)
        .map(([name, s]) => [name, Math.round(s.ms), s.calls, s.rowsIn, s.rowsOut]);
    const events = this.batches.reduce((a, b) => a + b.events, 0);
    const ms = this.batches.reduce((a, b) => a + b.ms, 0);
    return {
      batches: this.batches.length,
      eventsPerBatch: this.batches.length ? Math.round(events / this.batches.length) : 0,
      msPerBatch: this.batches.length ? Math.round(ms / this.batches.length) : 0,
      steps: top(this.steps, 30),
      sql: top(this.sql, 30),
      plans: Object.fromEntries(this.plans),
    };
  }
}
