import { Query } from '@nestjs/cqrs';
import type { EqualDistributionCellV1, EqualDistributionTablesV1 } from '@jobbspar/contracts';

export type EqualDistributionCell = EqualDistributionCellV1;
export type EqualDistributionTables = EqualDistributionTablesV1;

export class EqualDistributionQuery extends Query<EqualDistributionTables> {
  constructor(
    readonly region: string,
    readonly month: string,
  ) {
    super();
  }
}
