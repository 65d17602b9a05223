import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { needScope } from '../../../../access/employer-policy';
import { SCHEMA } from '../../../../config/env';
import { NeedNotFoundError } from '../../../domain/need.errors';
import { NEED_SELECT, NeedRow, needView, NeedView } from '../need.view';
import { GetNeedQuery } from './get-need.query';

@QueryHandler(GetNeedQuery)
export class GetNeedHandler implements IQueryHandler<GetNeedQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ needId, visibleTo }: GetNeedQuery): Promise<NeedView> {
    // The caller's scope in the same statement (issue 14: one query per read): a need she may not see answers as one
    // that does not exist, as EmployerAccess.assertNeedVisible did in a statement of its own.
    const params: unknown[] = [needId];
    const scope = visibleTo ? ` AND ${needScope(visibleTo, SCHEMA, params)}` : '';
    const rows: NeedRow[] = await this.dataSource.query(`${NEED_SELECT} WHERE n.id = $1${scope}`, params);
    if (rows.length === 0) throw new NeedNotFoundError(needId);
    return needView(rows[0]);
  }
}
