import { isShortage, type ShortageOverride } from '@jobbspar/taxonomy';

/**
 * A need is a shortage need when any occupation its role draws on is in shortage in the workplace's county: a
 * role split off a shortage occupation relieves that shortage, which is the point of the Skövde model.
 * Overrides are the administrator's corrections stored by this service; they win over the taxonomy's defaults.
 */
export function isShortageNeed(countyCode: string, occupations: readonly string[], overrides: readonly ShortageOverride[]): boolean {
  return occupations.some((ssyk) => isShortage(countyCode, ssyk, overrides));
}
