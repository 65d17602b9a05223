import type { NeedStatus, PlacementType } from '@jobbspar/contracts';
import { SCHEMA } from '../../../config/env';
import { roleTaskViews, type RoleTaskView } from '../../../roles/application/queries/role.view';
import type { TaskRequirement } from '../../../roles/domain/role-composition';
import type { SupportOffered } from '../../domain/need';

export interface NeedView {
  id: string;
  revision: number;
  employerId: string;
  roleId: string;
  roleVersion: number;
  roleName: string;
  occupations: string[];
  tasks: RoleTaskView[];
  positions: number;
  positionsFilled: number;
  positionsOpen: number;
  workplaceMunicipality: string;
  countyCode: string;
  startDate: string;
  placementType: PlacementType;
  support: SupportOffered;
  status: NeedStatus;
  shortage: boolean;
  closeReason: string | null;
  postedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NeedRow {
  id: string;
  revision: number;
  employer_id: string;
  role_id: string;
  role_version: number;
  role_name: string;
  occupations: string[];
  tasks: TaskRequirement[];
  positions: number;
  positions_filled: number;
  workplace_municipality: string;
  county_code: string;
  start_date: string;
  placement_type: PlacementType;
  supervisor_capacity: number;
  pair_internship_allowed: boolean;
  language_support: boolean;
  status: NeedStatus;
  shortage: boolean;
  close_reason: string | null;
  posted_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** A need joined with its frozen role version; `start_date` as text so no time zone ever shifts the day. */
/** The view's select list; NEED_SELECT reads it, a page adds its total beside it (list-needs). */
export const NEED_COLUMNS = `n.id, n.revision, n.employer_id, n.role_id, n.role_version, v.name AS role_name, v.occupations, v.tasks,
         n.positions, n.positions_filled, n.workplace_municipality, n.county_code, n.start_date::text AS start_date,
         n.placement_type, n.supervisor_capacity, n.pair_internship_allowed, n.language_support, n.status, n.shortage,
         n.close_reason, n.posted_at, n.created_at, n.updated_at`;
export const NEED_FROM = `FROM "${SCHEMA}".needs n
    JOIN "${SCHEMA}".role_versions v ON v.role_id = n.role_id AND v.version = n.role_version`;
export const NEED_SELECT = `SELECT ${NEED_COLUMNS} ${NEED_FROM}`;

export function needView(r: NeedRow): NeedView {
  return {
    id: r.id,
    revision: r.revision,
    employerId: r.employer_id,
    roleId: r.role_id,
    roleVersion: r.role_version,
    roleName: r.role_name,
    occupations: r.occupations,
    tasks: roleTaskViews(r.tasks),
    positions: r.positions,
    positionsFilled: r.positions_filled,
    positionsOpen: r.status === 'open' ? r.positions - r.positions_filled : 0,
    workplaceMunicipality: r.workplace_municipality,
    countyCode: r.county_code,
    startDate: r.start_date,
    placementType: r.placement_type,
    support: {
      supervisorCapacity: r.supervisor_capacity,
      pairInternshipAllowed: r.pair_internship_allowed,
      languageSupport: r.language_support,
    },
    status: r.status,
    shortage: r.shortage,
    closeReason: r.close_reason,
    postedAt: r.posted_at ? r.posted_at.toISOString() : null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
