import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PersonalDataCipher } from '../../../../privacy/personal-data-cipher';
import { ContactDetails } from '../../../domain/candidate';
import { CandidateName, CandidateNamesQuery } from './candidate-names.query';

/**
 * Names only, of her area's candidates: an id outside the area, unknown or erased is left out rather than refused, so
 * the answer says no more about a candidate elsewhere than GET /candidates/{id}'s 404 does.
 */
@QueryHandler(CandidateNamesQuery)
export class CandidateNamesHandler implements IQueryHandler<CandidateNamesQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: PersonalDataCipher,
  ) {}

  async execute({ candidateIds, area }: CandidateNamesQuery): Promise<{ items: CandidateName[] }> {
    if (candidateIds.length === 0 || (area && area.length === 0)) return { items: [] };
    const params: unknown[] = [[...new Set(candidateIds)]];
    const inArea = area ? `AND c.home_municipality = ANY($${params.push([...area])})` : '';
    const rows: { candidate_id: string; wrapped_data_key: Buffer; contact: Buffer }[] = await this.dataSource.query(
      `SELECT c.candidate_id, p.wrapped_data_key, p.contact
         FROM candidate.candidates c
         JOIN candidate.personal_data p ON p.candidate_id = c.candidate_id
        WHERE c.candidate_id = ANY($1::uuid[]) ${inArea}`,
      params,
    );
    const names = new Map(
      rows.map((row) => {
        const dataKey = this.cipher.unwrap(row.candidate_id, row.wrapped_data_key);
        return [row.candidate_id, this.cipher.decryptJson<ContactDetails>(dataKey, row.candidate_id, 'contact', row.contact).name];
      }),
    );
    // In the order asked, once each.
    return {
      items: [...new Set(candidateIds)]
        .filter((id) => names.has(id))
        .map((candidateId) => ({ candidateId, name: names.get(candidateId)! })),
    };
  }
}
