import { counter, gauge, histogram, LATENCY_BUCKETS } from '@jobbspar/platform';

/** The backbone's metrics (see libs/platform/src/observability/metrics.ts for the registry). */
export const messagingMetrics = {
  /** Every message a consumer finished with, by outcome: applied, duplicate (absorbed by the inbox), dead-lettered. */
  consumed: counter({
    name: 'events_consumed_total',
    help: 'Messages a consumer finished with, by outcome (applied, duplicate = absorbed by the inbox, dead-lettered)',
    labelNames: ['service', 'topic', 'outcome'] as const,
  }),
  handling: histogram({
    name: 'event_handling_seconds',
    help: 'Time from a message reaching the pipeline to its inbox transaction committing (retries included)',
    labelNames: ['service', 'topic'] as const,
    buckets: LATENCY_BUCKETS,
  }),
  /**
   * Where a consumer's batches spend their time (batches applied in one transaction; summed over batches, which may
   * overlap when partitions are applied at once): decode (and validate), inbox (its transaction's start and the inbox
   * rows), handlers (each event's handler), end:<work> (what handlers deferred to the batch's end, by key: a
   * projection's writes, matching), commit.
   */
  batchPhases: counter({
    name: 'consumer_batch_phase_seconds_total',
    help: "Seconds a consumer's batches spent in each phase: decode, inbox, handlers, end:<deferred work>, commit",
    labelNames: ['service', 'phase'] as const,
  }),
  retries: counter({
    name: 'event_retries_total',
    help: 'Failed attempts that were retried (an outage, or an unknown failure before it is dead-lettered)',
    labelNames: ['service', 'topic', 'class'] as const,
  }),
  lag: gauge({
    name: 'consumer_lag_messages',
    help: "Messages on a partition after the one just handled (the broker's high watermark at fetch time)",
    labelNames: ['service', 'group', 'topic', 'partition'] as const,
  }),
  published: counter({
    name: 'outbox_published_total',
    help: 'Outbox rows the relay published and marked sent',
    labelNames: ['service'] as const,
  }),
  publishFailures: counter({
    name: 'outbox_publish_failures_total',
    help: 'Relay rounds that failed to publish (the rows stay in the outbox)',
    labelNames: ['service'] as const,
  }),
};

/** Outbox backlog and the age of its oldest unsent row, read from each relay's table when scraped. */
export interface BacklogSource {
  service: string;
  stats(): Promise<{ backlog: number; oldestAgeSeconds: number }>;
}
const sources = new Set<BacklogSource>();

export function watchBacklog(source: BacklogSource): () => void {
  sources.add(source);
  return () => sources.delete(source);
}

async function readBacklogs(): Promise<Map<string, { backlog: number; oldestAgeSeconds: number }>> {
  const out = new Map<string, { backlog: number; oldestAgeSeconds: number }>();
  await Promise.all(
    [...sources].map(async (s) => {
      // A database that is down must not fail the whole scrape: the series is left out until it answers.
      const stats = await s.stats().catch(() => undefined);
      if (stats) out.set(s.service, stats);
    }),
  );
  return out;
}

gauge({
  name: 'outbox_backlog_rows',
  help: 'Outbox rows not yet published',
  labelNames: ['service'] as const,
  async collect() {
    this.reset();
    for (const [service, s] of await readBacklogs()) this.set({ service }, s.backlog);
  },
});
gauge({
  name: 'outbox_oldest_unpublished_age_seconds',
  help: 'Age of the oldest outbox row not yet published (0 when none waits)',
  labelNames: ['service'] as const,
  async collect() {
    this.reset();
    for (const [service, s] of await readBacklogs()) this.set({ service }, s.oldestAgeSeconds);
  },
});
