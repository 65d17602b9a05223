import { Query } from '@nestjs/cqrs';

export interface InternshipView {
  internshipId: string;
  candidateId: string;
  workplaceId: string;
  supervisorRole: string;
  startDate: string;
  endDate: string;
  assessments: {
    assessmentId: string;
    taskId: string;
    level: number;
    assessedOn: string;
    comment: string | null;
    validationId: string | null;
  }[];
}

export class GetInternshipQuery extends Query<InternshipView> {
  constructor(readonly internshipId: string) {
    super();
  }
}
