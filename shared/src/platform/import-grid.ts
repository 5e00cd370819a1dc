/**
 * Reading an import sheet the same way for every kind of record: line 1 is a header of Chinese column names, one
 * record per later line (a line is the spreadsheet's line number). Blank lines are skipped; a missing required
 * column refuses the file; a formula cell, a bad value or a key twice in the file is a problem of its line. Only a
 * file without problems may be committed. Pure: the cells come in, rows and problems go out.
 */

export type ImportCell = { v: string | number | boolean | null; formula?: boolean };
export type ImportProblem = { row: number; field: string; message: string };
/** The cell of a field (by its column's header) on the line being read. */
export type CellOf = (field: string) => ImportCell | undefined;

export const cellText = (c: ImportCell | undefined): string => (c?.v === null || c?.v === undefined ? '' : String(c.v).trim());

export type ImportSheet<T> = {
  /** [header, field] of every column read */
  columns: readonly (readonly [string, string])[];
  /** the headers the file must have */
  required: readonly string[];
  /** the problem of a file with no record at all (`文件中没有机构`) */
  empty: string;
  /** a value no two lines may share (its field, and how to read it) */
  unique?: { field: string; of: (cell: CellOf) => string };
  /** one line → its record, or null; its problems go to `problem` (a field's header and what is wrong) */
  read: (cell: CellOf, problem: (field: string, message: string) => void) => T | null;
};

export function readImportGrid<T>(grid: ImportCell[][], sheet: ImportSheet<T>): { rows: { row: number; value: T }[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const header = (grid[0] ?? []).map(cellText);
  const missing = sheet.required.filter((h) => !header.includes(h));
  if (missing.length) return { rows: [], problems: [{ row: 1, field: '表头', message: `缺少列：${missing.join('、')}（第 1 行应为表头）` }] };
  const col = new Map(sheet.columns.filter(([h]) => header.includes(h)).map(([h, f]) => [f, header.indexOf(h)]));
  const label = new Map(sheet.columns.map(([h, f]) => [f, h]));
  const rows: { row: number; value: T }[] = [];
  const seen = new Map<string, number>();
  for (let r = 1; r < grid.length; r++) {
    const line = r + 1;
    const cells = grid[r] ?? [];
    if (cells.every((c) => cellText(c) === '')) continue;
    const before = problems.length;
    const cell: CellOf = (f) => cells[col.get(f) ?? -1];
    for (const [h, f] of sheet.columns) if (cell(f)?.formula) problems.push({ row: line, field: h, message: '不接受公式，请粘贴为数值' });
    const value = sheet.read(cell, (field, message) => problems.push({ row: line, field, message }));
    if (sheet.unique) {
      const key = sheet.unique.of(cell);
      const dup = seen.get(key);
      if (key && dup) problems.push({ row: line, field: label.get(sheet.unique.field) ?? sheet.unique.field, message: `与第 ${dup} 行重复` });
      else if (key) seen.set(key, line);
    }
    if (problems.length === before && value !== null) rows.push({ row: line, value });
  }
  if (!rows.length && !problems.length) problems.push({ row: 0, field: '文件', message: sheet.empty });
  return { rows, problems };
}
