import { Query } from '@nestjs/cqrs';
import type { Region } from '../../../../common/region';
import type { DISCLOSURE_METHOD } from '@jobbspar/disclosure';
import type { TrainingNeed } from '../../../domain/where-to-train';

export type PeopleCount = 'candidatesLacking' | 'candidatesOneStepAway' | 'positionsThatWouldOpen';

export interface WhereToTrainReport {
  region: string;
  dataAsOf: string;
  method: typeof DISCLOSURE_METHOD;
  tasks: (Omit<TrainingNeed, PeopleCount> & Record<PeopleCount, number | null>)[];
}

export class WhereToTrainQuery extends Query<WhereToTrainReport> {
  constructor(readonly region: Region) {
    super();
  }
}
