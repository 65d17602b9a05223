import ExcelJS from 'exceljs';
import type { FastifyReply as Response } from 'fastify';
import { DISCLOSURE_METHOD } from '@jobbspar/disclosure';

export type Cell = string | number | null;

export interface ExportTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

/** Any report as tables, with what an export must say about itself: whose data, as of when, protected how. */
export interface ExportDocument {
  readonly report: string;
  readonly region: string;
  readonly dataAsOf: string;
  /** Counts were protected by the disclosure method (false for the analyst's own official figures). */
  readonly protectedCounts: boolean;
  readonly tables: readonly ExportTable[];
}

/** Hidden counts are written as `..`, as official Swedish statistics mark figures withheld for confidentiality. */
export const HIDDEN = '..';

function about(doc: ExportDocument): [string, string][] {
  return [
    ['report', doc.report],
    ['region', doc.region],
    ['data as of', doc.dataAsOf],
    [
      'disclosure control',
      doc.protectedCounts
        ? `${DISCLOSURE_METHOD.name}: ${DISCLOSURE_METHOD.description}`
        : 'none needed: official figures entered by the analyst',
    ],
    ['hidden counts are shown as', HIDDEN],
  ];
}

function workbook(doc: ExportDocument, oneSheet: boolean): ExcelJS.Workbook {
  const book = new ExcelJS.Workbook();
  book.creator = 'Jobbspår follow-up-service';
  const value = (c: Cell): string | number => (c === null ? HIDDEN : c);
  if (oneSheet) {
    const sheet = book.addWorksheet(doc.report);
    for (const [k, v] of about(doc)) sheet.addRow([k, v]);
    for (const table of doc.tables) {
      sheet.addRow([]);
      sheet.addRow([table.title]);
      sheet.addRow([...table.columns]);
      for (const row of table.rows) sheet.addRow(row.map(value));
    }
    return book;
  }
  const info = book.addWorksheet('about');
  info.columns = [{ width: 22 }, { width: 120 }];
  for (const [k, v] of about(doc)) info.addRow([k, v]);
  doc.tables.forEach((table, i) => {
    // Sheet names: at most 31 characters, none of : \ / ? * [ ].
    const sheet = book.addWorksheet(`${i + 1} ${table.title}`.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31));
    sheet.addRow([table.title]).font = { bold: true };
    sheet.addRow([...table.columns]).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map(value));
    sheet.columns.forEach((c) => (c.width = 18));
  });
  return book;
}

export async function toCsv(doc: ExportDocument): Promise<Buffer> {
  return Buffer.from(await workbook(doc, true).csv.writeBuffer({ formatterOptions: { delimiter: ';' } }));
}

export async function toXlsx(doc: ExportDocument): Promise<Buffer> {
  return Buffer.from(await workbook(doc, false).xlsx.writeBuffer());
}

export type ExportFormat = 'csv' | 'xlsx';

export async function sendExport(res: Response, doc: ExportDocument, format: ExportFormat): Promise<void> {
  const name = `${doc.report}-${doc.region}-${doc.dataAsOf}.${format}`;
  const body = format === 'csv' ? await toCsv(doc) : await toXlsx(doc);
  void res
    .status(200)
    .header(
      'content-type',
      format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    .header('content-disposition', `attachment; filename="${name}"`)
    .send(body);
}
