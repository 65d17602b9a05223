import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { InternshipRepository } from '../../../domain/internship.repository';
import { InternshipListView, ListInternshipsQuery } from './list-internships.query';

@QueryHandler(ListInternshipsQuery)
export class ListInternshipsHandler implements IQueryHandler<ListInternshipsQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly internships: InternshipRepository,
  ) {}

  async execute({ filter }: ListInternshipsQuery): Promise<InternshipListView> {
    const { items, total } = await this.internships.listInternships(this.dataSource.manager, filter);
    return { items, total, limit: filter.limit, offset: filter.offset };
  }
}
