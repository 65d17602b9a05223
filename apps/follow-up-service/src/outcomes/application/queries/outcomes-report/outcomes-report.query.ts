import { Query } from '@nestjs/cqrs';
import type { Region } from '../../../../common/region';
import type { OutcomesReport } from '../../../domain/outcome-report';

export class OutcomesReportQuery extends Query<OutcomesReport> {
  constructor(
    readonly region: Region,
    readonly month: string,
  ) {
    super();
  }
}

export class ReleasedMonthsQuery extends Query<{ region: string; months: string[]; nextRelease: { month: string; on: string } }> {
  constructor(readonly region: Region) {
    super();
  }
}
