import { ITEMS, type Item } from './domain/items';

/**
 * 测点导入: a spreadsheet (xlsx or CSV, read by the server) as a grid of raw cells → the points to register, or
 * every problem with its row and column, in Chinese. Pure: the file is read elsewhere; this decides.
 * Columns (docs/domain/pit.md §7.2): code, item, name, initial_m, pipe_top_m, initial_e, initial_n, azimuth_deg,
 * K, f0, T0, B, initial_reading, capacity_kn.
 */
export type ImportCell = { v: string | number | boolean | null; formula?: boolean };
/** grid[i] is spreadsheet row i + 1 (empty rows included), cells left to right from column A. */
export type ImportGrid = ImportCell[][];
export type PointImportProblem = { row: number; column: string; message: string };

export type ImportedPoint = {
  row: number;
  code: string;
  item: Item;
  name?: string;
  initialM?: number;
  pipeTopM?: number;
  initialE?: number;
  initialN?: number;
  azimuthDeg?: number;
  calibration?: { K: number; f0_Hz: number; T0_C?: number; B?: number };
  initialReading?: number;
  /** vibrating-wire members: the design capacity f₂ / design value (kN), for the default control */
  capacityKN?: number;
};

export const POINT_IMPORT_COLUMNS = ['code', 'item', 'name', 'initial_m', 'pipe_top_m', 'initial_e', 'initial_n', 'azimuth_deg', 'k', 'f0', 't0', 'b', 'initial_reading', 'capacity_kn'] as const;
type Column = (typeof POINT_IMPORT_COLUMNS)[number];
const COLUMN_LABELS: Record<Column, string> = {
  code: '测点编号',
  item: '监测项',
  name: '名称',
  initial_m: '初始高程',
  pipe_top_m: '管口高程',
  initial_e: '初始 E 坐标',
  initial_n: '初始 N 坐标',
  azimuth_deg: '墙法线方位角',
  k: '标定系数 K',
  f0: '初始频率 f0',
  t0: '初始温度 T0',
  b: '温度系数 B',
  initial_reading: '初始读数',
  capacity_kn: '构件承载力设计值',
};
/** The most points one file may register. */
export const POINT_IMPORT_MAX_ROWS = 2000;
const CODE = /^[A-Za-z0-9_-]{1,20}$/;

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const ITEM_BY_LABEL = new Map<string, Item>(Object.entries(ITEMS).map(([k, v]) => [v.label as string, k as Item]));
const text = (c: ImportCell | undefined) => (c?.v === null || c?.v === undefined ? '' : String(c.v).trim());

/** What an item needs besides the code: by its measuring method. */
function requiredColumns(item: Item): Column[] {
  switch (ITEMS[item].method as string) {
    case 'leveling':
      return ['initial_m'];
    case 'water_level':
      return ['pipe_top_m', 'initial_m'];
    case 'total_station':
      return ['initial_e', 'initial_n', 'azimuth_deg'];
    case 'vibrating_wire':
      // the standard control is a share of the member's design value (struts, anchors, wall internal force)
      return ['k', 'f0', 'capacity_kn'];
    case 'inclinometer':
      return []; // the initial survey is uploaded as an inclinometer file (测斜孔初始测值)
    default:
      return ['initial_reading'];
  }
}

/**
 * Reads the grid. The first non-empty row is the header (column names as above, any case). Every problem is
 * reported (not only the first); `points` is empty when there is any.
 * @example parsePointGrid([[{v:'code'},{v:'item'},{v:'initial_m'}],[{v:'ZQS1'},{v:'wallTopVertical'},{v:99.8}]]).points[0].initialM // 99.8
 */
export function parsePointGrid(grid: ImportGrid): { points: ImportedPoint[]; problems: PointImportProblem[] } {
  const problems: PointImportProblem[] = [];
  const bad = (row: number, column: string, message: string) => void problems.push({ row, column, message });
  const headerAt = grid.findIndex((r) => r.some((c) => text(c) !== ''));
  if (headerAt < 0) return { points: [], problems: [{ row: 0, column: '', message: '文件中没有内容' }] };
  const cols = new Map<Column, number>();
  grid[headerAt].forEach((c, i) => {
    const name = text(c).toLowerCase();
    if (!name) return;
    if (c.formula) return bad(headerAt + 1, columnLetter(i), `表头第 ${columnLetter(i)} 列是公式，请只填写文字`);
    if (!(POINT_IMPORT_COLUMNS as readonly string[]).includes(name)) return bad(headerAt + 1, columnLetter(i), `未知的列“${text(c)}”，可用的列：${POINT_IMPORT_COLUMNS.join('、')}`);
    if (cols.has(name as Column)) return bad(headerAt + 1, columnLetter(i), `列“${name}”出现了两次`);
    cols.set(name as Column, i);
  });
  for (const need of ['code', 'item'] as const) if (!cols.has(need)) bad(headerAt + 1, '', `缺少“${need}”列（${COLUMN_LABELS[need]}）`);
  if (problems.length) return { points: [], problems };

  const where = (col: Column) => `${columnLetter(cols.get(col)!)} 列（${col}）`;
  const seen = new Map<string, number>();
  const points: ImportedPoint[] = [];
  const dataRows = grid.slice(headerAt + 1).map((cells, i) => ({ row: headerAt + 2 + i, cells })).filter((r) => r.cells.some((c) => text(c) !== ''));
  if (dataRows.length === 0) bad(headerAt + 1, '', '表格中没有测点');
  if (dataRows.length > POINT_IMPORT_MAX_ROWS) return { points: [], problems: [{ row: 0, column: '', message: `一次最多导入 ${POINT_IMPORT_MAX_ROWS} 个测点，本文件有 ${dataRows.length} 行` }] };

  for (const { row, cells } of dataRows) {
    const before = problems.length;
    const cell = (col: Column) => (cols.has(col) ? cells[cols.get(col)!] : undefined);
    for (const [col, i] of cols) if (cells[i]?.formula) bad(row, `${columnLetter(i)} 列（${col}）`, `第 ${row} 行 ${columnLetter(i)} 列（${col}）是公式，请只填写数值（复制后“选择性粘贴 → 数值”）`);
    if (problems.length > before) continue;
    const num = (col: Column): number | undefined => {
      const c = cell(col);
      const t = text(c);
      if (t === '') return undefined;
      const n = typeof c!.v === 'number' ? c!.v : Number(t);
      if (!Number.isFinite(n)) {
        bad(row, where(col), `第 ${row} 行 ${where(col)}“${t}”不是数字`);
        return undefined;
      }
      return n;
    };
    const code = text(cell('code'));
    if (!code) bad(row, where('code'), `第 ${row} 行缺少测点编号`);
    else if (!CODE.test(code)) bad(row, where('code'), `第 ${row} 行测点编号“${code}”只能由字母、数字、“-”和“_”组成，最长 20 个字符`);
    else if (seen.has(code)) bad(row, where('code'), `第 ${row} 行测点编号“${code}”与第 ${seen.get(code)} 行重复`);
    else seen.set(code, row);
    const itemText = text(cell('item'));
    const item = (itemText in ITEMS ? itemText : ITEM_BY_LABEL.get(itemText)) as Item | undefined;
    if (!item) bad(row, where('item'), itemText ? `第 ${row} 行监测项“${itemText}”未知，可填：${Object.keys(ITEMS).join('、')}（或其中文名称）` : `第 ${row} 行缺少监测项`);
    const v = {
      initialM: num('initial_m'),
      pipeTopM: num('pipe_top_m'),
      initialE: num('initial_e'),
      initialN: num('initial_n'),
      azimuthDeg: num('azimuth_deg'),
      K: num('k'),
      f0: num('f0'),
      T0: num('t0'),
      B: num('b'),
      initialReading: num('initial_reading'),
      capacityKN: num('capacity_kn'),
    };
    if (problems.length > before || !item) continue;
    const value: Record<Column, number | undefined> = { code: undefined, item: undefined, name: undefined, initial_m: v.initialM, pipe_top_m: v.pipeTopM, initial_e: v.initialE, initial_n: v.initialN, azimuth_deg: v.azimuthDeg, k: v.K, f0: v.f0, t0: v.T0, b: v.B, initial_reading: v.initialReading, capacity_kn: v.capacityKN };
    for (const need of requiredColumns(item)) {
      if (value[need] === undefined) bad(row, cols.has(need) ? where(need) : `${need} 列`, `第 ${row} 行（${code}，${ITEMS[item].label}）缺少${COLUMN_LABELS[need]}（${need}）`);
    }
    if (v.azimuthDeg !== undefined && !(v.azimuthDeg >= 0 && v.azimuthDeg < 360)) bad(row, where('azimuth_deg'), `第 ${row} 行方位角 ${v.azimuthDeg}° 超出范围，应在 0～360°之间（以正北为 0°，顺时针）`);
    if (v.K !== undefined && !(v.K > 0)) bad(row, where('k'), `第 ${row} 行标定系数 K 应大于 0`);
    if (v.f0 !== undefined && !(v.f0 > 0)) bad(row, where('f0'), `第 ${row} 行初始频率 f0 应大于 0`);
    if (v.capacityKN !== undefined && !(v.capacityKN > 0)) bad(row, where('capacity_kn'), `第 ${row} 行构件承载力设计值应大于 0`);
    if (v.B !== undefined && v.T0 === undefined) bad(row, where('b'), `第 ${row} 行填写了温度系数 B，还需填写初始温度 T0`);
    if (v.pipeTopM !== undefined && v.initialM !== undefined && ITEMS[item].method === 'water_level' && v.initialM > v.pipeTopM) bad(row, where('initial_m'), `第 ${row} 行初始水位高程 ${v.initialM} m 高于管口高程 ${v.pipeTopM} m`);
    if (problems.length > before) continue;
    const name = text(cell('name'));
    points.push({
      row,
      code,
      item,
      ...(name ? { name: name.slice(0, 40) } : {}),
      ...(v.initialM !== undefined ? { initialM: v.initialM } : {}),
      ...(v.pipeTopM !== undefined ? { pipeTopM: v.pipeTopM } : {}),
      ...(v.initialE !== undefined ? { initialE: v.initialE } : {}),
      ...(v.initialN !== undefined ? { initialN: v.initialN } : {}),
      ...(v.azimuthDeg !== undefined ? { azimuthDeg: v.azimuthDeg } : {}),
      ...(v.K !== undefined && v.f0 !== undefined ? { calibration: { K: v.K, f0_Hz: v.f0, ...(v.T0 !== undefined ? { T0_C: v.T0 } : {}), ...(v.B !== undefined ? { B: v.B } : {}) } } : {}),
      ...(v.initialReading !== undefined ? { initialReading: v.initialReading } : {}),
      ...(v.capacityKN !== undefined ? { capacityKN: v.capacityKN } : {}),
    });
  }
  return problems.length ? { points: [], problems } : { points, problems };
}
