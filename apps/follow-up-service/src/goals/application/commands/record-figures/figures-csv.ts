import { parse } from 'csv-parse/sync';
import type { FigureInput } from '../../../domain/goal';
import { InvalidFiguresError } from '../../../domain/goal.errors';

const COLUMNS = ['municipality', 'month', 'value'] as const;

/**
 * Reads an import: a header naming `municipality`, `month` and `value` (in any order; `;` or `,` separated, as
 * spreadsheets in Sweden write it), then one figure per line. Lines are numbered as an editor shows them.
 */
export function parseFiguresCsv(text: string): FigureInput[] {
  const delimiter = (text.split('\n', 1)[0] ?? '').includes(';') ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      delimiter,
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    throw new InvalidFiguresError([{ line, field: 'csv', message: (error as Error).message }]);
  }
  if (records.length === 0) throw new InvalidFiguresError([{ line: 1, field: 'csv', message: 'the file is empty' }]);
  const header = records[0].record.map((h) => h.toLowerCase());
  const missing = COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    throw new InvalidFiguresError([
      { line: 1, field: 'header', message: `needs the columns ${COLUMNS.join(', ')}; missing ${missing.join(', ')}` },
    ]);
  }
  const at = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof COLUMNS)[number], number>;
  return records.slice(1).map(({ record, info }) => ({
    line: info.lines,
    municipality: record[at.municipality] ?? '',
    month: record[at.month] ?? '',
    value: record[at.value] ?? '',
  }));
}
