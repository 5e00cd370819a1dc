/**
 * The instrument import sheet of one agency (仪器批量导入): one instrument per row under a header row, read into the
 * same request a single registration takes (`instrumentRequest`). Pure: cells in, rows and problems (by line) out.
 */
import type * as z from 'zod';
import { instrumentRequest } from './fire.contract';
import { INSTRUMENT_IMPORT_COLUMNS } from './fire.limits';
import type { AgencyImportCell, AgencyImportProblem } from './agency-import';

export type InstrumentImportRow = { row: number; instrument: z.output<typeof instrumentRequest> };
const LABEL: Record<string, string> = Object.fromEntries(INSTRUMENT_IMPORT_COLUMNS.map(([h, f]) => [f, h]));
const text = (c: AgencyImportCell | undefined) => (c?.v === null || c?.v === undefined ? '' : String(c.v).trim());

/** A date cell: typed text as is; an Excel date serial (days since 1899-12-30) as YYYY-MM-DD. */
const dayOf = (c: AgencyImportCell | undefined): string => (typeof c?.v === 'number' && c.v > 20_000 && c.v < 80_000 ? new Date(Math.round((c.v - 25_569) * 86_400_000)).toISOString().slice(0, 10) : text(c).replace(/\//g, '-'));

/**
 * Rows (line 1 the header) → instruments and every problem: a missing column, a formula, a bad value, or a serial
 * twice in the file.
 * @example parseInstrumentGrid([[{v:'仪器名称'},{v:'出厂编号'},{v:'检定证书编号'},{v:'有效期至'}], [{v:'数字压力表'},{v:'YL-1'},{v:'JD2025-1'},{v:'2027-06-30'}]])
 */
export function parseInstrumentGrid(grid: AgencyImportCell[][]): { rows: InstrumentImportRow[]; problems: AgencyImportProblem[] } {
  const problems: AgencyImportProblem[] = [];
  const header = (grid[0] ?? []).map(text);
  const missing = INSTRUMENT_IMPORT_COLUMNS.map(([h]) => h).filter((h) => !header.includes(h));
  if (missing.length) return { rows: [], problems: [{ row: 1, field: '表头', message: `缺少列：${missing.join('、')}（第 1 行应为表头）` }] };
  const rows: InstrumentImportRow[] = [];
  const seen = new Map<string, number>();
  for (let r = 1; r < grid.length; r++) {
    const line = r + 1;
    const cells = grid[r] ?? [];
    if (cells.every((c) => text(c) === '')) continue;
    const before = problems.length;
    const get = (f: string) => cells[header.indexOf(LABEL[f])];
    for (const [h, f] of INSTRUMENT_IMPORT_COLUMNS) if (get(f)?.formula) problems.push({ row: line, field: h, message: '不接受公式，请粘贴为数值' });
    const parsed = instrumentRequest.safeParse({ type: text(get('type')), serial: text(get('serial')), calibrationNo: text(get('calibrationNo')), validUntil: dayOf(get('validUntil')) });
    if (!parsed.success) for (const i of parsed.error.issues) problems.push({ row: line, field: LABEL[String(i.path[0])] ?? String(i.path[0]), message: i.message });
    const serial = text(get('serial'));
    const dup = seen.get(serial);
    if (serial && dup) problems.push({ row: line, field: '出厂编号', message: `与第 ${dup} 行重复` });
    else if (serial) seen.set(serial, line);
    if (problems.length === before && parsed.success) rows.push({ row: line, instrument: parsed.data });
  }
  if (!rows.length && !problems.length) problems.push({ row: 0, field: '文件', message: '文件中没有仪器' });
  return { rows, problems };
}
