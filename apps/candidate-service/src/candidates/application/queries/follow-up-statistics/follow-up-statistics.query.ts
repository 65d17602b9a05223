import { Query } from '@nestjs/cqrs';

export interface FollowUpStatistics {
  municipality: string | null;
  /** Candidates with follow-up attributes (and consent to use them); null when fewer than five. */
  total: number | null;
  gender: Record<string, number | null>;
  bornAbroad: Record<'yes' | 'no', number | null>;
  reasonForImmigration: Record<string, number | null>;
  smallestShownCount: number;
}

export class FollowUpStatisticsQuery extends Query<FollowUpStatistics> {
  /** `area`: the municipalities the caller's organisation covers; only candidates living there are counted. */
  constructor(
    readonly municipality: string | undefined,
    readonly area: readonly string[],
  ) {
    super();
  }
}
