/**
 * The tenant (region) a record belongs to is the county of its municipality: `se-<county code>`. Access control
 * (roadmap step 5) filters on it, so every event carries one from the start.
 */
export function tenantOfCounty(countyCode: string): string {
  return `se-${countyCode}`;
}

/** Standard roles come from the national taxonomy and belong to no one region. */
export const NATIONAL_TENANT = 'se';

/** Actor and correlation of the request or event that causes a change; carried into every published event. */
export interface CommandContext {
  actor: string;
  correlationId: string;
  /** The event that caused this change, when an event (not a person) did. */
  causationId?: string;
}
