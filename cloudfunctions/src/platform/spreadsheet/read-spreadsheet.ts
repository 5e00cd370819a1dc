import { invalid } from '@cityloop/shared/errors';

export type SheetCell = { v: string | number | boolean | null; formula?: boolean };
export type SheetGrid = SheetCell[][];
/** How big a sheet an import takes, and what its rows are called in the refusal (`测点表`, `机构表`). */
export type SheetLimits = { maxRows: number; maxColumns: number; what: string };

/**
 * An imported spreadsheet's first sheet as raw cells (formulas marked), read with SheetJS (`@e965/xlsx`, the
 * maintained npm build of SheetJS 0.20). The library is loaded here only, on the first import a warm instance
 * serves (the bundles that import sheets ship it beside themselves: scripts/build-functions.ts), never at a cold
 * start. xlsx, xls and CSV (UTF-8, with or without BOM; GB18030 exports are refused with advice). Used by the pit
 * point import and the fire agency import.
 */
export async function readSpreadsheet(bytes: Buffer, fileName: string, limits: SheetLimits): Promise<SheetGrid> {
  const { maxRows: MAX_ROWS, maxColumns: MAX_COLUMNS } = limits;
  // From source: the package's ES module; beside a bundle: one CommonJS file, whose exports arrive as `default`.
  const sheetjs = await import('@e965/xlsx');
  const XLSX = 'utils' in sheetjs && sheetjs.utils ? sheetjs : (sheetjs as unknown as { default: typeof sheetjs }).default;
  const zip = bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  const cfb = bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
  const csv = !zip && !cfb;
  if (csv && !/\.(csv|txt)$/i.test(fileName)) throw invalid('无法识别的文件：请上传 Excel（.xlsx）或 CSV 文件', 'unsupported_file');
  let wb: import('@e965/xlsx').WorkBook;
  try {
    if (csv) {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
      // raw: every cell as typed (no dates or numbers guessed); a leading '=' stays text and is refused below
      wb = XLSX.read(text, { type: 'string', raw: true, dense: false });
    } else {
      wb = XLSX.read(bytes, { type: 'buffer', cellFormula: true, cellDates: false, cellHTML: false, cellStyles: false, dense: false });
    }
  } catch (e) {
    if (e instanceof TypeError) throw invalid('CSV 文件不是 UTF-8 编码：请在 Excel 中“另存为 → CSV UTF-8（逗号分隔）”后重试', 'csv_encoding');
    throw invalid('文件已损坏或不是有效的表格文件，无法读取', 'unreadable_file');
  }
  const sheet = wb.Sheets[wb.SheetNames[0] ?? ''];
  if (!sheet || !sheet['!ref']) return [];
  // a sheet's range may claim a million formatted rows: walk the cells that exist, within bounds
  let lastRow = -1;
  let lastCol = -1;
  for (const addr of Object.keys(sheet)) {
    if (addr.startsWith('!')) continue;
    const { r, c } = XLSX.utils.decode_cell(addr);
    const v = (sheet[addr] as { v?: unknown }).v;
    if (v === undefined || v === null || v === '') continue;
    lastRow = Math.max(lastRow, r);
    lastCol = Math.max(lastCol, c);
  }
  if (lastRow > MAX_ROWS) throw invalid(`表格有 ${lastRow + 1} 行，一次最多导入 ${MAX_ROWS} 行，请拆分后导入`, 'too_many_rows');
  if (lastCol > MAX_COLUMNS) throw invalid(`表格有 ${lastCol + 1} 列，${limits.what}最多 ${MAX_COLUMNS} 列，请删去无关的列`, 'too_many_columns');
  const grid: SheetGrid = [];
  for (let r = 0; r <= lastRow; r++) {
    const row: SheetCell[] = [];
    for (let c = 0; c <= lastCol; c++) {
      const cell = sheet[XLSX.utils.encode_cell({ r, c })] as import('@e965/xlsx').CellObject | undefined;
      if (!cell) {
        row.push({ v: null });
        continue;
      }
      const v = cell.t === 'e' ? `#${String(cell.w ?? 'ERR')}` : (cell.v as string | number | boolean | undefined) ?? null;
      const formula = !!cell.f || (typeof v === 'string' && v.trim().startsWith('='));
      row.push({ v: (v as unknown) instanceof Date ? String(v) : v, ...(formula ? { formula: true } : {}) });
    }
    grid.push(row);
  }
  return grid;
}
