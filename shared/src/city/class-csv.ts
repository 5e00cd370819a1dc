import { parseCsv, looksLikeFormula, FORMULA_MESSAGE } from './csv.parse';
import type { CityClass, ClassKind, MajorClass } from './classes';
import { DEFAULT_STEP_HOURS, type StepSla } from './step-sla';
import type { LineError } from './calendar-file';

/**
 * A city's class table as CSV (docs/domain/city.md §1.6): GB/T 30428 大类 and 小类 with the SLA of each step.
 * Header (English keys, any order): `kind,code,name,parent,accept,dispatch,handle,handle_urgent,check,file_condition,close_condition`.
 * A 大类 row has a 2-digit code and no parent; a 小类 row a 4-digit code whose first two digits are its parent
 * 大类 (of the same kind, in the same file). SLA cells: `4` or `4h` = 4 working hours, `2d` = 2 working days.
 */
export const CLASS_CSV_COLUMNS = ['kind', 'code', 'name', 'parent', 'accept', 'dispatch', 'handle', 'handle_urgent', 'check', 'file_condition', 'close_condition'] as const;
const REQUIRED = ['kind', 'code', 'name', 'parent', 'handle', 'handle_urgent'] as const;

/** A class of a city's table: the seed shape plus the SLA of every step. */
export type TableClass = CityClass & { sla: StepSla };
export type CityClassTable = { majors: MajorClass[]; classes: TableClass[] };

/** One working day in SLA cells (`d`): the default calendar's 7.5 h (08:30–12:00, 14:00–18:00). */
export const HOURS_PER_WORKING_DAY = 7.5;
/** The longest SLA a cell may state: one working year. */
export const MAX_SLA_HOURS = 250 * HOURS_PER_WORKING_DAY;
const MAX_ROWS = 2000;
const MAX_TEXT = 200;

/** Chinese column names (the admin page's sample) for the file's columns. */
const COLUMN_ALIASES: Record<string, (typeof CLASS_CSV_COLUMNS)[number]> = {
  类型: 'kind',
  编码: 'code',
  名称: 'name',
  上级: 'parent',
  受理: 'accept',
  派遣: 'dispatch',
  处置: 'handle',
  紧急处置: 'handle_urgent',
  核查: 'check',
  立案条件: 'file_condition',
  结案条件: 'close_condition',
};
const KINDS: Record<string, ClassKind> = { component: 'component', event: 'event', 部件: 'component', 事件: 'event' };

/**
 * Working hours of an SLA cell, or an error message.
 * @example slaHours('2d') // 15
 */
export function slaHours(cell: string): number | string {
  const m = /^(\d+(?:\.\d+)?)\s*([hHdD]?|小时|工作日)$/.exec(cell.trim());
  if (!m) return `时限格式应为小时数（如 4 或 4h）或工作日数（如 2d）：${cell || '（空）'}`;
  const v = Number(m[1]) * (m[2].toLowerCase() === 'd' || m[2] === '工作日' ? HOURS_PER_WORKING_DAY : 1);
  if (!(v > 0)) return `时限须大于 0：${cell}`;
  if (v > MAX_SLA_HOURS) return `时限过长（最多 250 个工作日）：${cell}`;
  return v;
}

/**
 * Parses and validates a class CSV; problems are listed by line and nothing may be stored unless `errors` is
 * empty (all-or-nothing).
 * @example parseClassCsv('kind,code,name,parent,handle,handle_urgent\nevent,01,市容环境,,,\nevent,0104,道路不洁,01,5h,2h').table.classes[0].sla.handleHours // 5
 */
export function parseClassCsv(text: string): { table: CityClassTable; errors: LineError[] } {
  const table: CityClassTable = { majors: [], classes: [] };
  const errors: LineError[] = [];
  const rows = parseCsv(text);
  if (!rows.length) return { table, errors: [{ line: 0, message: '文件为空：第一行应为表头（kind,code,name,parent,…）' }] };
  const header: string[] = rows[0].cells.map((c) => c.trim().toLowerCase()).map((h) => COLUMN_ALIASES[h] ?? h);
  const missing = REQUIRED.filter((k) => !header.includes(k));
  if (missing.length) return { table, errors: [{ line: rows[0].line, message: `表头缺少列：${missing.join('、')}` }] };
  const unknown = header.filter((h) => !(CLASS_CSV_COLUMNS as readonly string[]).includes(h));
  if (unknown.length) return { table, errors: [{ line: rows[0].line, message: `表头有未知列：${unknown.join('、')}` }] };
  if (rows.length - 1 > MAX_ROWS) return { table, errors: [{ line: 0, message: `分类最多 ${MAX_ROWS} 行` }] };

  const seen = new Map<string, number>();
  const minors: { line: number; cls: TableClass }[] = [];
  for (const r of rows.slice(1)) {
    const cell = (k: string) => (r.cells[header.indexOf(k)] ?? '').trim();
    const fail = (message: string) => errors.push({ line: r.line, message });
    const kind = KINDS[cell('kind')];
    if (!kind) {
      fail(`类型应为 部件/component 或 事件/event：${cell('kind') || '（空）'}`);
      continue;
    }
    const code = cell('code');
    const name = cell('name');
    if (!/^\d{2}(\d{2})?$/.test(code)) {
      fail(`编码应为 2 位（大类）或 4 位（小类）数字：${code || '（空）'}`);
      continue;
    }
    if (!name) {
      fail(`名称不能为空（编码 ${code}）`);
      continue;
    }
    const texts = [name, cell('file_condition'), cell('close_condition')];
    if (texts.some((t) => t.length > MAX_TEXT)) {
      fail(`名称、立案条件、结案条件各不能超过 ${MAX_TEXT} 字（编码 ${code}）`);
      continue;
    }
    if (texts.some(looksLikeFormula)) {
      fail(`编码 ${code} 的文字${FORMULA_MESSAGE}`);
      continue;
    }
    const key = `${kind}:${code}`;
    const first = seen.get(key);
    if (first !== undefined) {
      fail(`编码重复：${kind === 'component' ? '部件' : '事件'} ${code}（第 ${first} 行已有）`);
      continue;
    }
    seen.set(key, r.line);
    const parent = cell('parent');
    if (code.length === 2) {
      if (parent) fail(`大类 ${code} 不应填写上级编码`);
      else table.majors.push({ kind, code, name });
      continue;
    }
    if (!parent) {
      fail(`小类 ${code} 须填写上级大类编码`);
      continue;
    }
    if (parent !== code.slice(0, 2)) {
      fail(`小类 ${code} 的前两位应与上级大类编码 ${parent} 一致`);
      continue;
    }
    const sla: Partial<StepSla> = {};
    const slaCols: [keyof StepSla, string, number | null][] = [
      ['acceptHours', 'accept', DEFAULT_STEP_HOURS.acceptHours],
      ['dispatchHours', 'dispatch', DEFAULT_STEP_HOURS.dispatchHours],
      ['handleHours', 'handle', null],
      ['handleUrgentHours', 'handle_urgent', null],
      ['checkHours', 'check', DEFAULT_STEP_HOURS.checkHours],
    ];
    const bad: string[] = [];
    for (const [field, col, dflt] of slaCols) {
      const raw = cell(col);
      if (!raw && dflt !== null) {
        sla[field] = dflt;
        continue;
      }
      const v = slaHours(raw);
      if (typeof v === 'string') bad.push(`${col}：${v}`);
      else sla[field] = v;
    }
    if (bad.length) {
      fail(`小类 ${code} 的时限有误——${bad.join('；')}`);
      continue;
    }
    if (sla.handleUrgentHours! > sla.handleHours!) {
      fail(`小类 ${code} 的紧急处置时限（handle_urgent）不能长于一般处置时限（handle）`);
      continue;
    }
    minors.push({
      line: r.line,
      cls: {
        kind,
        code,
        majorCode: parent,
        minorCode: code.slice(2),
        name,
        limits: { urgentHours: sla.handleUrgentHours!, normalHours: sla.handleHours! },
        fileCondition: cell('file_condition'),
        closeCondition: cell('close_condition'),
        basis: { code: 'V', limits: 'V' },
        sla: sla as StepSla,
      },
    });
  }
  for (const m of minors) {
    if (!table.majors.some((x) => x.kind === m.cls.kind && x.code === m.cls.majorCode)) errors.push({ line: m.line, message: `小类 ${m.cls.code} 的上级大类 ${m.cls.majorCode} 不在文件中` });
    else table.classes.push(m.cls);
  }
  if (!errors.length && !table.classes.length) errors.push({ line: 0, message: '文件中没有小类' });
  errors.sort((a, b) => a.line - b.line);
  return { table, errors };
}

const fmt = (h: number) => (Number.isInteger(h / HOURS_PER_WORKING_DAY) && h >= HOURS_PER_WORKING_DAY ? `${h / HOURS_PER_WORKING_DAY}d` : `${h}h`);
const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * The table as CSV in the import format (the seed is written out this way; an admin may export, edit, import).
 * @example classTableCsv(table).split('\n')[0] // 'kind,code,name,parent,accept,dispatch,handle,handle_urgent,check,file_condition,close_condition'
 */
export function classTableCsv(table: CityClassTable): string {
  const lines = [CLASS_CSV_COLUMNS.join(',')];
  for (const m of table.majors) {
    lines.push([m.kind, m.code, q(m.name), '', '', '', '', '', '', '', ''].join(','));
    for (const c of table.classes.filter((x) => x.kind === m.kind && x.majorCode === m.code)) {
      lines.push([c.kind, c.code, q(c.name), m.code, fmt(c.sla.acceptHours), fmt(c.sla.dispatchHours), fmt(c.sla.handleHours), fmt(c.sla.handleUrgentHours), fmt(c.sla.checkHours), q(c.fileCondition), q(c.closeCondition)].join(','));
    }
  }
  return lines.join('\n') + '\n';
}
