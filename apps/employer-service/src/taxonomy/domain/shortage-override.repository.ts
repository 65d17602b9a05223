import type { ShortageOverride } from '@jobbspar/taxonomy';
import type { EntityManager } from 'typeorm';

/** An administrator's correction of the taxonomy's default shortage flag for one county and occupation. */
export interface ShortageOverrideRecord extends ShortageOverride {
  setBy: string;
  setAt: Date;
}

export abstract class ShortageOverrideRepository {
  /** Every override, by county and occupation. */
  abstract all(em: EntityManager): Promise<ShortageOverrideRecord[]>;
  /** The overrides for one county, in the shape the taxonomy's shortage functions take. */
  abstract forCounty(em: EntityManager, countyCode: string): Promise<ShortageOverride[]>;
  /** Sets the county's override for the occupation, replacing any earlier one. */
  abstract upsert(em: EntityManager, override: ShortageOverrideRecord): Promise<void>;
  /** False if there was none. */
  abstract remove(em: EntityManager, countyCode: string, ssyk: string): Promise<boolean>;
}
