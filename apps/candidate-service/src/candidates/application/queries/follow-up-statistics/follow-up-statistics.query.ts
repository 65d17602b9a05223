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
  constructor(readonly municipality?: string) {
    super();
  }
}
