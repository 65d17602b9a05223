import type { JsonLogger } from '@jobbspar/platform';

type Json = Record<string, unknown>;
export type Call = (method: string, path: string, body?: unknown, attempts?: number) => Promise<Json>;

/** Familjen Helsingborg: the eleven municipalities of the cooperation in the seeds, all in Skåne (se-12). */
const COOPERATION: Array<[string, string, number]> = [
  ['1260', 'Bjuv', 96],
  ['1278', 'Båstad', 41],
  ['1283', 'Helsingborg', 1480],
  ['1284', 'Höganäs', 118],
  ['1276', 'Klippan', 131],
  ['1282', 'Landskrona', 742],
  ['1275', 'Perstorp', 58],
  ['1214', 'Svalöv', 87],
  ['1277', 'Åstorp', 156],
  ['1292', 'Ängelholm', 233],
  ['1257', 'Örkelljunga', 49],
];

const month = (offset: number): string => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + offset);
  return d.toISOString().slice(0, 7);
};

/**
 * The regional analyst's side of the demo: the cooperation's goal (halve unemployment among foreign-born women in
 * two years, from a baseline eight months ago) with its baselines set by form and later monthly figures imported as
 * CSV, as the analyst would from the public employment service's monthly statistics. Figures are invented.
 */
export async function seedGoals(call: Call, logger: JsonLogger): Promise<void> {
  const baselineMonth = month(-8);
  const goal = await call('POST', '/follow-up/regions/se-12/goals', {
    name: 'Halvera arbetslösheten bland utrikes födda kvinnor',
    targetGroup: 'Inskrivna arbetslösa utrikes födda kvinnor 16-64 år (Arbetsförmedlingen, månadsstatistik)',
    baselineMonth,
    targetMonth: month(16),
    reductionPercent: 50,
    baselines: COOPERATION.map(([municipality, , value]) => ({ municipality, value })),
  });
  const lines = ['municipality;month;value'];
  for (let m = -7; m <= -1; m++) {
    COOPERATION.forEach(([code, , baseline], i) => {
      // Some municipalities ahead of the path, some behind: a pace from -4 % to +0.5 % a month.
      const pace = -0.04 + (i % 4) * 0.015;
      lines.push(`${code};${month(m)};${Math.round(baseline * (1 + pace * (m + 8)))}`);
    });
  }
  await call('POST', `/follow-up/regions/se-12/goals/${String(goal.goalId)}/figures/import`, { csv: lines.join('\n') });
  logger.info('demo goal seeded', { goalId: goal.goalId, municipalities: COOPERATION.length, months: 8 });
}

/**
 * Placements months back, and their 90- and 180-day follow-ups, so that released months of the outcome report show
 * something: a proposal is accepted, the placement starts on a past day (an internship that began before it was
 * recorded here), and the follow-ups that have fallen due are recorded.
 */
export async function seedPlacementHistory(call: Call, candidateIds: readonly string[], logger: JsonLogger): Promise<void> {
  const wanted = new Set(candidateIds);
  const deadline = Date.now() + 60_000;
  const byCandidate = new Map<string, string>();
  while (byCandidate.size < wanted.size && Date.now() < deadline) {
    const queue = await call('GET', '/matching/review-queue?limit=200');
    for (const p of (queue.items as { proposalId: string; candidateId: string; status?: string }[]) ?? []) {
      if (wanted.has(p.candidateId) && !byCandidate.has(p.candidateId)) byCandidate.set(p.candidateId, p.proposalId);
    }
    if (byCandidate.size < wanted.size) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  let placed = 0;
  let followUps = 0;
  for (const [i, proposalId] of [...byCandidate.values()].entries()) {
    const startsMonthsAgo = i % 3 === 0 ? 4 : 7;
    const start = `${month(-startsMonthsAgo)}-0${1 + (i % 9)}`;
    try {
      await call('POST', `/matching/proposals/${proposalId}/accept`);
      const placement = await call('POST', `/matching/proposals/${proposalId}/placement`, {
        startDate: start,
        support: { supervisor: true, languageSupport: i % 2 === 0, studyCounselling: i % 3 === 1 },
      });
      placed++;
      for (const checkpointDays of [30, 90, 180]) {
        if (Date.parse(`${start}T00:00:00Z`) + checkpointDays * 86_400_000 > Date.now() - 86_400_000) continue;
        await call('POST', `/matching/placements/${String(placement.placementId)}/follow-ups`, {
          checkpointDays,
          status: i % 4 === 3 ? 'other' : i % 5 === 4 ? 'in-studies' : 'in-work',
        });
        followUps++;
      }
    } catch (error) {
      // A proposal reoptimised away meanwhile: the demo goes on with the others.
      logger.write('warn', 'demo placement skipped', { proposalId, error: (error as Error).message.slice(0, 200) });
    }
  }
  logger.info('demo placement history seeded', { placed, followUps });
}
