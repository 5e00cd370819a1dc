/**
 * RFC 4180 CSV → rows of strings, in one pass: quoted fields with commas, doubled quotes and line
 * breaks; CRLF, LF or CR line ends; a leading UTF-8 BOM (Excel's "CSV UTF-8") is dropped. Each row
 * carries the 1-based line where it starts, as a spreadsheet shows it.
 * @example parseCsv('a,b\r\n"x, y",2\n') // [{ line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['x, y', '2'] }]
 */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let rowLine = 1;
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStart = i;
  const endRow = () => {
    // A fully empty line is skipped, not a row of one empty cell.
    if (!(cells.length === 0 && field === '')) {
      cells.push(field);
      rows.push({ line: rowLine, cells });
    }
    cells = [];
    field = '';
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 34 /* " */) {
        if (text.charCodeAt(i + 1) === 34) {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      const next = text.indexOf('"', i);
      const end = next < 0 ? n : next;
      const chunk = text.slice(i, end);
      for (let k = 0; k < chunk.length; k++) {
        const ch = chunk.charCodeAt(k);
        if (ch === 10 || (ch === 13 && chunk.charCodeAt(k + 1) !== 10)) line++;
      }
      field += chunk;
      i = end;
      continue;
    }
    if (c === 44 /* , */) {
      cells.push(field);
      field = '';
      i++;
      fieldStart = i;
    } else if (c === 10 || c === 13) {
      endRow();
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      line++;
      rowLine = line;
      fieldStart = i;
    } else if (c === 34 && i === fieldStart) {
      quoted = true;
      i++;
    } else {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 44 || d === 10 || d === 13) break;
        j++;
      }
      field += text.slice(i, j);
      i = j;
    }
  }
  endRow();
  return rows;
}

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or CR first): imported names and
 * addresses are exported again to the regulators' spreadsheets, so such text is refused at the door (OWASP CSV
 * injection). Numbers like `-3.5` are not text cells and are not checked here.
 */
export const looksLikeFormula = (s: string): boolean => /^[=+\-@\t\r]/.test(s);
export const FORMULA_MESSAGE = '不能以 = + - @ 开头（会被表格软件当作公式执行）';
