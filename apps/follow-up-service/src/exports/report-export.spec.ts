import ExcelJS from 'exceljs';
import { toCsv, toXlsx, type ExportDocument } from './report-export';

const DOC: ExportDocument = {
  report: 'outcomes',
  region: 'se-12',
  dataAsOf: '2026-02-28',
  protectedCounts: true,
  tables: [
    {
      title: 'Funnel',
      columns: ['area', 'registered', 'placed'],
      rows: [
        ['Bjuv', null, 0],
        ['Skåne län', 14, 6],
      ],
    },
  ],
};

describe('report exports', () => {
  it('CSV: says whose data, as of when and protected how, with hidden counts as ..', async () => {
    const csv = (await toCsv(DOC)).toString('utf8');
    expect(csv).toContain('data as of;2026-02-28');
    expect(csv).toContain('disclosure control;primary and secondary cell suppression');
    expect(csv).toMatch(/Bjuv;\.\.;0/);
    expect(csv).toContain('Skåne län;14;6');
  });

  it('spreadsheet: an about sheet and one sheet per table, hidden counts as ..', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await toXlsx(DOC)) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['about', '1 Funnel']);
    expect(book.getWorksheet('about')!.getRow(3).values).toEqual([undefined, 'data as of', '2026-02-28']);
    expect(book.getWorksheet('1 Funnel')!.getRow(3).values).toEqual([undefined, 'Bjuv', '..', 0]);
  });
});
