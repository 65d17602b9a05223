import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { needScope } from '../../../../access/employer-policy';
import { SCHEMA } from '../../../../config/env';
import { NEED_SELECT, NeedRow, needView, NeedView } from '../need.view';
import { GetNeedsQuery } from './get-needs.query';

/**
 * One statement for a page's needs (the review queue names each proposal's role and terms). A need the caller may
 * not see, or that does not exist, is left out: the single read answers both with the same 404, so leaving them out
 * tells no more than asking one by one would.
 */
@QueryHandler(GetNeedsQuery)
export class GetNeedsHandler implements IQueryHandler<GetNeedsQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ needIds, visibleTo }: GetNeedsQuery): Promise<NeedView[]> {
    const ids = [...new Set(needIds)];
    const params: unknown[] = [ids];
    const scope = visibleTo ? ` AND ${needScope(visibleTo, SCHEMA, params)}` : '';
    const rows: NeedRow[] = await this.dataSource.query(`${NEED_SELECT} WHERE n.id = ANY($1::uuid[])${scope}`, params);
    const byId = new Map(rows.map((r) => [r.id, needView(r)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }
}
