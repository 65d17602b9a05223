import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, swedishDay } from '@jobbspar/platform';
import { isShortageNeed } from '../../taxonomy/domain/shortage';
import { ShortageOverrideRepository } from '../../taxonomy/domain/shortage-override.repository';
import type { NeedPolicy } from '../domain/need';

/** Today's rules for a need in one county: the Swedish calendar day and the shortage flags with overrides applied. */
@Injectable()
export class NeedPolicyFactory {
  constructor(
    private readonly clock: Clock,
    private readonly overrides: ShortageOverrideRepository,
  ) {}

  async forCounty(em: EntityManager, countyCode: string): Promise<NeedPolicy> {
    const overrides = await this.overrides.forCounty(em, countyCode);
    const now = this.clock.now();
    return {
      now,
      today: swedishDay(now),
      shortage: (county, occupations) => isShortageNeed(county, occupations, overrides),
    };
  }
}
