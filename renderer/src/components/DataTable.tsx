import type { ReactNode } from 'react';
import './DataTable.css';

/** One column of a DataTable, declared as data. */
export interface Column<T> {
  /** Unique among the table's columns (React's key for the header and the cells). */
  key: string;
  /** The header text. */
  header: ReactNode;
  /** Keep the header for screen readers only (a column of buttons: "Copy", "Open"). */
  headerHidden?: boolean;
  /** The cell for a row: text, a status badge, a button… */
  cell(row: T, index: number): ReactNode;
  /** The cell's class ("mono", "mono small"), the same for every row or per row. */
  className?: string | ((row: T) => string | undefined);
}

interface Props<T> {
  columns: readonly Column<T>[];
  rows: readonly T[];
  /** A stable key per row (a logical id, a name). */
  rowKey(row: T, index: number): string;
  /** The table's accessible name (what e2e tests and screen readers find it by). */
  label?: string;
  /** A visible caption above the table (it names the table when `label` is left out). */
  caption?: ReactNode;
  /** Shown in a single row when there are no rows; without it an empty table has an empty body. */
  empty?: ReactNode;
}

/** A plain data table: a header row, one row per item. Classes as the stylesheet expects (`table`). */
export function DataTable<T>({ columns, rows, rowKey, label, caption, empty }: Props<T>) {
  return (
    <table className="table" aria-label={label}>
      {caption && <caption className="table__caption">{caption}</caption>}
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.key} scope="col">
              {column.headerHidden ? <span className="visually-hidden">{column.header}</span> : column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && empty !== undefined ? (
          <tr>
            <td colSpan={columns.length} className="table__empty muted">
              {empty}
            </td>
          </tr>
        ) : (
          rows.map((row, index) => (
            <tr key={rowKey(row, index)}>
              {columns.map((column) => (
                <td
                  key={column.key}
                  className={typeof column.className === 'function' ? column.className(row) : column.className}
                >
                  {column.cell(row, index)}
                </td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
