import { Query } from '@nestjs/cqrs';

export interface InternshipListFilter {
  workplaceId?: string;
  candidateId?: string;
  limit: number;
  offset: number;
}

export interface InternshipListItem {
  internshipId: string;
  candidateId: string;
  workplaceId: string;
  supervisorRole: string;
  startDate: string;
  endDate: string;
  assessments: number;
  uncertified: number;
}

export interface InternshipListView {
  items: InternshipListItem[];
  total: number;
  limit: number;
  offset: number;
}

/** Internships at a workplace (a supervisor's interns) or of a candidate, latest start first. */
export class ListInternshipsQuery extends Query<InternshipListView> {
  constructor(readonly filter: InternshipListFilter) {
    super();
  }
}
