import { standardRoleTasks, TAXONOMY_VERSION } from '@jobbspar/taxonomy';
import { NATIONAL_TENANT, tenantOfCounty } from '../../common/tenant';
import { requireOccupation } from '../../taxonomy/domain/taxonomy-lookups';
import { composeRole, RoleCompositionInput, RoleContent, sameContent } from './role-composition';
import { EmployerCannotComposeRolesError, RoleVersionNotFoundError, StandardRoleNotEditableError } from './role.errors';

export const ROLE_KINDS = ['standard', 'composed'] as const;
export type RoleKind = (typeof ROLE_KINDS)[number];

/** One immutable version of a role. Needs point at a version, so a later change never alters a posted need. */
export interface RoleVersion extends RoleContent {
  readonly version: number;
  readonly taxonomyVersion: string;
  readonly createdAt: Date;
}

export interface RoleProps {
  id: string;
  kind: RoleKind;
  /** The municipality that composed it; null for a standard role. */
  employerId: string | null;
  /** The occupation a standard role is taken from; null for a composed role. */
  ssyk: string | null;
  tenant: string;
  /** Every version, oldest first. */
  versions: RoleVersion[];
}

export interface ComposingEmployer {
  readonly id: string;
  readonly isMunicipality: boolean;
  readonly countyCode: string;
}

/** What changed in a role; the application turns it into RoleDefined or RoleVersioned. */
export type RoleChange = { kind: 'defined'; version: RoleVersion } | { kind: 'versioned'; version: RoleVersion };

export class Role {
  private constructor(private readonly props: RoleProps) {}

  /** A new role composed by municipal HR from tasks of one or more occupations. */
  static compose(id: string, employer: ComposingEmployer, input: RoleCompositionInput, now: Date): { role: Role; change: RoleChange } {
    if (!employer.isMunicipality) throw new EmployerCannotComposeRolesError(employer.id);
    const version: RoleVersion = { ...composeRole(input), version: 1, taxonomyVersion: TAXONOMY_VERSION, createdAt: now };
    const role = new Role({
      id,
      kind: 'composed',
      employerId: employer.id,
      ssyk: null,
      tenant: tenantOfCounty(employer.countyCode),
      versions: [version],
    });
    return { role, change: { kind: 'defined', version } };
  }

  /** The standard role of an occupation: its core tasks as must-haves, its other tasks as nice-to-haves. */
  static standard(id: string, ssyk: string, now: Date): { role: Role; change: RoleChange } {
    const version: RoleVersion = { ...standardContent(ssyk), version: 1, taxonomyVersion: TAXONOMY_VERSION, createdAt: now };
    const role = new Role({ id, kind: 'standard', employerId: null, ssyk, tenant: NATIONAL_TENANT, versions: [version] });
    return { role, change: { kind: 'defined', version } };
  }

  static restore(props: RoleProps): Role {
    if (props.versions.length === 0) throw new Error(`role ${props.id} restored without versions`);
    return new Role({ ...props, versions: [...props.versions] });
  }

  /** A new version of a composed role; nothing when the content is unchanged (a repeated PUT is harmless). */
  revise(input: RoleCompositionInput, now: Date): RoleChange | null {
    if (this.props.kind === 'standard') throw new StandardRoleNotEditableError(this.props.id);
    return this.addVersion(composeRole(input), now);
  }

  /** Re-derives a standard role from the current taxonomy: a new version only if the taxonomy changed it. */
  refreshStandard(now: Date): RoleChange | null {
    if (this.props.kind !== 'standard' || this.props.ssyk === null) throw new Error(`role ${this.props.id} is not a standard role`);
    return this.addVersion(standardContent(this.props.ssyk), now);
  }

  private addVersion(content: RoleContent, now: Date): RoleChange | null {
    if (sameContent(content, this.latest)) return null;
    const version: RoleVersion = { ...content, version: this.latest.version + 1, taxonomyVersion: TAXONOMY_VERSION, createdAt: now };
    this.props.versions.push(version);
    return { kind: 'versioned', version };
  }

  get id(): string {
    return this.props.id;
  }
  get kind(): RoleKind {
    return this.props.kind;
  }
  get employerId(): string | null {
    return this.props.employerId;
  }
  get tenant(): string {
    return this.props.tenant;
  }
  get latest(): RoleVersion {
    return this.props.versions[this.props.versions.length - 1];
  }
  get versions(): readonly RoleVersion[] {
    return this.props.versions;
  }

  /** The version a need asks for, or the latest when it names none. */
  version(requested: number | undefined, field = 'roleVersion'): RoleVersion {
    if (requested === undefined) return this.latest;
    const found = this.props.versions.find((v) => v.version === requested);
    if (!found) throw new RoleVersionNotFoundError(field, this.props.id, requested, this.latest.version);
    return found;
  }

  toProps(): Readonly<RoleProps> {
    return { ...this.props, versions: [...this.props.versions] };
  }
}

function standardContent(ssyk: string): RoleContent {
  const occupation = requireOccupation(ssyk, 'ssyk');
  return composeRole({ name: occupation.nameSv, tasks: standardRoleTasks(ssyk), occupations: [ssyk] });
}
