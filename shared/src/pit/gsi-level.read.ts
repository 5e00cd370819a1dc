import { headerMethod, parseGsi, wordOf, type GsiBlock, type GsiWord } from './gsi.parse';
import { LevelRouteBuilder, type InstrumentValue } from './level-route.build';
import type { LevelMethod, ParsedLevelFile } from './leveling.types';
import { lineIssuesError } from './pit.errors';

const METHOD_CODES: Record<number, LevelMethod> = { 1: 'BF', 2: 'BFFB', 3: 'aBF', 4: 'aBFFB' };
const READING_SLOTS = { 331: 'b1', 332: 'f1', 335: 'b2', 336: 'f2' } as const;
const RESULT_ITEMS: Record<number, InstrumentValue['item']> = {
  571: 'station_diff',
  572: 'station_diff_sum',
  573: 'distance_balance',
  574: 'line_length',
  83: 'height',
};

const instrumentValue = (w: GsiWord, line: number): InstrumentValue => ({
  item: RESULT_ITEMS[w.wi],
  label: String(w.wi),
  value_m: w.value!,
  resolution_mm: w.resolution_mm ?? 0,
  line,
  word: w.index,
});

/**
 * Reads a leveling line from a GSI-8/16 file of a Leica DNA/LS level: stations from
 * 331/332/335/336 (+32 distances), intermediate sights 333, and cross-checks of the instrument's
 * 571/572/573/574/83 against recomputation, reported as `instrument_mismatch` flags.
 * Throws `gsi_parse_error` with one message per bad line.
 *
 * @example
 *   const file = readGsiLeveling(text);
 *   file.stations[0] // { back: 'G', fore: '1', back_m: 1.59977, fore_m: 1.38073, back2_m: 1.5998, fore2_m: 1.38071, ... }
 */
export const readGsiLeveling = (text: string, field?: string): ParsedLevelFile => {
  const blocks = parseGsi(text, field);
  const b = new LevelRouteBuilder('gsi', { b1: 'back reading 331', f1: 'fore reading 332', b2: 'second back reading 335', f2: 'second fore reading 336' });
  let lastLine = 1;
  for (const block of blocks) {
    lastLine = block.line;
    readBlock(b, block);
  }
  const file = b.finish(lastLine);
  if (b.issues.length) throw lineIssuesError(field, 'gsi_parse_error', b.issues);
  return file;
};

const readBlock = (b: LevelRouteBuilder, block: GsiBlock): void => {
  const line = block.line;
  const method = headerMethod(block);
  if (method !== null) {
    const m = METHOD_CODES[method];
    if (!m) b.issue(line, `unknown leveling method code ${method} in the line header (1 BF, 2 BFFB, 3 aBF, 4 aBFFB)`, 1);
    b.startLine(m ?? null);
    return;
  }
  const first = block.words[0];
  if (first?.wi === 41) return; // a code block, not a line header
  const pointWord = wordOf(block, 11);
  const point = pointWord?.text ?? null;
  const dist = wordOf(block, 32)?.value ?? null;
  let reading: GsiWord | undefined;
  let readings = 0;
  for (const w of block.words) {
    if (w.wi >= 330 && w.wi <= 336) {
      readings++;
      reading = w;
    }
  }
  if (readings > 1) {
    b.issue(line, 'more than one staff reading (WI 330–336) in one block');
    return;
  }
  if (reading) {
    if (point === null) {
      b.issue(line, `${reading.wi} staff reading without a point id (WI 11)`, reading.index);
      return;
    }
    const r = { point, value_m: reading.value!, dist_m: dist, line };
    if (reading.wi === 333) b.intermediate(r);
    else if (reading.wi in READING_SLOTS) b.reading(READING_SLOTS[reading.wi as keyof typeof READING_SLOTS], r);
    // 330 (measure only) and 334 (set-out) are not part of the route.
    return;
  }
  if (wordOf(block, 374)) return; // set-out result
  const values = block.words.filter((w) => w.wi in RESULT_ITEMS);
  if (values.length === 0) return;
  const h = values.find((w) => w.wi === 83);
  // An intermediate sight may be taken in the middle of a station; its `11,83` block follows it.
  if (b.pendingIntermediate && h && values.length === 1) {
    b.intermediateResult(instrumentValue(h, line));
    return;
  }
  if (b.stationOpen) {
    b.result(point, line, values.map((w) => instrumentValue(w, line)));
    return;
  }
  if (h && point !== null) b.heightInput(point, h.value!);
};
