import { Query } from '@nestjs/cqrs';
import { CandidateRecord } from '../../../domain/candidate.repository';

export interface CandidatePage {
  items: (Omit<CandidateRecord, 'tenant'> & { region: string; matchingConsent: boolean })[];
  page: number;
  pageSize: number;
  total: number;
}

export class ListCandidatesQuery extends Query<CandidatePage> {
  constructor(
    readonly page: number,
    readonly pageSize: number,
    readonly homeMunicipality?: string,
    /** Only candidates living in these municipalities: the caller's area (access/candidate-policy.ts). */
    readonly area?: readonly string[],
  ) {
    super();
  }
}
