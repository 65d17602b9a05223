import { Query } from '@nestjs/cqrs';
import type { NeedStatus, PlacementType } from '@jobbspar/contracts';
import type { Principal } from '@jobbspar/platform';
import type { Page } from '../../../../common/page';
import type { NeedView } from '../need.view';

export interface NeedFilter {
  municipality?: string;
  county?: string;
  /** Needs whose role draws on this occupation (SSYK). */
  occupation?: string;
  shortageOnly?: boolean;
  status?: NeedStatus;
  placementType?: PlacementType;
  employerId?: string;
  roleId?: string;
  /** Text in the role's or the employer's name (case-insensitive). */
  text?: string;
  limit: number;
  offset: number;
  /** Only the needs this caller may see (access/employer-policy.ts); absent only where no person asks. */
  visibleTo?: Principal;
}

export class ListNeedsQuery extends Query<Page<NeedView>> {
  constructor(readonly filter: NeedFilter) {
    super();
  }
}
