/**
 * The agency import sheet (检测机构批量导入): one agency per row under a header row of Chinese column names, read into
 * the same request the registry's single registration takes (`agencyRequest`), so a row is refused for exactly what a
 * form would be. Pure: the cells come in, rows and problems (by spreadsheet line) go out.
 */
import { agencyRequest, type AgencyBody } from './fire.contract';
import { AGENCY_IMPORT_COLUMNS, PRACTICE_SCOPES } from './fire.limits';

export { AGENCY_IMPORT_COLUMNS };

export type AgencyImportCell = { v: string | number | boolean | null; formula?: boolean };
export type AgencyImportProblem = { row: number; field: string; message: string };
export type AgencyImportRow = { row: number; agency: AgencyBody };

const REQUIRED = ['机构名称', '统一社会信用代码', '执业范围', '工作场所面积', '企业法人', '设备符合要求', '质量管理体系', '评估过程控制体系'];
const FLAG_FIELDS = new Set(['enterpriseLegalPerson', 'equipmentConforming', 'qualityManagementSystem', 'assessmentProcessControl']);
const YES = new Set(['是', '有', 'y', 'yes', '1', 'true', '√', '✓']);
const NO = new Set(['否', '无', 'n', 'no', '0', 'false', '×']);
const LABEL: Record<string, string> = Object.fromEntries(AGENCY_IMPORT_COLUMNS.map(([h, f]) => [f, h]));

const text = (c: AgencyImportCell | undefined) => (c?.v === null || c?.v === undefined ? '' : String(c.v).trim());

/**
 * Rows of the sheet (line 1 the header; a line is the spreadsheet's line number) → agencies and every problem found.
 * Blank lines are skipped; a formula cell, a missing column, a bad value or a credit code twice in the file is a
 * problem of its line. Only a file without problems may be committed.
 * @example parseAgencyGrid([[{v:'机构名称'}, …], [{v:'中山安信'}, …]]) // { rows: [{ row: 2, agency }], problems: [] }
 */
export function parseAgencyGrid(grid: AgencyImportCell[][]): { rows: AgencyImportRow[]; problems: AgencyImportProblem[] } {
  const problems: AgencyImportProblem[] = [];
  const header = (grid[0] ?? []).map(text);
  const col = new Map<string, number>();
  for (const [h, f] of AGENCY_IMPORT_COLUMNS) if (header.includes(h)) col.set(f, header.indexOf(h));
  const missing = REQUIRED.filter((h) => !header.includes(h));
  if (missing.length) return { rows: [], problems: [{ row: 1, field: '表头', message: `缺少列：${missing.join('、')}（第 1 行应为表头）` }] };
  const rows: AgencyImportRow[] = [];
  const seen = new Map<string, number>();
  for (let r = 1; r < grid.length; r++) {
    const line = r + 1;
    const cells = grid[r] ?? [];
    if (cells.every((c) => text(c) === '')) continue;
    const before = problems.length;
    const get = (f: string) => cells[col.get(f) ?? -1];
    const flag = (f: string): boolean => {
      const v = text(get(f)).toLowerCase();
      if (YES.has(v)) return true;
      if (!NO.has(v)) problems.push({ row: line, field: LABEL[f], message: `应填“是”或“否”，而不是“${text(get(f))}”` });
      return false;
    };
    for (const [, f] of AGENCY_IMPORT_COLUMNS) if (get(f)?.formula) problems.push({ row: line, field: LABEL[f], message: '不接受公式，请粘贴为数值' });
    const scope = text(get('scope'));
    if (!(PRACTICE_SCOPES as readonly string[]).includes(scope)) problems.push({ row: line, field: '执业范围', message: `应为 ${PRACTICE_SCOPES.join(' / ')}` });
    const m2Text = text(get('workplaceM2'));
    const m2 = m2Text === '' ? Number.NaN : Number(m2Text);
    const flags = Object.fromEntries([...FLAG_FIELDS].map((f) => [f, flag(f)]));
    const town = text(get('townId'));
    const body = { name: text(get('name')), creditCode: text(get('creditCode')).toUpperCase(), ...(town ? { townId: town } : {}), address: text(get('address')), practice: { scope, workplaceM2: m2, ...flags } };
    const parsed = agencyRequest.safeParse(body);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path.at(-1) ?? '');
        if (field === 'scope' || FLAG_FIELDS.has(field)) continue; // reported above in the sheet's words
        problems.push({ row: line, field: LABEL[field] ?? field, message: field === 'workplaceM2' ? '应为不小于 0 的数字（平方米）' : issue.message });
      }
    }
    const dup = seen.get(body.creditCode);
    if (body.creditCode && dup) problems.push({ row: line, field: '统一社会信用代码', message: `与第 ${dup} 行重复` });
    else if (body.creditCode) seen.set(body.creditCode, line);
    if (problems.length === before && parsed.success) rows.push({ row: line, agency: body as AgencyBody });
  }
  if (!rows.length && !problems.length) problems.push({ row: 0, field: '文件', message: '文件中没有机构' });
  return { rows, problems };
}
