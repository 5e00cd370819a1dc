import { lineIssuesError, type LineIssue } from '../pit.errors';
import { parseTimeMs } from '../time.parse';

export type CsvRow = { line: number; id: string; timeMs: number; time: string; values: number[] };

/**
 * Parses a simple data-logger CSV with a header (`id,time,<numeric columns…>`), e.g. vibrating-wire
 * `sensor_id,time,freq_Hz,temp_C`, water level `well_id,time,depth_m`, total-station coordinates
 * `point,time,E,N,H`. Column names are matched case-insensitively. Every bad line is reported.
 */
export function parseCsvRows(text: string, columns: { id: string; numeric: string[]; optional?: string[] }, code: 'vw_csv_error' | 'water_csv_error' | 'tps_csv_error' | 'tilt_csv_error' | 'crack_csv_error'): CsvRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const issues: LineIssue[] = [];
  const rows: CsvRow[] = [];
  let header: string[] | null = null;
  let headerBroken = false;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const t = raw.trim();
    if (!t || t.startsWith('#')) return;
    const cells = t.split(',').map((c) => c.trim());
    if (!header) {
      header = cells.map((c) => c.toLowerCase());
      for (const need of [columns.id, 'time', ...columns.numeric]) {
        if (!header.includes(need.toLowerCase())) {
          issues.push({ line, message: `line ${line}: header lacks column '${need}'` });
          headerBroken = true;
        }
      }
      return;
    }
    if (headerBroken) return; // every row would repeat the header's problem (e.g. "bad time 'undefined'")
    const at = (name: string) => cells[header!.indexOf(name.toLowerCase())];
    if (cells.length !== header.length) {
      issues.push({ line, message: `line ${line}: expected ${header.length} columns, got ${cells.length}` });
      return;
    }
    const id = at(columns.id);
    if (!id) issues.push({ line, message: `line ${line}: missing ${columns.id}` });
    let timeMs = NaN;
    try {
      timeMs = parseTimeMs(at('time'));
    } catch {
      timeMs = NaN;
    }
    if (!Number.isFinite(timeMs)) issues.push({ line, message: `line ${line}: bad time '${at('time')}' (ISO 8601 expected)` });
    const values: number[] = [];
    for (const name of [...columns.numeric, ...(columns.optional ?? [])]) {
      const idx = header.indexOf(name.toLowerCase());
      if (idx < 0) {
        values.push(NaN);
        continue;
      }
      const v = Number(cells[idx]);
      if (cells[idx] === '' || !Number.isFinite(v)) {
        if (columns.numeric.includes(name)) issues.push({ line, message: `line ${line}: ${name}: '${cells[idx]}' is not a number` });
        values.push(NaN);
      } else values.push(v);
    }
    rows.push({ line, id, timeMs, time: at('time'), values });
  });
  if (!header) issues.push({ line: 1, message: "line 1: " + 'empty file' });
  else if (rows.length === 0 && issues.length === 0 && !headerBroken) issues.push({ line: lines.length, message: "line " + lines.length + ": " + 'no data rows' });
  if (issues.length) throw lineIssuesError('text', code, issues);
  return rows;
}
