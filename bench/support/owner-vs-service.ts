import { table } from '../bench-util';
import { median, percentile, round } from './stats';

/** Milliseconds one piece of work takes. */
export async function timeMs(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Per statement, its times as the owner (no row-level security) and as the service role under it. */
export type OwnerVsService = Record<string, { owner: number[]; service: number[] }>;

/**
 * The row-level security benches' report: per statement the owner's and the service role's medians, the cost and
 * the ratio, and the service role's p95, as a table and then the JSON summary (with `context` first) as the last line.
 */
export function reportOwnerVsService(samples: OwnerVsService, firstHeader: string, context: Record<string, unknown>): void {
  const rows: string[][] = [[firstHeader, 'owner median ms', 'service role + RLS median ms', 'cost ms', 'ratio', 'service p95 ms']];
  const summary: Record<string, unknown> = { ...context };
  for (const [name, { owner: os, service: ss }] of Object.entries(samples)) {
    const [mo, ms] = [median(os), median(ss)];
    rows.push([
      name,
      String(round(mo, 3)),
      String(round(ms, 3)),
      String(round(ms - mo, 3)),
      String(round(ms / mo, 2)),
      String(round(percentile(ss, 95), 3)),
    ]);
    summary[name] = { ownerMedianMs: round(mo, 3), serviceMedianMs: round(ms, 3), costMs: round(ms - mo, 3), ratio: round(ms / mo, 2) };
  }
  process.stdout.write(table(rows) + '\n');
  process.stdout.write(JSON.stringify(summary) + '\n');
}
