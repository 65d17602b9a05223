/** What the benchmark reports: per event kind, the distribution of wall times, its phases, and the graph's size. */
import { asService } from '@jobbspar/platform';
import { median, percentile, ratio, round } from '../support/stats';
import { PHASES } from './event-path';
import { heldInstance, type Service } from './service';

export interface EventSample {
  kind: 'TaskValidated' | 'NeedPosted';
  wallMs: number;
  phases: Record<string, number>;
  scored: number;
  statements: number;
  added: number;
  removed: number;
}

export function describeSamples(samples: readonly EventSample[], kind: EventSample['kind'], baselineMs: number) {
  const of = samples.filter((s) => s.kind === kind);
  const wall = of.map((s) => s.wallMs);
  const phases: Record<string, number> = {};
  for (const phase of PHASES) phases[phase] = round(median(of.map((s) => s.phases[phase] ?? 0)), 2);
  const solveMs = median(of.map((s) => s.phases['incremental solve'] ?? 0));
  return {
    n: of.length,
    medianMs: round(median(wall), 2),
    p90Ms: round(percentile(wall, 90), 2),
    minMs: round(Math.min(...wall), 2),
    maxMs: round(Math.max(...wall), 2),
    ratioToBaseline: ratio(median(wall), baselineMs, 3),
    incrementalSolveMedianMs: round(solveMs, 3),
    solveRatioToBaseline: ratio(solveMs, baselineMs, 5),
    medianScored: median(of.map((s) => s.scored)),
    medianSqlStatements: median(of.map((s) => s.statements)),
    medianProposalsAdded: median(of.map((s) => s.added)),
    medianProposalsWithdrawn: median(of.map((s) => s.removed)),
    medianPhaseMs: phases,
  };
}

export async function graphSizes(service: Service, seededValidations: number) {
  const { instance } = heldInstance(service.engine);
  const degree = new Map<string, number>();
  for (const e of instance.edges) degree.set(e.need, (degree.get(e.need) ?? 0) + 1);
  const [counts]: Record<string, number>[] = await asService('matching-service', () =>
    service.dataSource.query(`SELECT
      (SELECT count(*)::int FROM matching.candidates WHERE profile IS NOT NULL) AS candidates,
      (SELECT count(*)::int FROM matching.candidates WHERE profile IS NOT NULL AND matching_consent) AS consenting,
      (SELECT count(*)::int FROM matching.needs WHERE status = 'open' AND positions_left > 0) AS open_needs,
      (SELECT count(*)::int FROM matching.candidate_task_levels) AS task_levels,
      (SELECT count(*)::int FROM matching.match_edges) AS match_edges,
      (SELECT count(*)::int FROM matching.proposals WHERE status = 'proposed') AS open_proposals,
      (SELECT count(*)::int FROM matching.proposals) AS proposals_ever`),
  );
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

export interface Summary {
  graph: Awaited<ReturnType<typeof graphSizes>> & { capacities: { candidateK: number; proposalsPerPositionM: number } };
  seed: { totalS: number };
  restart: { rebuildMs?: number; firstEventMs: number };
  baseline: { medianMs: number; runs: number[]; edges: number };
  events: Record<EventSample['kind'], ReturnType<typeof describeSamples>>;
}

export function table(summary: Summary): string {
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
