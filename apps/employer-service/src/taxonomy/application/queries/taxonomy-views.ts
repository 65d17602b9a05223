import {
  listCounties,
  listMunicipalities,
  listOccupations,
  listTasks,
  SKOVDE_ROLE_TEMPLATES,
  TAXONOMY_VERSION,
  type County,
  type Municipality,
  type Occupation,
  type SkovdeRoleTemplate,
  type Task,
} from '@jobbspar/taxonomy';
import { requireCounty, requireOccupation } from '../../domain/taxonomy-lookups';

/*
 * Read-only views of the taxonomy lib for the UI and the demo script. The lib is in-process data, so these are
 * plain functions: no query bus, no database.
 */

export interface TaxonomySummary {
  version: string;
  occupations: number;
  tasks: number;
  counties: number;
  municipalities: number;
}

export function taxonomySummary(): TaxonomySummary {
  return {
    version: TAXONOMY_VERSION,
    occupations: listOccupations().length,
    tasks: listTasks().length,
    counties: listCounties().length,
    municipalities: listMunicipalities().length,
  };
}

export function occupations(): readonly Occupation[] {
  return listOccupations();
}

export function tasks(ssyk?: string): readonly Task[] {
  if (ssyk !== undefined) requireOccupation(ssyk, 'ssyk');
  return listTasks(ssyk === undefined ? undefined : { ssyk });
}

export function counties(): readonly County[] {
  return listCounties();
}

export function municipalities(county?: string): readonly Municipality[] {
  if (county !== undefined) requireCounty(county, 'county');
  return listMunicipalities(county);
}

export function roleTemplates(): readonly SkovdeRoleTemplate[] {
  return Object.values(SKOVDE_ROLE_TEMPLATES);
}
