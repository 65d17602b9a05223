import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

/**
 * A list as a table: the first column heads its row (a screen reader announces it with every cell), the caption
 * names the table for assistive technology, and the wrapper scrolls sideways on a phone instead of the page.
 */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  rowAttributes,
}: {
  caption: string;
  columns: [Column<T>, ...Column<T>[]];
  rows: T[];
  rowKey: (row: T) => string;
  /** data-* attributes of a row, for a test or a script to find one row by its id. */
  rowAttributes?: (row: T) => Record<`data-${string}`, string>;
}) {
  const [first, ...rest] = columns;
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowAttributes?.(row)}>
              <th scope="row">{first.cell(row)}</th>
              {rest.map((c) => (
                <td key={c.header}>{c.cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Previous / next through a paged list; nothing when it fits on one page. */
export function Pager({
  total,
  offset,
  size,
  onChange,
}: {
  total: number;
  offset: number;
  size: number;
  onChange: (offset: number) => void;
}) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / size));
  const current = Math.floor(offset / size) + 1;
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={t('common.page', { page: current, pages })}>
      <button type="button" className="button-secondary" disabled={current <= 1} onClick={() => onChange(offset - size)}>
        {t('common.previous')}
      </button>
      <span>{t('common.page', { page: current, pages })}</span>
      <button type="button" className="button-secondary" disabled={current >= pages} onClick={() => onChange(offset + size)}>
        {t('common.next')}
      </button>
    </nav>
  );
}
