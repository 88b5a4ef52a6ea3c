/**
 * What every tabular export is made of: named sheets of rows whose cells are text, numbers or
 * nothing. The CSV writer writes the first sheet; the XLSX writer writes them all, in order.
 */

/** A cell: text (always written as text), a number (always a number), or empty (`null`). */
export type Cell = string | number | null;

export interface Sheet {
  /** The XLSX sheet name (at most 31 characters). */
  name: string;
  columns: readonly string[];
  /**
   * Rows, produced lazily: a sheet after the first may read figures (such as the row count)
   * that only exist once the sheets before it have been written. A row is only valid until the
   * next is asked for (the respondent sheet refills one array), so writers use it at once.
   */
  rows: () => AsyncIterable<readonly Cell[]> | Iterable<readonly Cell[]>;
}

/** Called as rows of the first sheet are written, with the running count. */
export type RowCounter = (rows: number) => void;
