import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NeedNotFoundError } from '../../../domain/need.errors';
import { NEED_SELECT, NeedRow, needView, NeedView } from '../need.view';
import { GetNeedQuery } from './get-need.query';

@QueryHandler(GetNeedQuery)
export class GetNeedHandler implements IQueryHandler<GetNeedQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ needId }: GetNeedQuery): Promise<NeedView> {
    const rows: NeedRow[] = await this.dataSource.query(`${NEED_SELECT} WHERE n.id = $1`, [needId]);
    if (rows.length === 0) throw new NeedNotFoundError(needId);
    return needView(rows[0]);
  }
}
