import { Query } from '@nestjs/cqrs';
import type { Region } from '../../../../common/region';
import type { EqualDistributionReport } from '../../../domain/equal-distribution-report';

export class EqualDistributionReportQuery extends Query<EqualDistributionReport> {
  constructor(
    readonly region: Region,
    readonly month: string,
  ) {
    super();
  }
}
