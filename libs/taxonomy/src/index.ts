/**
 * @jobbspar/taxonomy: occupations (SSYK 2012), work tasks, Sweden's counties and municipalities, a commute model
 * and shortage flags, as versioned data behind a small typed API. Framework-free and without I/O. The data is in
 * data/, under one version (data/version.ts).
 */
export type {
  Commute,
  County,
  LanguageDemand,
  LanguageDemandKind,
  Municipality,
  Occupation,
  OccupationArea,
  RoleTask,
  RoleTemplate,
  ShortageFlags,
  ShortageOverride,
  Task,
  TaskLevel,
  TaskWeight,
} from './types';
export {
  TAXONOMY_VERSION,
  DATASET_VERSIONS,
  UnknownTaxonomyCodeError,
  type TaxonomyCodeKind,
  type SkovdeRoleTemplate,
  getOccupation,
  listOccupations,
  isKnownOccupation,
  getTask,
  listTasks,
  tasksOfOccupation,
  isKnownTask,
  getMunicipality,
  listMunicipalities,
  isKnownMunicipality,
  getCounty,
  listCounties,
  standardRoleTasks,
  SKOVDE_ROLE_TEMPLATES,
} from './taxonomy';
export { COMMUTE_MODEL, commute, municipalitiesWithin } from './commute';
export { DEFAULT_SHORTAGE_FLAGS, withShortageOverrides, isShortage, isShortageIn, shortageOccupations } from './shortage';
