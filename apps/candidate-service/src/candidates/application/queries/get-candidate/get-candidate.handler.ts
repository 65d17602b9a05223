import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PersonalDataCipher } from '../../../../privacy/personal-data-cipher';
import { ContactDetails } from '../../../domain/candidate';
import { CandidateNotFoundError } from '../../../domain/candidate.errors';
import { CandidateRepository } from '../../../domain/candidate.repository';
import { CandidateView, GetCandidateQuery } from './get-candidate.query';

@QueryHandler(GetCandidateQuery)
export class GetCandidateHandler implements IQueryHandler<GetCandidateQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly candidates: CandidateRepository,
    private readonly cipher: PersonalDataCipher,
  ) {}

  async execute({ candidateId }: GetCandidateQuery): Promise<CandidateView> {
    const em = this.dataSource.manager;
    const candidate = await this.candidates.find(em, candidateId);
    const personal = await this.candidates.personalData(em, candidateId);
    if (!candidate || !personal) throw new CandidateNotFoundError(candidateId);
    const dataKey = this.cipher.unwrap(candidateId, personal.wrappedDataKey);
    const contact = this.cipher.decryptJson<ContactDetails>(dataKey, candidateId, 'contact', personal.contact);
    const identity =
      personal.identityNumber && this.cipher.decryptJson<string>(dataKey, candidateId, 'identity-number', personal.identityNumber);
    const levels: { task_id: string; level: number }[] = await em.query(
      `SELECT task_id, max(level)::int AS level FROM candidate.validations WHERE candidate_id = $1 AND revoked_at IS NULL GROUP BY task_id`,
      [candidateId],
    );
    const { tenant, ...profile } = candidate;
    return {
      ...profile,
      region: tenant,
      contact,
      personalIdentityNumberMasked: identity ? `${identity.slice(0, 8)}-****` : null,
      consents: await this.candidates.consents(em, candidateId),
      taskLevels: Object.fromEntries(levels.map((l) => [l.task_id, l.level])),
    };
  }
}
