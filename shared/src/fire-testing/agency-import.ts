/**
 * The agency import sheet (检测机构批量导入): one agency per row under a header row of Chinese column names, read into
 * the same request the registry's single registration takes (`agencyRequest`), so a row is refused for exactly what a
 * form would be. Read like every import sheet (`readImportGrid`): rows and problems by spreadsheet line.
 */
import { agencyRequest, type AgencyBody } from './fire.contract';
import { AGENCY_IMPORT_COLUMNS, PRACTICE_SCOPES } from './fire.limits';
import { cellText, readImportGrid, type ImportCell, type ImportProblem } from '../platform/import-grid';

export { AGENCY_IMPORT_COLUMNS };

export type AgencyImportCell = ImportCell;
export type AgencyImportProblem = ImportProblem;
export type AgencyImportRow = { row: number; agency: AgencyBody };

const REQUIRED = ['机构名称', '统一社会信用代码', '执业范围', '工作场所面积', '企业法人', '设备符合要求', '质量管理体系', '评估过程控制体系'];
const FLAG_FIELDS = new Set(['enterpriseLegalPerson', 'equipmentConforming', 'qualityManagementSystem', 'assessmentProcessControl']);
const YES = new Set(['是', '有', 'y', 'yes', '1', 'true', '√', '✓']);
const NO = new Set(['否', '无', 'n', 'no', '0', 'false', '×']);
const LABEL: Record<string, string> = Object.fromEntries(AGENCY_IMPORT_COLUMNS.map(([h, f]) => [f, h]));

/**
 * Rows of the sheet (see `readImportGrid`) → agencies and every problem found; a credit code twice in the file is a
 * problem of its second line.
 * @example parseAgencyGrid([[{v:'机构名称'}, …], [{v:'中山安信'}, …]]) // { rows: [{ row: 2, agency }], problems: [] }
 */
export function parseAgencyGrid(grid: AgencyImportCell[][]): { rows: AgencyImportRow[]; problems: AgencyImportProblem[] } {
  const { rows, problems } = readImportGrid<AgencyBody>(grid, {
    columns: AGENCY_IMPORT_COLUMNS,
    required: REQUIRED,
    empty: '文件中没有机构',
    unique: { field: 'creditCode', of: (cell) => cellText(cell('creditCode')).toUpperCase() },
    read: (cell, problem) => {
      const text = (f: string) => cellText(cell(f));
      const flag = (f: string): boolean => {
        const v = text(f).toLowerCase();
        if (YES.has(v)) return true;
        if (!NO.has(v)) problem(LABEL[f], `应填“是”或“否”，而不是“${text(f)}”`);
        return false;
      };
      const scope = text('scope');
      if (!(PRACTICE_SCOPES as readonly string[]).includes(scope)) problem('执业范围', `应为 ${PRACTICE_SCOPES.join(' / ')}`);
      const m2Text = text('workplaceM2');
      const m2 = m2Text === '' ? Number.NaN : Number(m2Text);
      const flags = Object.fromEntries([...FLAG_FIELDS].map((f) => [f, flag(f)]));
      const town = text('townId');
      const body = { name: text('name'), creditCode: text('creditCode').toUpperCase(), ...(town ? { townId: town } : {}), address: text('address'), practice: { scope, workplaceM2: m2, ...flags } };
      const parsed = agencyRequest.safeParse(body);
      if (parsed.success) return body as AgencyBody;
      for (const issue of parsed.error.issues) {
        const field = String(issue.path.at(-1) ?? '');
        if (field === 'scope' || FLAG_FIELDS.has(field)) continue; // reported above in the sheet's words
        problem(LABEL[field] ?? field, field === 'workplaceM2' ? '应为不小于 0 的数字（平方米）' : issue.message);
      }
      return null;
    },
  });
  return { rows: rows.map((r) => ({ row: r.row, agency: r.value })), problems };
}
