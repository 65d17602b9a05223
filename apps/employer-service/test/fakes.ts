/**
 * In-memory stand-ins for the seams the command handlers take (DataSource, repositories, Outbox, Clock), for fast
 * handler specs without a database or a broker. Each fake implements its repository's abstract class (domain/), so
 * a new repository method without a fake does not compile; none of them reads SQL. The fakes store copies of the aggregates' props, as a table would,
 * and a FakeDataSource transaction discards everything its participants recorded when the callback throws.
 */
import type { ShortageOverride } from '@jobbspar/taxonomy';
import { FakeDataSource, FakeOutbox, FixedClock, restorable, Transactional, uniqueViolation } from '@jobbspar/testing';
import type { EntityManager } from 'typeorm';
import { Employer, EmployerProps } from '../src/employers/domain/employer';
import { EmployerRepository } from '../src/employers/domain/employer.repository';
import { Need, NeedPolicy, NeedProps, PostNeedInput } from '../src/needs/domain/need';
import { NeedRepository } from '../src/needs/domain/need.repository';
import { Role, RoleProps, RoleVersion } from '../src/roles/domain/role';
import { RoleRepository } from '../src/roles/domain/role.repository';
import { ShortageOverrideRecord, ShortageOverrideRepository } from '../src/taxonomy/domain/shortage-override.repository';

export * from '@jobbspar/testing';

export class FakeEmployerRepository extends EmployerRepository implements Transactional {
  readonly rows = new Map<string, EmployerProps>();

  seed(employer: Employer): Employer {
    this.rows.set(employer.id, employer.toProps());
    return employer;
  }

  override async findById(_em: EntityManager, id: string): Promise<Employer | null> {
    const row = this.rows.get(id);
    return row ? Employer.restore(row) : null;
  }

  override async findIdByOrganisationNumber(_em: EntityManager, organisationNumber: string): Promise<string | null> {
    return [...this.rows.values()].find((r) => r.organisationNumber === organisationNumber)?.id ?? null;
  }

  override async insert(_em: EntityManager, employer: Employer): Promise<void> {
    const props = employer.toProps();
    if (this.rows.has(props.id)) throw uniqueViolation('employers_pkey');
    if ([...this.rows.values()].some((r) => r.organisationNumber === props.organisationNumber)) {
      throw uniqueViolation('employers_organisation_number_key');
    }
    this.rows.set(props.id, props);
  }

  snapshot(): () => void {
    return restorable(this.rows);
  }
}

function copyRole(props: Readonly<RoleProps>): RoleProps {
  return { ...props, versions: [...props.versions] };
}

export class FakeRoleRepository extends RoleRepository implements Transactional {
  readonly rows = new Map<string, RoleProps>();
  /** The ids loaded with a row lock. */
  readonly locked: string[] = [];

  seed(role: Role): Role {
    this.rows.set(role.id, copyRole(role.toProps()));
    return role;
  }

  override async findById(_em: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<Role | null> {
    const row = this.rows.get(id);
    if (!row) return null;
    if (options.lock) this.locked.push(id);
    return Role.restore(copyRole(row));
  }

  override async findStandardBySsyk(em: EntityManager, ssyk: string, options: { lock?: boolean } = {}): Promise<Role | null> {
    const row = [...this.rows.values()].find((r) => r.kind === 'standard' && r.ssyk === ssyk);
    return row ? this.findById(em, row.id, options) : null;
  }

  override async insert(_em: EntityManager, role: Role): Promise<void> {
    if (this.rows.has(role.id)) throw uniqueViolation('roles_pkey');
    this.rows.set(role.id, copyRole(role.toProps()));
  }

  override async findVersion(_em: EntityManager, roleId: string, version: number): Promise<RoleVersion | null> {
    return this.rows.get(roleId)?.versions.find((v) => v.version === version) ?? null;
  }

  /** The occupations whose standard role was locked, in order; not rolled back. */
  readonly standardLocks: string[] = [];

  override async lockStandardRole(_em: EntityManager, ssyk: string): Promise<void> {
    this.standardLocks.push(ssyk);
  }

  override async addVersion(_em: EntityManager, role: Role, version: RoleVersion): Promise<void> {
    const row = this.rows.get(role.id);
    if (!row) throw new Error(`no role row ${role.id}`);
    if (row.versions.some((v) => v.version === version.version)) throw uniqueViolation('role_versions_pkey');
    this.rows.set(role.id, { ...row, versions: [...row.versions, version] });
  }

  snapshot(): () => void {
    return restorable(this.rows);
  }
}

export class FakeNeedRepository extends NeedRepository implements Transactional {
  readonly rows = new Map<string, NeedProps>();
  /** The ids loaded with a row lock. */
  readonly locked: string[] = [];
  /** How many times each need was written (insert or save). */
  readonly writes: string[] = [];

  seed(need: Need): Need {
    need.pullEvents();
    this.rows.set(need.id, need.toProps());
    return need;
  }

  stored(id: string): NeedProps {
    const row = this.rows.get(id);
    if (!row) throw new Error(`no need ${id} stored`);
    return row;
  }

  override async findById(_em: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<Need | null> {
    const row = this.rows.get(id);
    if (!row) return null;
    if (options.lock) this.locked.push(id);
    return Need.restore(row);
  }

  override async insert(_em: EntityManager, need: Need): Promise<void> {
    if (this.rows.has(need.id)) throw uniqueViolation('needs_pkey');
    this.rows.set(need.id, need.toProps());
    this.writes.push(need.id);
  }

  override async save(_em: EntityManager, need: Need): Promise<void> {
    if (!this.rows.has(need.id)) throw new Error(`save of unknown need ${need.id}`);
    this.rows.set(need.id, need.toProps());
    this.writes.push(need.id);
  }

  snapshot(): () => void {
    const restoreRows = restorable(this.rows);
    const writes = this.writes.length;
    return () => {
      restoreRows();
      this.writes.length = writes;
    };
  }
}

const overrideKey = (countyCode: string, ssyk: string): string => `${countyCode}:${ssyk}`;

export class FakeShortageOverrideRepository extends ShortageOverrideRepository implements Transactional {
  readonly rows = new Map<string, ShortageOverrideRecord>();

  seed(override: ShortageOverride, setBy = 'admin:seed', setAt = new Date('2030-01-01T00:00:00Z')): void {
    this.rows.set(overrideKey(override.countyCode, override.ssyk), { ...override, setBy, setAt });
  }

  override async all(): Promise<ShortageOverrideRecord[]> {
    return [...this.rows.values()];
  }

  override async forCounty(_em: EntityManager, countyCode: string): Promise<ShortageOverride[]> {
    return [...this.rows.values()]
      .filter((r) => r.countyCode === countyCode)
      .map(({ countyCode: c, ssyk, shortage }) => ({ countyCode: c, ssyk, shortage }));
  }

  override async upsert(_em: EntityManager, override: ShortageOverrideRecord): Promise<void> {
    this.rows.set(overrideKey(override.countyCode, override.ssyk), { ...override });
  }

  override async remove(_em: EntityManager, countyCode: string, ssyk: string): Promise<boolean> {
    return this.rows.delete(overrideKey(countyCode, ssyk));
  }

  snapshot(): () => void {
    return restorable(this.rows);
  }
}

/** Every fake, wired to one FakeDataSource whose transactions roll all of them back together. */
export function fakeWorld(now = new Date('2030-01-10T08:00:00Z')) {
  const employers = new FakeEmployerRepository();
  const roles = new FakeRoleRepository();
  const needs = new FakeNeedRepository();
  const overrides = new FakeShortageOverrideRepository();
  const outbox = new FakeOutbox('employer-service');
  const dataSource = new FakeDataSource([employers, roles, needs, overrides, outbox]);
  const clock = new FixedClock(now);
  return { employers, roles, needs, overrides, outbox, dataSource, clock };
}

export const NEED_ID = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
export const NEED_EMPLOYER_ID = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';

/** A need in Skövde (county 14) for a frozen role version whose occupations 9412 and 9111 are not in shortage there. */
export function needInput(over: Partial<PostNeedInput> = {}): PostNeedInput {
  return {
    id: NEED_ID,
    employerId: NEED_EMPLOYER_ID,
    role: {
      roleId: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
      version: 1,
      name: 'Serviceassistent',
      occupations: ['9412', '9111'],
      tasks: [{ taskId: 'kitchen.serve-school-lunch', requiredLevel: 2, weight: 'must-have' }],
    },
    positions: 2,
    workplaceMunicipality: '1496',
    countyCode: '14',
    startDate: '2030-02-01',
    placementType: 'internship',
    support: { supervisorCapacity: 2, pairInternshipAllowed: true, languageSupport: false },
    publish: true,
    ...over,
  };
}

/** A need as posted on `at` (no shortage anywhere), its events already published. */
export function postedNeed(over: Partial<PostNeedInput> = {}, at = new Date('2030-01-05T08:00:00Z')): Need {
  const policy: NeedPolicy = { now: at, today: at.toISOString().slice(0, 10), shortage: () => false };
  const need = Need.post(needInput(over), policy);
  need.pullEvents();
  return need;
}
