import { swedishDay, type JsonLogger } from '@jobbspar/platform';

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

export interface HistoryInput {
  /** As the coordinator: candidates, internships, the review and the follow-ups. */
  readonly call: Call;
  /** As someone who answers for the employer (its HR, for a municipality as employer): posts the need, confirms. */
  readonly employerCall: Call;
  readonly employerId: string;
  readonly roleId: string;
  readonly mustHaves: readonly { taskId: string; requiredLevel: number }[];
  readonly logger: JsonLogger;
  /** Moves candidate- and matching-service's clock to an instant, or back to now (null); the demo's TravelClock. */
  readonly travel?: (at: string | null) => void;
}

const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const shift = (on: string, days: number): string => new Date(Date.parse(`${on}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** The first day of the month `monthsAgo` months back. */
const firstOfMonth = (monthsAgo: number): string => `${month(-monthsAgo)}-01`;
const thisYear = new Date().getUTCFullYear();

/** Who the history is about: enough people in Helsingborg that its tables show figures, and a few elsewhere. */
const COHORTS = [
  { municipality: '1283', monthsAgo: 7, people: 14 },
  { municipality: '1282', monthsAgo: 4, people: 6 },
  { municipality: '1292', monthsAgo: 4, people: 3 },
  // Placed two months ago: the latest released month (the one the analyst's follow-up opens on) has placements.
  { municipality: '1283', monthsAgo: 2, people: 6 },
];

/**
 * Placements months back, and the follow-ups that have fallen due, so that released months of the outcome and
 * equal-distribution reports show something. The demo lives through the history, as the date rules require (a
 * registration is dated the day it is made, a placement never starts before its acceptance): `travel` moves the
 * services' clock, and each cohort is registered three months before its placements, its internship certified ten
 * days before them (the day matching proposes them for a care need of Helsingborg), each one accepted and placed on
 * her start day, and the follow-ups recorded today. Without `travel` (the services on the system clock) all of it
 * happens today. Their attributes vary so that groups differ. All people are fictional.
 */
export async function seedPlacementHistory(input: HistoryInput): Promise<void> {
  const { call, logger } = input;
  const total = COHORTS.reduce((n, c) => n + c.people, 0);
  const need = await input.employerCall('POST', '/needs', {
    employerId: input.employerId,
    roleId: input.roleId,
    positions: total + 2,
    workplaceMunicipality: '1283',
    startDate: day(10),
    placementType: 'internship',
    // Room to supervise every one of them: supervisor capacity bounds how many who need close supervision are proposed.
    support: { supervisorCapacity: total + 2, pairInternshipAllowed: true, languageSupport: true },
  });
  const needId = String(need.id);
  const at = (on: string): void => input.travel?.(`${on}T10:00:00Z`);
  const counts = { people: 0, proposed: 0, placed: 0, followUps: 0 };
  let n = 0;
  try {
    for (const cohort of COHORTS) {
      const first = firstOfMonth(cohort.monthsAgo);
      const reviewDay = shift(first, -10);
      const people: { candidateId: string; start: string }[] = [];
      for (let i = 0; i < cohort.people; i++, n++) {
        const registeredOn = shift(firstOfMonth(cohort.monthsAgo + 3), i % 20);
        at(registeredOn);
        people.push({
          candidateId: await register(call, cohort.municipality, n, input.travel ? registeredOn : day(-300)),
          start: shift(first, 2 + (i % 20)),
        });
      }
      // Their internships ended before the review, their tasks assessed and certified in them: the funnel's first
      // certified task falls in the weeks before the proposal.
      at(reviewDay);
      for (const { candidateId } of people) {
        const internship = await call(
          'POST',
          '/internships',
          {
            candidateId,
            workplaceId: input.employerId,
            supervisorRole: 'handledare',
            startDate: shift(reviewDay, -50),
            endDate: shift(reviewDay, -5),
          },
          50,
        );
        for (const [k, task] of input.mustHaves.entries()) {
          const assessment = await call('POST', `/internships/${String(internship.internshipId)}/assessments`, {
            taskId: task.taskId,
            level: Math.max(task.requiredLevel, 2),
            assessedOn: shift(reviewDay, -20 + k),
          });
          await call('POST', `/assessments/${String(assessment.assessmentId)}/certify`);
        }
      }
      // Matching proposes them while the clock still shows the review day.
      const proposals = await proposalsFor(call, needId, new Set(people.map((p) => p.candidateId)));
      if (proposals.size < people.length)
        logger.write('warn', 'demo history: not everyone was proposed', { people: people.length, proposed: proposals.size });
      counts.people += people.length;
      counts.proposed += proposals.size;
      for (const [i, { candidateId, start }] of people.entries()) {
        const proposalId = proposals.get(candidateId);
        if (!proposalId) continue;
        try {
          at(start);
          await call('POST', `/matching/proposals/${proposalId}/accept`);
          const today = input.travel ? start : swedishDay(new Date());
          // The coordinator accepts; the employer (Helsingborg's HR, for the city as employer) confirms, which starts it.
          const placement = await input.employerCall('POST', `/matching/proposals/${proposalId}/confirm`, {
            startDate: start < today ? today : start,
            support: { supervisor: i % 5 !== 4, languageSupport: i % 3 !== 2, studyCounselling: i % 4 === 1 },
          });
          input.travel?.(null);
          counts.placed++;
          counts.followUps += await followUp(call, placement, i);
        } catch (error) {
          // A proposal re-optimised away meanwhile: the demo goes on with the others.
          logger.write('warn', 'demo placement skipped', { proposalId, error: (error as Error).message.slice(0, 200) });
        }
      }
    }
  } finally {
    input.travel?.(null);
  }
  logger.info('demo placement history seeded', counts);
}

/** Registers the `n`th person of the history, her attributes varied so that the groups of the reports differ. */
async function register(call: Call, municipality: string, n: number, availableFrom: string): Promise<string> {
  const man = n % 4 === 3;
  const candidate = await call('POST', '/candidates', {
    contact: { name: `Demo Historik ${n + 1}`, email: `history${n + 1}@example.invalid` },
    homeMunicipality: municipality,
    availableFrom,
    maxCommuteMinutes: 60,
    interests: ['5321'],
    supportNeeds: { closeSupervision: n % 2 === 0, languageSupport: !man },
    languages: ['sv', 'ar'],
    consent: { matching: true },
    followUp: man
      ? { gender: 'man', bornAbroad: n % 8 === 3 }
      : {
          gender: 'woman',
          bornAbroad: true,
          yearOfArrival: thisYear - (n % 3 === 0 ? 8 : 2),
          reasonForImmigration: 'family-reunification',
        },
  });
  return String(candidate.candidateId);
}

/**
 * The open proposals of `candidates` for the need, once every one is proposed or they stopped coming (5 s without a
 * new one once they began, 30 s at most): the demo goes on with those.
 */
async function proposalsFor(call: Call, needId: string, candidates: ReadonlySet<string>): Promise<Map<string, string>> {
  const proposals = new Map<string, string>();
  const deadline = Date.now() + 30_000;
  let lastNew = Date.now();
  while (proposals.size < candidates.size && Date.now() < deadline && (proposals.size === 0 || Date.now() - lastNew < 5_000)) {
    const page = await call('GET', `/matching/needs/${needId}/proposals?limit=200`);
    for (const p of (page.items as { proposalId: string; candidateId: string; status: string }[]) ?? []) {
      if (p.status === 'proposed' && candidates.has(p.candidateId) && !proposals.has(p.candidateId)) {
        proposals.set(p.candidateId, p.proposalId);
        lastNew = Date.now();
      }
    }
    if (proposals.size < candidates.size) await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return proposals;
}

/** The checkpoints of a placement that have fallen due, recorded today (some 30-day ones left out); how many. */
async function followUp(call: Call, placement: Json, i: number): Promise<number> {
  let recorded = 0;
  for (const checkpointDays of [30, 90, 180]) {
    if (Date.parse(`${String(placement.startDate)}T00:00:00Z`) + checkpointDays * 86_400_000 > Date.now() - 86_400_000) continue;
    if (checkpointDays === 30 && i % 3 === 0) continue;
    await call('POST', `/matching/placements/${String(placement.placementId)}/follow-ups`, {
      checkpointDays,
      status: i % 6 === 5 ? 'other' : i % 7 === 6 ? 'in-studies' : 'in-work',
    });
    recorded++;
  }
  return recorded;
}
