import { lineIssuesError, type LineIssue } from './pit.errors';

/**
 * Leica GSI-8 / GSI-16 tokenizer (docs/domain/pit.md §3.1). One block per line; a GSI-16 line starts with `*`.
 * Each word is WI (2 or 3 digits) + info up to position 6 (pos 4 auto index, pos 5 input mode,
 * pos 6 unit) + sign + 8 or 16 data characters, words separated by blanks.
 */

export type GsiWord = {
  /** 1-based position of the word in its line. */
  index: number;
  raw: string;
  wi: number;
  /** Positions 3–6: the block number of words 11 and 41. */
  info: string;
  inputMode: string;
  unit: string;
  sign: 1 | -1;
  data: string;
  /** Decoded number: m for lengths, decimal degrees for angles; null for text words. */
  value: number | null;
  /** Display resolution of a length value in mm (for rounding-aware cross-checks). */
  resolution_mm: number | null;
  /** Decoded text: point id (leading zeros removed) for 11, raw data for other text words. */
  text: string | null;
};

export type GsiBlock = { line: number; format: 8 | 16; words: GsiWord[] };

const LENGTH_WI = new Set([31, 32, 33, 35, 81, 82, 83, 84, 85, 86, 87, 88, 330, 331, 332, 333, 334, 335, 336, 374, 391, 392, 571, 572, 573, 574]);
const ANGLE_WI = new Set([21, 22, 25]);
const THREE_DIGIT_PREFIX = new Set(['33', '37', '39', '56', '57', '59']);

export const WI_NAMES: Record<number, string> = {
  11: 'point id', 21: 'horizontal angle', 22: 'vertical angle', 25: 'horizontal angle difference',
  31: 'slope distance', 32: 'horizontal distance', 33: 'height difference', 35: 'distance difference',
  81: 'target easting', 82: 'target northing', 83: 'height', 84: 'station easting', 85: 'station northing',
  86: 'station height', 87: 'reflector height', 88: 'instrument height',
  330: 'staff reading', 331: 'back staff reading', 332: 'fore staff reading', 333: 'intermediate staff reading',
  334: 'set-out staff reading', 335: 'second back staff reading', 336: 'second fore staff reading',
  374: 'set-out height difference', 390: 'number of repeated readings', 391: 'reading standard deviation',
  392: 'reading spread', 571: 'station difference', 572: 'cumulative station difference',
  573: 'distance balance', 574: 'line length',
};

// Metres per count and display resolution (mm) by unit code; ft codes use the international foot.
const LENGTH_UNITS: Record<string, { div: number; factor: number; res_mm: number; name: string }> = {
  '0': { div: 1e3, factor: 1, res_mm: 1, name: 'm (last digit mm)' },
  '1': { div: 1e3, factor: 0.3048, res_mm: 0.3048, name: 'ft (last digit 1/1000 ft)' },
  '6': { div: 1e4, factor: 1, res_mm: 0.1, name: 'm (last digit 0.1 mm)' },
  '7': { div: 1e4, factor: 0.3048, res_mm: 0.03048, name: 'ft (last digit 1/10000 ft)' },
  '8': { div: 1e5, factor: 1, res_mm: 0.01, name: 'm (last digit 0.01 mm)' },
};
const ANGLE_UNIT_NAMES: Record<string, string> = { '2': 'gon', '3': 'decimal degrees', '4': 'DDD.MMSSs', '5': 'mil' };

const wiName = (wi: number) => (WI_NAMES[wi] ? `${WI_NAMES[wi]} (WI ${wi})` : `WI ${wi}`);

/** Decodes the data of an angle word to decimal degrees, or returns an error message. */
const decodeAngle = (unit: string, n: number): number | string => {
  switch (unit) {
    case '2':
      return (n * 9) / 1e6; // gon × 0.9, kept exact for whole 1e-5 gon
    case '3':
      return n / 1e5;
    case '4': {
      const tenths = n % 10;
      const ss = Math.floor(n / 10) % 100;
      const mm = Math.floor(n / 1000) % 100;
      const dd = Math.floor(n / 100000);
      if (mm >= 60 || ss >= 60) return `minutes/seconds out of range in DDDMMSSs '${n}'`;
      return dd + mm / 60 + (ss + tenths / 10) / 3600;
    }
    case '5':
      return (n / 1e4) * (360 / 6400);
    default:
      return 'no angle unit';
  }
};

const isDigits = (s: string) => /^[0-9]+$/.test(s);

function failWord(issues: LineIssue[], lineNo: number, ti: number, raw: string, msg: string): void {
  issues.push({ line: lineNo, word: ti + 1, message: `line ${lineNo}: word ${ti + 1} '${raw}': ${msg}` });
}

/**
 * Splits a GSI file into blocks and decodes every word, collecting per-line issues instead of
 * stopping at the first one. Blank lines are skipped.
 *
 * @example
 *   const { blocks, issues } = tokenizeGsi('110002+00130021 21.102+19723700 22.102+10000000 31..00+00045179 51....+0000+000');
 *   blocks[0].words[1].value // 177.5133 (197.23700 gon in degrees)
 */
export const tokenizeGsi = (text: string): { blocks: GsiBlock[]; issues: LineIssue[] } => {
  const blocks: GsiBlock[] = [];
  const issues: LineIssue[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (let li = 0; li < lines.length; li++) {
    const lineNo = li + 1;
    let s = lines[li].replace(/\x1a/g, '').trim();
    if (!s) continue;
    const format: 8 | 16 = s.startsWith('*') ? 16 : 8;
    if (format === 16) s = s.slice(1);
    const tokens = s.split(/[ \t]+/);
    const words: GsiWord[] = [];
    const wordLen = 7 + format;
    const issuesBefore = issues.length;
    for (let ti = 0; ti < tokens.length; ti++) {
      const raw = tokens[ti];
      // (no closure or message per word: a file has thousands of words; only a bad one builds its message)
      if (raw.length !== wordLen) {
        if (raw.length < wordLen) failWord(issues, lineNo, ti, raw, `truncated (${raw.length} of ${wordLen} characters for GSI-${format})`);
        else failWord(issues, lineNo, ti, raw, format === 8 && raw.length === 23 ? "GSI-16 word in a line without the leading '*'" : `too long (${raw.length} of ${wordLen} characters for GSI-${format})`);
        continue;
      }
      if (!isDigits(raw.slice(0, 2))) {
        failWord(issues, lineNo, ti, raw, 'garbled word index (positions 1–2 must be digits)');
        continue;
      }
      const info6 = raw.slice(2, 6);
      if (!/^[0-9.]{4}$/.test(info6)) {
        failWord(issues, lineNo, ti, raw, `garbled info field (positions 3–6 '${info6}')`);
        continue;
      }
      const signCh = raw[6];
      if (signCh !== '+' && signCh !== '-') {
        failWord(issues, lineNo, ti, raw, `garbled sign '${signCh}' (position 7 must be + or -)`);
        continue;
      }
      const two = raw.slice(0, 2);
      const threeDigit = THREE_DIGIT_PREFIX.has(two) && raw[2] >= '0' && raw[2] <= '9';
      const wi = Number(threeDigit ? raw.slice(0, 3) : two);
      const data = raw.slice(7);
      const unit = raw[5];
      const word: GsiWord = { index: ti + 1, raw, wi, info: info6, inputMode: raw[4], unit, sign: signCh === '-' ? -1 : 1, data, value: null, resolution_mm: null, text: null };
      if (wi === 11 || wi === 41) {
        if (!isDigits(info6)) {
          failWord(issues, lineNo, ti, raw, `garbled block number '${info6}'`);
          continue;
        }
        if (wi === 11) {
          if (/\s/.test(data) || data === '') {
            failWord(issues, lineNo, ti, raw, 'garbled point id');
            continue;
          }
          word.text = data.replace(/^0+(?=.)/, '');
        } else word.text = data;
      } else if (LENGTH_WI.has(wi)) {
        const u = LENGTH_UNITS[unit];
        if (!u) {
          failWord(issues, lineNo, ti, raw, ANGLE_UNIT_NAMES[unit] ? `${wiName(wi)} in ${ANGLE_UNIT_NAMES[unit]}; expected a length unit (position 6: 0, 1, 6, 7 or 8)` : `${wiName(wi)} has no valid unit code '${unit}' (position 6: 0, 1, 6, 7 or 8)`);
          continue;
        }
        if (!isDigits(data)) {
          failWord(issues, lineNo, ti, raw, `garbled data '${data}' for ${wiName(wi)} (digits expected)`);
          continue;
        }
        word.value = (word.sign * Number(data) * u.factor) / u.div;
        word.resolution_mm = u.res_mm;
      } else if (ANGLE_WI.has(wi)) {
        if (!ANGLE_UNIT_NAMES[unit]) {
          failWord(issues, lineNo, ti, raw, LENGTH_UNITS[unit] ? `${wiName(wi)} in ${LENGTH_UNITS[unit].name}; expected an angle unit (position 6: 2, 3, 4 or 5)` : `${wiName(wi)} has no valid unit code '${unit}' (position 6: 2, 3, 4 or 5)`);
          continue;
        }
        if (!isDigits(data)) {
          failWord(issues, lineNo, ti, raw, `garbled data '${data}' for ${wiName(wi)} (digits expected)`);
          continue;
        }
        const deg = decodeAngle(unit, Number(data));
        if (typeof deg === 'string') {
          failWord(issues, lineNo, ti, raw, deg);
          continue;
        }
        const signed = word.sign * deg;
        if (signed < 0 || signed >= 360) {
          failWord(issues, lineNo, ti, raw, `${wiName(wi)} ${signed}° outside [0, 360)`);
          continue;
        }
        word.value = signed;
      } else if (wi === 390) {
        if (!isDigits(data)) {
          failWord(issues, lineNo, ti, raw, `garbled data '${data}' for ${wiName(wi)} (digits expected)`);
          continue;
        }
        word.value = Number(data);
      } else {
        // Text words (11, 41–49, 71–79, ...) and WIs this platform does not use are kept verbatim.
        word.text = data;
      }
      words.push(word);
    }
    if (issues.length === issuesBefore) blocks.push({ line: lineNo, format, words });
  }
  return { blocks, issues };
};

/**
 * Like `tokenizeGsi` but throws one `gsi_parse_error` listing every bad line.
 *
 * @example
 *   parseGsi('*410001+00000000?......2') // one block with a line header
 */
export const parseGsi = (text: string, field?: string): GsiBlock[] => {
  const { blocks, issues } = tokenizeGsi(text);
  if (issues.length) throw lineIssuesError(field, 'gsi_parse_error', issues);
  return blocks;
};

/**
 * The first word with the given WI in a block.
 *
 * @example
 *   wordOf(block, 83)?.value
 */
export const wordOf = (block: GsiBlock, wi: number): GsiWord | undefined => block.words.find((w) => w.wi === wi);

/**
 * Method code of a line header block (`41....+?......n`), or null when the block is not one.
 *
 * @example
 *   headerMethod(parseGsi('410001+?......1')[0]) // 1
 */
export const headerMethod = (block: GsiBlock): number | null => {
  const w = block.words[0];
  if (!w || w.wi !== 41 || !w.text) return null;
  const m = /^[0.]*\?\.*(\d{1,2})$/.exec(w.text);
  return m ? Number(m[1]) : null;
};
