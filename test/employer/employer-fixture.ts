import { createEnvelope, PlacementStartedV1, PlacementStartedV1Payload } from '@jobbspar/contracts';
import { randomInt, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { as, authed } from '../support/auth';
import { startStack, type TestStack } from '../support/stack';

export function startEmployerOnly(): Promise<TestStack> {
  return startStack(['employer']);
}

export const SKOVDE = '1496';
export const FALKOPING = '1499';
export const LULEA = '2580';
export const SERVE_LUNCH = 'kitchen.serve-school-lunch'; // restaurant and kitchen assistants, 9412
export const DISHWASHING = 'kitchen.dishwashing'; // 9412
export const CLASSROOM = 'cleaning.classroom-clean'; // cleaners, 9111
export const RESTOCK = 'cleaning.restock-consumables'; // 9111
export const TIDY_ROOMS = 'preschool.tidy-and-restock-rooms'; // childcare workers, 5311
export const WASH_AND_SORT = 'laundry.wash-and-sort'; // 5311

/** Real users of the run's OpenID provider (demo users of Skövde, where the suites' employers are). */
export const HR = as('hr.skovde');
export const EMPLOYER = as('employer.lager');
export const ADMIN = as('admin.vg');

/** A fresh, valid organisation number in the given legal form group (Luhn check digit, third digit ≥ 2). */
export function organisationNumber(group: 2 | 5 | 8 = 5): string {
  const nine = `${group}${randomInt(0, 10)}${randomInt(2, 10)}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  for (let check = 0; check < 10; check++) {
    const digits = nine + check;
    let sum = 0;
    for (let i = 0; i < 10; i++) {
      let d = Number(digits[i]);
      if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 === 0) return `${digits.slice(0, 6)}-${digits.slice(6)}`;
  }
  throw new Error('unreachable: one check digit always fits');
}

/** A day relative to today, as YYYY-MM-DD in Sweden. */
export function day(offsetDays: number): string {
  const at = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(at);
}

export const TABLES = ['employers', 'roles', 'role_versions', 'needs', 'shortage_overrides', 'outbox', 'inbox'] as const;

/** Row counts of every table of employer-service: what "nothing stored" is checked against. */
export async function countRows(db: DataSource): Promise<Record<(typeof TABLES)[number], number>> {
  const counts = {} as Record<(typeof TABLES)[number], number>;
  for (const table of TABLES) {
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM employer.${table}`);
    counts[table] = n;
  }
  return counts;
}

/** Drives employer-service over HTTP, the way the UI and the demo script do. */
export class EmployerApi {
  constructor(private readonly stack: TestStack) {}

  http() {
    return authed(this.stack.apps.employer!.getHttpServer(), ADMIN);
  }

  async registerEmployer(over: Record<string, unknown> = {}): Promise<{ id: string; organisationNumber: string; countyCode: string }> {
    const isMunicipality = over.isMunicipality ?? false;
    const body = {
      organisationNumber: organisationNumber(isMunicipality ? 2 : 5),
      name: isMunicipality ? 'Skövde kommun' : 'Kök & Städ AB',
      sector: isMunicipality ? 'public' : 'private',
      municipalityCode: SKOVDE,
      isMunicipality,
      ...over,
    };
    // The region's admin registers employers (employer-service's policy).
    return (await this.http().post('/employers').send(body).expect(201)).body;
  }

  async municipality(): Promise<{ id: string; organisationNumber: string; countyCode: string }> {
    return this.registerEmployer({ isMunicipality: true });
  }

  async standardRole(ssyk: string): Promise<{ id: string; latestVersion: number; occupations: string[] }> {
    const res = await this.http().post('/roles/standard').set(HR).send({ ssyk });
    if (res.status !== 201 && res.status !== 200) throw new Error(`standard role ${ssyk}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async composeRole(
    employerId: string,
    over: Record<string, unknown> = {},
  ): Promise<{ id: string; latestVersion: number; occupations: string[] }> {
    const body = {
      employerId,
      name: 'Serviceassistent',
      tasks: [
        { taskId: SERVE_LUNCH, requiredLevel: 2, weight: 'must-have' },
        { taskId: CLASSROOM, requiredLevel: 2, weight: 'must-have' },
        { taskId: TIDY_ROOMS, requiredLevel: 1, weight: 'nice-to-have' },
      ],
      ...over,
    };
    return (await this.http().post('/roles').set(HR).send(body).expect(201)).body;
  }

  needBody(employerId: string, roleId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      employerId,
      roleId,
      positions: 2,
      workplaceMunicipality: SKOVDE,
      startDate: day(30),
      placementType: 'internship',
      support: { supervisorCapacity: 2, pairInternshipAllowed: true, languageSupport: true },
      ...over,
    };
  }

  async postNeed(employerId: string, roleId: string, over: Record<string, unknown> = {}): Promise<NeedBody> {
    return (
      (
        await this.http()
          // The suite's employers have no staff among the provider's users: their region's admin posts for them.
          .post('/needs')
          .send(this.needBody(employerId, roleId, over))
          .expect(201)
      ).body
    );
  }

  async getNeed(id: string): Promise<NeedBody> {
    return (await this.http().get(`/needs/${id}`).expect(200)).body;
  }
}

export interface NeedBody {
  id: string;
  revision: number;
  employerId: string;
  roleId: string;
  roleVersion: number;
  roleName: string;
  occupations: string[];
  tasks: { taskId: string; requiredLevel: number; weight: string }[];
  positions: number;
  positionsFilled: number;
  positionsOpen: number;
  workplaceMunicipality: string;
  countyCode: string;
  startDate: string;
  placementType: string;
  support: { supervisorCapacity: number; pairInternshipAllowed: boolean; languageSupport: boolean };
  status: string;
  shortage: boolean;
  closeReason: string | null;
}

/** A PlacementStarted v1 message as matching-service publishes it. */
export function placementStarted(
  need: { id: string; employerId: string },
  over: Partial<PlacementStartedV1Payload> = {},
): { key: string; value: string } {
  const payload: PlacementStartedV1Payload = {
    placementId: randomUUID(),
    proposalId: randomUUID(),
    needId: need.id,
    candidateId: randomUUID(),
    employerId: need.employerId,
    placementType: 'internship',
    startDate: day(30),
    support: { supervisor: true, languageSupport: true, studyCounselling: false },
    ...over,
  };
  const envelope = createEnvelope(PlacementStartedV1, payload, {
    producer: 'matching-service',
    tenant: 'se-14',
    aggregateId: payload.placementId,
    aggregateVersion: 1,
    actor: 'coordinator:c-1',
  });
  return { key: payload.placementId, value: JSON.stringify(envelope) };
}

/**
 * A fingerprint of every table's full content, not only its row count: a rejected update must leave rows as they
 * were, too.
 */
export async function tableStates(db: DataSource): Promise<Record<(typeof TABLES)[number], string>> {
  const states = {} as Record<(typeof TABLES)[number], string>;
  for (const table of TABLES) {
    const [{ rows, digest }] = await db.query(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM employer.${table} t`,
    );
    states[table] = `${rows} rows, ${digest}`;
  }
  return states;
}
