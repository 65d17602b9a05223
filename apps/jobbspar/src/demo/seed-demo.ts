import { JsonLogger } from '@jobbspar/platform';
import { RoleTask, SKOVDE_ROLE_TEMPLATES, standardRoleTasks } from '@jobbspar/taxonomy';
import { Call, seedGoals, seedPlacementHistory } from './seed-follow-up';
import { loginWithPassword } from '../../../identity-provider/src/login-client';
import { DEMO_PASSWORD } from '../../../identity-provider/src/users';

/**
 * Demo data for the embedded default, created through the public HTTP API exactly as users would (so it also
 * exercises every path it touches): employers in the seeds' municipalities, standard roles and the Skövde
 * serviceassistent, open needs, and candidates whose certified internships make some needs a good match; for the
 * regional analyst, a goal with baselines and monthly figures, and months of placements and follow-ups.
 * Each step is done by the demo user whose role and organisation allow it (logged in at the provider like anyone
 * else): admins register employers, HR composes roles, employers and HR post needs, coordinators register
 * candidates and certify, supervisors assess. Runs only on an empty database. All people are fictional.
 */
type Json = Record<string, unknown>;

const EMPLOYERS = [
  {
    key: 'skovde',
    organisationNumber: '212000-1876',
    name: 'Skövde kommun',
    sector: 'public',
    municipalityCode: '1496',
    isMunicipality: true,
    admin: 'admin.vg',
    poster: 'hr.skovde',
    supervisor: 'supervisor.skovde',
  },
  {
    key: 'helsingborg',
    organisationNumber: '212000-1330',
    name: 'Helsingborgs stad',
    sector: 'public',
    municipalityCode: '1283',
    isMunicipality: true,
    admin: 'admin.skane',
    poster: 'hr.helsingborg',
    supervisor: 'supervisor.helsingborg',
  },
  {
    key: 'landskrona',
    organisationNumber: '212000-1280',
    name: 'Landskrona stad',
    sector: 'public',
    municipalityCode: '1282',
    isMunicipality: true,
    admin: 'admin.skane',
    poster: 'hr.landskrona',
    supervisor: 'supervisor.landskrona',
  },
  {
    key: 'omsorg',
    organisationNumber: '556712-3459',
    name: 'Kullabygdens Omsorg AB',
    sector: 'private',
    municipalityCode: '1284',
    isMunicipality: false,
    admin: 'admin.skane',
    poster: 'employer.omsorg',
    supervisor: 'supervisor.omsorg',
  },
  {
    key: 'lager',
    organisationNumber: '556998-8776',
    name: 'Skaraborgs Lager och Logistik AB',
    sector: 'private',
    municipalityCode: '1496',
    isMunicipality: false,
    admin: 'admin.vg',
    poster: 'employer.lager',
    supervisor: 'supervisor.lager',
  },
  {
    key: 'kok',
    organisationNumber: '559012-3443',
    name: 'Restaurang Sundet AB',
    sector: 'private',
    municipalityCode: '1283',
    isMunicipality: false,
    admin: 'admin.skane',
    poster: 'employer.sundet',
    supervisor: 'supervisor.sundet',
  },
] as const;

type EmployerKey = (typeof EMPLOYERS)[number]['key'];

const STANDARD_ROLES = { care: '5321', kitchen: '9412', cleaning: '9111', warehouse: '4322' } as const;
type RoleKey = keyof typeof STANDARD_ROLES | 'serviceassistent' | 'enhetsassistent';

const NEEDS: Array<{
  employer: EmployerKey;
  role: RoleKey;
  municipality: string;
  positions: number;
  inDays: number;
  type: string;
  pairs: boolean;
}> = [
  { employer: 'skovde', role: 'serviceassistent', municipality: '1496', positions: 3, inDays: 21, type: 'work-training', pairs: true },
  { employer: 'skovde', role: 'enhetsassistent', municipality: '1496', positions: 2, inDays: 30, type: 'employment', pairs: false },
  { employer: 'helsingborg', role: 'care', municipality: '1283', positions: 4, inDays: 14, type: 'internship', pairs: true },
  { employer: 'landskrona', role: 'serviceassistent', municipality: '1282', positions: 2, inDays: 28, type: 'work-training', pairs: false },
  { employer: 'omsorg', role: 'care', municipality: '1284', positions: 2, inDays: 35, type: 'employment', pairs: false },
  { employer: 'lager', role: 'warehouse', municipality: '1496', positions: 2, inDays: 20, type: 'internship', pairs: true },
  { employer: 'kok', role: 'kitchen', municipality: '1283', positions: 3, inDays: 18, type: 'work-training', pairs: false },
];

const CANDIDATES: Array<{
  name: string;
  home: string;
  commute: number;
  interests: string[];
  target: RoleKey;
  workplace: EmployerKey;
  support: boolean;
}> = [
  {
    name: 'Demo Amal',
    home: '1496',
    commute: 45,
    interests: ['5342', '9412'],
    target: 'serviceassistent',
    workplace: 'skovde',
    support: true,
  },
  { name: 'Demo Dilan', home: '1496', commute: 30, interests: ['5321'], target: 'enhetsassistent', workplace: 'skovde', support: false },
  { name: 'Demo Farida', home: '1283', commute: 40, interests: ['5321'], target: 'care', workplace: 'helsingborg', support: true },
  { name: 'Demo Hodan', home: '1282', commute: 40, interests: ['5321', '9111'], target: 'care', workplace: 'landskrona', support: false },
  {
    name: 'Demo Leyla',
    home: '1282',
    commute: 50,
    interests: ['9412'],
    target: 'serviceassistent',
    workplace: 'landskrona',
    support: false,
  },
  { name: 'Demo Mariam', home: '1284', commute: 45, interests: ['5321'], target: 'care', workplace: 'omsorg', support: true },
  { name: 'Demo Nadia', home: '1496', commute: 40, interests: ['4322'], target: 'warehouse', workplace: 'lager', support: false },
  { name: 'Demo Rahel', home: '1283', commute: 35, interests: ['9412', '5120'], target: 'kitchen', workplace: 'kok', support: false },
  { name: 'Demo Samira', home: '1292', commute: 60, interests: ['9412'], target: 'kitchen', workplace: 'kok', support: true },
];

/** The coordinator responsible for residents of a municipality: Skövde's own, or Familjen Helsingborg's. */
const coordinatorOf = (municipality: string): string => (municipality === '1496' ? 'coordinator.skovde' : 'coordinator.fh');

function isoDate(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

function idOf(body: Json): string {
  const id = body.id ?? body.employerId ?? body.roleId ?? body.needId ?? body.candidateId ?? body.internshipId ?? body.assessmentId;
  if (typeof id !== 'string') throw new Error(`no id in ${JSON.stringify(body).slice(0, 200)}`);
  return id;
}

/** Where each API path is served: one base URL (`npm start`), or a service per path prefix (`npm run stack`). */
export type ApiTarget = string | ((path: string) => string);

/** `travel`: moves matching-service's clock (see seedPlacementHistory); without it the history starts today. */
export async function seedDemo(
  target: ApiTarget,
  logger: JsonLogger,
  identity: { issuer: string },
  options: { travel?: (at: string | null) => void } = {},
): Promise<void> {
  const urlOf = typeof target === 'string' ? (path: string) => `${target}${path}` : target;
  const tokens = new Map<string, Promise<string>>();
  const tokenOf = (username: string): Promise<string> => {
    if (!tokens.has(username)) {
      tokens.set(
        username,
        loginWithPassword({ issuer: identity.issuer, username, password: DEMO_PASSWORD }).then((t) => t.accessToken),
      );
    }
    return tokens.get(username)!;
  };
  const call = async (user: string, method: string, path: string, body?: unknown, attempts = 1): Promise<Json> => {
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(urlOf(path), {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenOf(user)}` },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (res.ok) return text ? (JSON.parse(text) as Json) : {};
      // The candidate service learns about workplaces from employer events: give them a moment to arrive.
      if (attempt < attempts && (res.status === 404 || res.status === 422)) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    }
  };

  const existing = await call('admin.skane', 'GET', '/employers?limit=1');
  const total = Number(existing.total ?? (Array.isArray(existing.items) ? existing.items.length : 0));
  if (total > 0) {
    logger.info('demo data already present', { employers: total });
    return;
  }
  logger.info('seeding demo data', { employers: EMPLOYERS.length, needs: NEEDS.length, candidates: CANDIDATES.length });

  const employerIds = {} as Record<EmployerKey, string>;
  for (const { key, admin, poster: _poster, supervisor: _supervisor, ...employer } of EMPLOYERS) {
    employerIds[key] = idOf(await call(admin, 'POST', '/employers', employer));
  }
  const employerOf = (key: EmployerKey) => EMPLOYERS.find((e) => e.key === key)!;

  const roleIds = {} as Record<RoleKey, string>;
  const roleTasks = {} as Record<RoleKey, readonly RoleTask[]>;
  for (const [key, ssyk] of Object.entries(STANDARD_ROLES) as Array<[keyof typeof STANDARD_ROLES, string]>) {
    roleIds[key] = idOf(await call('admin.vg', 'POST', '/roles/standard', { ssyk }));
    roleTasks[key] = standardRoleTasks(ssyk);
  }
  for (const key of ['serviceassistent', 'enhetsassistent'] as const) {
    const template = SKOVDE_ROLE_TEMPLATES[key];
    const tasks = template.tasks.map((t) => ({ taskId: t.taskId, requiredLevel: t.requiredLevel, weight: t.weight }));
    roleIds[key] = idOf(
      await call('hr.skovde', 'POST', '/roles', {
        employerId: employerIds.skovde,
        name: template.nameSv,
        tasks,
        occupations: [...template.occupations],
      }),
    );
    roleTasks[key] = template.tasks;
  }

  for (const need of NEEDS) {
    await call(employerOf(need.employer).poster, 'POST', '/needs', {
      employerId: employerIds[need.employer],
      roleId: roleIds[need.role],
      positions: need.positions,
      workplaceMunicipality: need.municipality,
      startDate: isoDate(need.inDays),
      placementType: need.type,
      support: { supervisorCapacity: 2, pairInternshipAllowed: need.pairs, languageSupport: true },
    });
  }

  let certified = 0;
  for (const [index, person] of CANDIDATES.entries()) {
    const coordinator = coordinatorOf(person.home);
    const candidate = await call(coordinator, 'POST', '/candidates', {
      contact: { name: person.name, email: `demo${index + 1}@example.invalid` },
      homeMunicipality: person.home,
      availableFrom: isoDate(7),
      maxCommuteMinutes: person.commute,
      interests: person.interests,
      supportNeeds: { closeSupervision: person.support, languageSupport: person.support },
      languages: ['sv', index % 2 === 0 ? 'ar' : 'so'],
      consent: { matching: true },
      followUp: { gender: 'woman', bornAbroad: true, yearOfArrival: 2016 + (index % 6), reasonForImmigration: 'family-reunification' },
    });
    const candidateId = idOf(candidate);
    const internship = await call(
      coordinator,
      'POST',
      '/internships',
      {
        candidateId,
        workplaceId: employerIds[person.workplace],
        supervisorRole: 'handledare',
        startDate: isoDate(-60),
        endDate: isoDate(30),
      },
      50,
    );
    const internshipId = idOf(internship);
    // Every must-have at its level, and every other nice-to-have at level 1: some needs become strong matches.
    const tasks = roleTasks[person.target].filter((t, i) => t.weight === 'must-have' || i % 2 === 0);
    for (const [i, task] of tasks.entries()) {
      const assessment = await call(employerOf(person.workplace).supervisor, 'POST', `/internships/${internshipId}/assessments`, {
        taskId: task.taskId,
        level: task.weight === 'must-have' ? task.requiredLevel : 1,
        assessedOn: isoDate(-50 + i),
        comment: 'Utförde uppgiften enligt instruktion.',
      });
      await call(coordinator, 'POST', `/assessments/${idOf(assessment)}/certify`);
      certified++;
    }
  }
  // The regional analyst's side: the cooperation's goal and figures, and months of placements and follow-ups.
  const callAs =
    (user: string): Call =>
    (method, path, body, attempts) =>
      call(user, method, path, body, attempts);
  await seedGoals(callAs('analyst.skane'), logger);
  // Helsingborg's coordinator drives the history (her candidates, their internships and placements).
  await seedPlacementHistory({
    call: callAs('coordinator.fh'),
    employerCall: callAs('hr.helsingborg'),
    employerId: employerIds.helsingborg,
    roleId: roleIds.care,
    mustHaves: roleTasks.care.filter((t) => t.weight === 'must-have'),
    logger,
    travel: options.travel,
  });
  logger.info('demo data seeded', {
    employers: EMPLOYERS.length,
    needs: NEEDS.length,
    candidates: CANDIDATES.length,
    certifiedTasks: certified,
  });
}
