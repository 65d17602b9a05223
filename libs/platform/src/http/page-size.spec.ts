import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { PageOffset, PageSize } from './page-size';

class Query {
  @PageSize({ max: 100, default: 20 })
  limit?: number;

  @PageOffset({ max: 1000 })
  offset?: number;
}

const problems = (query: Record<string, string>): string[] =>
  validateSync(plainToInstance(Query, query)).flatMap((e) => Object.values(e.constraints ?? {}));

describe(PageSize.name, () => {
  it('accepts the cap itself and anything from 1 up to it, and no page size at all', () => {
    expect(problems({ limit: '100' })).toEqual([]);
    expect(problems({ limit: '1', offset: '1000' })).toEqual([]);
    expect(problems({})).toEqual([]);
  });

  it('refuses a page size over the cap with a message that names the cap (never clamped)', () => {
    expect(problems({ limit: '101' })).toEqual(['limit must be at most 100 (the page size cap)']);
    expect(plainToInstance(Query, { limit: '101' }).limit).toBe(101);
  });

  it('refuses zero, negative, fractional and non-numeric sizes, and an offset past its cap', () => {
    expect(problems({ limit: '0' })).toEqual(['limit must not be less than 1']);
    expect(problems({ limit: '-5' })).toEqual(['limit must not be less than 1']);
    expect(problems({ limit: '2.5' })).toEqual(['limit must be an integer number']);
    expect(problems({ limit: 'all' })).toContain('limit must be an integer number');
    expect(problems({ offset: '1001' })).toEqual(['offset must be at most 1000']);
    expect(problems({ offset: '-1' })).toEqual(['offset must not be less than 0']);
  });
});
