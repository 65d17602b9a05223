import { Query } from '@nestjs/cqrs';
import type { Region } from '../../../../common/region';
import type { WhereToTrainReport } from './where-to-train.handler';

export class WhereToTrainQuery extends Query<WhereToTrainReport> {
  constructor(readonly region: Region) {
    super();
  }
}
