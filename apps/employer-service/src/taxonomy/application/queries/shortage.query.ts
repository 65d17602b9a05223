import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { shortageOccupations } from '@jobbspar/taxonomy';
import { DataSource } from 'typeorm';
import { requireCounty } from '../../domain/taxonomy-lookups';
import { ShortageOverrideRepository } from '../../domain/shortage-override.repository';

export interface ShortageOverrideView {
  countyCode: string;
  ssyk: string;
  shortage: boolean;
  setBy: string;
  setAt: string;
}

export interface CountyShortageView {
  countyCode: string;
  /** SSYK codes in shortage in the county: the taxonomy's defaults with the overrides applied. */
  occupations: string[];
  overrides: ShortageOverrideView[];
}

export class GetCountyShortageQuery extends Query<CountyShortageView> {
  constructor(readonly countyCode: string) {
    super();
  }
}

export class ListShortageOverridesQuery extends Query<ShortageOverrideView[]> {}

@QueryHandler(GetCountyShortageQuery)
export class GetCountyShortageHandler implements IQueryHandler<GetCountyShortageQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly overrides: ShortageOverrideRepository,
  ) {}

  async execute({ countyCode }: GetCountyShortageQuery): Promise<CountyShortageView> {
    requireCounty(countyCode, 'county');
    const rows = (await this.overrides.all(this.dataSource.manager)).filter((o) => o.countyCode === countyCode);
    return {
      countyCode,
      occupations: shortageOccupations(countyCode, rows),
      overrides: rows.map((o) => ({
        countyCode: o.countyCode,
        ssyk: o.ssyk,
        shortage: o.shortage,
        setBy: o.setBy,
        setAt: o.setAt.toISOString(),
      })),
    };
  }
}

@QueryHandler(ListShortageOverridesQuery)
export class ListShortageOverridesHandler implements IQueryHandler<ListShortageOverridesQuery> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly overrides: ShortageOverrideRepository,
  ) {}

  async execute(): Promise<ShortageOverrideView[]> {
    const rows = await this.overrides.all(this.dataSource.manager);
    return rows.map((o) => ({
      countyCode: o.countyCode,
      ssyk: o.ssyk,
      shortage: o.shortage,
      setBy: o.setBy,
      setAt: o.setAt.toISOString(),
    }));
  }
}
