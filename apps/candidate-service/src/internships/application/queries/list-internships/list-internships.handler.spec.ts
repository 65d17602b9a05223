import { DataSource } from 'typeorm';
import { InternshipRepository } from '../../../domain/internship.repository';
import { ListInternshipsHandler } from './list-internships.handler';
import { ListInternshipsQuery } from './list-internships.query';

describe(ListInternshipsHandler.name, () => {
  it('passes the filter to the repository and answers with the page it asked for', async () => {
    const item = {
      internshipId: 'i',
      candidateId: 'c',
      workplaceId: 'w',
      supervisorRole: 'kökschef',
      startDate: '2026-01-01',
      endDate: '2026-02-01',
      assessments: 2,
      uncertified: 1,
    };
    const repository = { listInternships: jest.fn().mockResolvedValue({ items: [item], total: 7 }) };
    const manager = {};
    const handler = new ListInternshipsHandler({ manager } as unknown as DataSource, repository as unknown as InternshipRepository);
    const filter = { workplaceId: 'w', limit: 1, offset: 3 };
    expect(await handler.execute(new ListInternshipsQuery(filter))).toEqual({ items: [item], total: 7, limit: 1, offset: 3 });
    expect(repository.listInternships).toHaveBeenCalledWith(manager, filter);
  });
});
