/**
 * The instrument import sheet of one agency (仪器批量导入): one instrument per row under a header row, read into the
 * same request a single registration takes (`instrumentRequest`). Pure: cells in, rows and problems (by line) out.
 */
import type * as z from 'zod';
import { instrumentRequest } from './fire.contract';
import { INSTRUMENT_IMPORT_COLUMNS } from './fire.limits';
import { cellText, readImportGrid, type ImportCell, type ImportProblem } from '../platform/import-grid';

type Instrument = z.output<typeof instrumentRequest>;
export type InstrumentImportRow = { row: number; instrument: Instrument };
const LABEL: Record<string, string> = Object.fromEntries(INSTRUMENT_IMPORT_COLUMNS.map(([h, f]) => [f, h]));

/** A date cell: typed text as is; an Excel date serial (days since 1899-12-30) as YYYY-MM-DD. */
const dayOf = (c: ImportCell | undefined): string => (typeof c?.v === 'number' && c.v > 20_000 && c.v < 80_000 ? new Date(Math.round((c.v - 25_569) * 86_400_000)).toISOString().slice(0, 10) : cellText(c).replace(/\//g, '-'));

/**
 * Rows (see `readImportGrid`) → instruments and every problem: a missing column, a formula, a bad value, or a serial
 * twice in the file.
 * @example parseInstrumentGrid([[{v:'仪器名称'},{v:'出厂编号'},{v:'检定证书编号'},{v:'有效期至'}], [{v:'数字压力表'},{v:'YL-1'},{v:'JD2025-1'},{v:'2027-06-30'}]])
 */
export function parseInstrumentGrid(grid: ImportCell[][]): { rows: InstrumentImportRow[]; problems: ImportProblem[] } {
  const { rows, problems } = readImportGrid<Instrument>(grid, {
    columns: INSTRUMENT_IMPORT_COLUMNS,
    required: INSTRUMENT_IMPORT_COLUMNS.map(([h]) => h),
    empty: '文件中没有仪器',
    unique: { field: 'serial', of: (cell) => cellText(cell('serial')) },
    read: (cell, problem) => {
      const text = (f: string) => cellText(cell(f));
      const parsed = instrumentRequest.safeParse({ type: text('type'), serial: text('serial'), calibrationNo: text('calibrationNo'), validUntil: dayOf(cell('validUntil')) });
      if (parsed.success) return parsed.data;
      for (const i of parsed.error.issues) problem(LABEL[String(i.path[0])] ?? String(i.path[0]), i.message);
      return null;
    },
  });
  return { rows: rows.map((r) => ({ row: r.row, instrument: r.value })), problems };
}
