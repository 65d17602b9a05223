import { InvalidFiguresError } from '../../../domain/goal.errors';
import { parseFiguresCsv } from './figures-csv';

describe(parseFiguresCsv.name, () => {
  it('reads semicolon files with the columns in any order and numbers lines as an editor does', () => {
    const rows = parseFiguresCsv('\uFEFFmonth;municipality;value\n2025-09;1283;412\n\n2025-09;1282;"97"\n');
    expect(rows).toEqual([
      { line: 2, municipality: '1283', month: '2025-09', value: '412' },
      { line: 4, municipality: '1282', month: '2025-09', value: '97' },
    ]);
  });

  it('names a missing column', () => {
    expect(() => parseFiguresCsv('municipality,value\n1283,4\n')).toThrow(InvalidFiguresError);
    expect(() => parseFiguresCsv('municipality,value\n1283,4\n')).toThrow(/line 1, header: .*missing month/);
  });

  it('names the line of a broken quote', () => {
    expect(() => parseFiguresCsv('municipality,month,value\n1283,2025-09,4\n1282,"2025-09,5\n')).toThrow(/line \d, csv:/);
  });
});
