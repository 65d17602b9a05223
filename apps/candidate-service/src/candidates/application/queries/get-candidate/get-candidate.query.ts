import { Query } from '@nestjs/cqrs';
import { ConsentPurpose } from '@jobbspar/contracts';
import { CandidateRecord } from '../../../domain/candidate.repository';
import { ContactDetails } from '../../../domain/candidate';

/** The coordinator's view: the profile with decrypted contact details. Follow-up attributes are never part of it. */
export interface CandidateView extends Omit<CandidateRecord, 'tenant'> {
  region: string;
  contact: ContactDetails;
  /** Only the date part; the full number is never shown again once registered. */
  personalIdentityNumberMasked: string | null;
  consents: { purpose: ConsentPurpose; given: boolean; changedAt: string }[];
  taskLevels: Record<string, number>;
}

export class GetCandidateQuery extends Query<CandidateView> {
  constructor(readonly candidateId: string) {
    super();
  }
}
