import { Query } from '@nestjs/cqrs';
import type { InternshipListFilter, InternshipListItem } from '../../../domain/internship.repository';

export type { InternshipListFilter, InternshipListItem };

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
