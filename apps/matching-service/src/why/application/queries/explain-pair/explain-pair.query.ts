import { Query } from '@nestjs/cqrs';
import { UNRESTRICTED, type Viewer } from '../../../../common/viewer';
import type { PairAnswer } from '../../../domain/pair-answer';

/** Who asks: her viewer (coordinator's area, employer side) and, for an admin, her region. */
export interface PairAsker {
  readonly viewer: Viewer;
  readonly adminRegion: string | null;
}

export const UNRESTRICTED_ASKER: PairAsker = { viewer: UNRESTRICTED, adminRegion: null };

/** Why (or why not) this candidate for this need: filters, score, and the capacity that decided it. */
export class ExplainPairQuery extends Query<PairAnswer> {
  constructor(
    readonly candidateId: string,
    readonly needId: string,
    readonly asker: PairAsker = UNRESTRICTED_ASKER,
  ) {
    super();
  }
}
