/**
 * The expert import sheet (专家库批量导入): one expert per row under a header row of Chinese column names
 * (EXPERT_IMPORT_COLUMNS), each row read into the request a single entry takes (`expertApplicationRequest`) and
 * judged by `expertAdmission`, so a row is refused for exactly what the keeper's form would refuse. Pure: the cells
 * come in, rows and problems (by spreadsheet line) go out.
 */
import { expertApplicationRequest, type ExpertApplicationBody } from './review.contract';
import { expertAdmission } from './expert-admission';
import { ADMISSION_REASON_LABELS, EXPERT_IMPORT_COLUMNS, EXPERT_SPECIALTIES, EXPERT_TITLES } from './review.limits';
import { idNumberSchema } from '../checkin/checkin.contract';

export type ExpertImportCell = { v: string | number | boolean | null; formula?: boolean };
export type ExpertImportProblem = { row: number; field: string; message: string };
export type ExpertImportRow = { row: number; expert: Required<Omit<ExpertApplicationBody, 'employer'>> & { employer: string | null }; idNumber: string };

const REQUIRED = ['姓名', '手机号', '身份证号', '职称', '从业年限', '专业', '工作单位'];
const YES = new Set(['是', '有', 'y', 'yes', '1', 'true', '√', '✓']);
const NO = new Set(['', '否', '无', 'n', 'no', '0', 'false', '×']);
const LABEL: Record<string, string> = Object.fromEntries(EXPERT_IMPORT_COLUMNS.map(([h, f]) => [f, h]));
const SPECIALTY_BY_LABEL = new Map(Object.entries(EXPERT_SPECIALTIES).map(([k, v]) => [v, k]));

const text = (c: ExpertImportCell | undefined) => (c?.v === null || c?.v === undefined ? '' : String(c.v).trim());

/** "岩土/深基坑、模架" (、，,；; or line breaks between) → specialty codes; unknown labels are returned apart. */
export function specialtiesOf(cell: string): { codes: string[]; unknown: string[] } {
  const parts = cell.split(/[、，,；;\n]+/).map((s) => s.trim()).filter(Boolean);
  const codes = [...new Set(parts.map((p) => SPECIALTY_BY_LABEL.get(p) ?? (Object.hasOwn(EXPERT_SPECIALTIES, p) ? p : '')).filter(Boolean))];
  return { codes, unknown: parts.filter((p) => !SPECIALTY_BY_LABEL.has(p) && !Object.hasOwn(EXPERT_SPECIALTIES, p)) };
}

/**
 * Rows of the sheet (line 1 the header; a line is the spreadsheet's line number) → experts and every problem found.
 * Blank lines are skipped; a formula cell, a missing column, a bad value, an inadmissible expert, or a phone or ID
 * number twice in the file is a problem of its line. Only a file without problems may be committed.
 * @example parseExpertGrid([[{v:'姓名'}, …], [{v:'王工'}, …]]) // { rows: [{ row: 2, expert, idNumber }], problems: [] }
 */
export function parseExpertGrid(grid: ExpertImportCell[][]): { rows: ExpertImportRow[]; problems: ExpertImportProblem[] } {
  const problems: ExpertImportProblem[] = [];
  const header = (grid[0] ?? []).map(text);
  const col = new Map<string, number>();
  for (const [h, f] of EXPERT_IMPORT_COLUMNS) if (header.includes(h)) col.set(f, header.indexOf(h));
  const missing = REQUIRED.filter((h) => !header.includes(h));
  if (missing.length) return { rows: [], problems: [{ row: 1, field: '表头', message: `缺少列：${missing.join('、')}（第 1 行应为表头）` }] };
  const rows: ExpertImportRow[] = [];
  const seenPhone = new Map<string, number>();
  const seenId = new Map<string, number>();
  for (let r = 1; r < grid.length; r++) {
    const line = r + 1;
    const cells = grid[r] ?? [];
    if (cells.every((c) => text(c) === '')) continue;
    const before = problems.length;
    const problem = (field: string, message: string) => void problems.push({ row: line, field, message });
    const get = (f: string) => cells[col.get(f) ?? -1];
    for (const [h, f] of EXPERT_IMPORT_COLUMNS) if (get(f)?.formula) problem(h, '不接受公式，请粘贴为数值');

    const title = text(get('title'));
    if (!(EXPERT_TITLES as readonly string[]).includes(title)) problem('职称', `应为 ${EXPERT_TITLES.join(' / ')}，而不是“${title}”`);
    const yearsText = text(get('years'));
    const years = /^\d{1,2}$/.test(yearsText) ? Number(yearsText) : Number.NaN;
    if (Number.isNaN(years)) problem('从业年限', `应为整数年，而不是“${yearsText}”`);
    const spec = specialtiesOf(text(get('specialties')));
    if (spec.unknown.length) problem('专业', `未知的专业：${spec.unknown.join('、')}（可选：${Object.values(EXPERT_SPECIALTIES).join('、')}）`);
    else if (!spec.codes.length) problem('专业', '请填写专业');
    const rich = text(get('richExperience')).toLowerCase();
    if (!YES.has(rich) && !NO.has(rich)) problem('丰富经验', `应填“是”或“否”，而不是“${text(get('richExperience'))}”`);
    const id = idNumberSchema.safeParse(text(get('idNumber')));
    if (!id.success) problem('身份证号', `${id.error.issues[0]?.message ?? '身份证号无效'}（若为数字格式，请将该列设为文本）`);

    const body = { name: text(get('name')), phone: text(get('phone')), title, years, richExperience: YES.has(rich), badCredit: false, specialties: spec.codes, employer: text(get('employer')) || null };
    const parsed = expertApplicationRequest.safeParse(body);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (['title', 'years', 'specialties'].includes(field)) continue; // reported above in the sheet's words
        problem(LABEL[field] ?? field, issue.message);
      }
    }
    if (problems.length === before) {
      const a = expertAdmission({ title, years, richExperience: body.richExperience });
      if (!a.admissible) problem('职称', `不符合专家入库条件：${a.reasons.map((x) => ADMISSION_REASON_LABELS[x]).join('；')}`);
    }
    const dupPhone = seenPhone.get(body.phone);
    if (body.phone && dupPhone) problem('手机号', `与第 ${dupPhone} 行重复`);
    else if (body.phone) seenPhone.set(body.phone, line);
    const idNo = id.success ? id.data : '';
    const dupId = seenId.get(idNo);
    if (idNo && dupId) problem('身份证号', `与第 ${dupId} 行重复`);
    else if (idNo) seenId.set(idNo, line);
    if (problems.length === before && parsed.success) rows.push({ row: line, expert: { ...parsed.data, employer: parsed.data.employer ?? null }, idNumber: idNo });
  }
  if (!rows.length && !problems.length) problems.push({ row: 0, field: '文件', message: '文件中没有专家' });
  return { rows, problems };
}
