import { SEED_CLASS_TABLE, type ClassTable } from './classes';
import { parseComponentId } from './component-id';
import { FORMULA_MESSAGE, looksLikeFormula, parseCsv } from './csv.parse';
import { isDomainError } from '../errors';

/** One facility ready to be written (a 部件 with its 16-digit id and GCJ-02 position). */
export type FacilityInput = {
  componentId: string;
  name: string;
  /** 大类 + 小类 of the component class; always equals componentId[6..10] */
  classCode: string;
  /** GB/T 2260 county of the id */
  countyCode: string;
  lng: number;
  lat: number;
  gridId?: string;
  unitId?: string;
  address?: string;
};

/** One problem: `row` is the spreadsheet row (header = 1) or the GeoJSON feature number (from 1). */
export type ImportError = { row: number; field: string; message: string };

/** Valid rows and the problems of the others; importing all-or-nothing is the caller's choice. */
export type ImportResult = { rows: FacilityInput[]; errors: ImportError[] };

/**
 * GCJ-02 coordinates are defined inside China only; this is the bounding box the usual
 * WGS-84 ⇄ GCJ-02 converters treat as "in China" (lng 72.004–137.8347, lat 0.8293–55.8271).
 */
export const CHINA_BOUNDS = { minLng: 72.004, maxLng: 137.8347, minLat: 0.8293, maxLat: 55.8271 } as const;

/** The CSV header, in the documented order; the first five are required. */
export const CSV_COLUMNS = ['componentId', 'name', 'classCode', 'lng', 'lat', 'gridId', 'unitId', 'address'] as const;
const REQUIRED = ['componentId', 'name', 'classCode', 'lng', 'lat'] as const;
const MAX_NAME = 100;
const MAX_ADDRESS = 200;
const MAX_REF = 64;

type Raw = Partial<Record<(typeof CSV_COLUMNS)[number], unknown>>;

/**
 * Parses facilities from CSV with the header `componentId,name,classCode,lng,lat[,gridId,unitId,address]`
 * (any column order, names case-insensitive, extra columns ignored). Valid rows and per-row errors
 * are both returned; whether to import anything when there are errors is the caller's decision.
 * @example parseFacilitiesCsv('componentId,name,classCode,lng,lat\n4419000101000001,莞城上水井盖1,0101,113.75,23.02').rows[0].countyCode // '441900'
 */
export function parseFacilitiesCsv(text: string, classes: ClassTable = SEED_CLASS_TABLE): ImportResult {
  const lines = parseCsv(text);
  if (lines.length === 0) return { rows: [], errors: [{ row: 1, field: 'header', message: '文件为空' }] };
  const header = lines[0].cells.map((h) => h.trim().toLowerCase());
  const col = new Map<string, number>();
  for (const name of CSV_COLUMNS) {
    const i = header.indexOf(name.toLowerCase());
    if (i >= 0) col.set(name, i);
  }
  const absent = REQUIRED.filter((c) => !col.has(c));
  if (absent.length) return { rows: [], errors: absent.map((c) => ({ row: lines[0].line, field: c, message: `缺少列“${c}”` })) };
  const v = new Validator(classes);
  for (let r = 1; r < lines.length; r++) {
    const { line, cells } = lines[r];
    if (cells.every((c) => c.trim() === '')) continue;
    const raw: Raw = {};
    for (const [name, i] of col) raw[name as keyof Raw] = cells[i];
    v.add(line, raw);
  }
  return v.result();
}

/**
 * Parses facilities from a GeoJSON FeatureCollection of Points (`[lng, lat]` in GCJ-02) whose
 * properties carry componentId, name, classCode and optionally gridId, unitId, address.
 * @example parseFacilitiesGeoJson({ type: 'FeatureCollection', features: [] }) // { rows: [], errors: [] }
 */
export function parseFacilitiesGeoJson(input: string | unknown, classes: ClassTable = SEED_CLASS_TABLE): ImportResult {
  let doc: unknown = input;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input);
    } catch {
      return { rows: [], errors: [{ row: 0, field: 'file', message: '不是有效的 JSON 文件' }] };
    }
  }
  const fc = doc as { type?: unknown; features?: unknown };
  if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    return { rows: [], errors: [{ row: 0, field: 'file', message: '应为 GeoJSON FeatureCollection' }] };
  }
  const v = new Validator(classes);
  fc.features.forEach((f: unknown, i: number) => {
    const row = i + 1;
    const feature = f as { type?: unknown; geometry?: { type?: unknown; coordinates?: unknown } | null; properties?: Record<string, unknown> | null };
    if (!feature || feature.type !== 'Feature') return v.fail(row, 'feature', '不是 GeoJSON Feature');
    const g = feature.geometry;
    if (!g || g.type !== 'Point' || !Array.isArray(g.coordinates) || g.coordinates.length < 2) return v.fail(row, 'geometry', '几何类型应为 Point [经度, 纬度]');
    const p = feature.properties ?? {};
    v.add(row, { ...pick(p), lng: g.coordinates[0], lat: g.coordinates[1] });
  });
  return v.result();
}

const pick = (p: Record<string, unknown>): Raw => ({
  componentId: p.componentId,
  name: p.name,
  classCode: p.classCode,
  gridId: p.gridId,
  unitId: p.unitId,
  address: p.address,
});

class Validator {
  private readonly rows: FacilityInput[] = [];
  private readonly errors: ImportError[] = [];
  private readonly seen = new Map<string, number>();

  constructor(private readonly classes: ClassTable) {}

  fail(row: number, field: string, message: string): void {
    this.errors.push({ row, field, message });
  }

  add(row: number, raw: Raw): void {
    const before = this.errors.length;
    const text = (field: keyof Raw, max: number, required: boolean): string | undefined => {
      const value = raw[field];
      const s = value === undefined || value === null ? '' : typeof value === 'string' || typeof value === 'number' ? String(value).trim() : null;
      if (s === null) return this.fail(row, field, '应为文本'), undefined;
      if (s === '') return required ? (this.fail(row, field, '不能为空'), undefined) : undefined;
      if (s.length > max) return this.fail(row, field, `不能超过 ${max} 个字符`), undefined;
      if (looksLikeFormula(s)) return this.fail(row, field, FORMULA_MESSAGE), undefined;
      return s;
    };
    const componentId = text('componentId', MAX_REF, true)?.replace(/\s+/g, '');
    const name = text('name', MAX_NAME, true);
    const classCode = text('classCode', MAX_REF, true);
    const gridId = text('gridId', MAX_REF, false);
    const unitId = text('unitId', MAX_REF, false);
    const address = text('address', MAX_ADDRESS, false);
    const lng = this.coordinate(row, 'lng', raw.lng, CHINA_BOUNDS.minLng, CHINA_BOUNDS.maxLng, '经度');
    const lat = this.coordinate(row, 'lat', raw.lat, CHINA_BOUNDS.minLat, CHINA_BOUNDS.maxLat, '纬度');

    let countyCode: string | undefined;
    if (componentId) {
      try {
        const parts = parseComponentId(componentId, this.classes);
        countyCode = parts.countyCode;
        if (classCode && classCode !== parts.classCode) this.fail(row, 'classCode', `小类编码 ${classCode} 与部件标识码中的 ${parts.classCode} 不一致`);
      } catch (e) {
        if (!isDomainError(e)) throw e;
        this.fail(row, 'componentId', e.message);
      }
      const first = this.seen.get(componentId);
      if (first !== undefined) this.fail(row, 'componentId', `与第 ${first} 行的部件标识码重复`);
      else this.seen.set(componentId, row);
    }
    if (this.errors.length > before) return;
    const f: FacilityInput = { componentId: componentId!, name: name!, classCode: classCode!, countyCode: countyCode!, lng: lng!, lat: lat! };
    if (gridId) f.gridId = gridId;
    if (unitId) f.unitId = unitId;
    if (address) f.address = address;
    this.rows.push(f);
  }

  private coordinate(row: number, field: string, value: unknown, min: number, max: number, label: string): number | undefined {
    const s = typeof value === 'string' ? value.trim() : value;
    const n = typeof s === 'number' ? s : typeof s === 'string' && s !== '' ? Number(s) : NaN;
    if (!Number.isFinite(n)) return this.fail(row, field, `${label}应为数字`), undefined;
    if (n < min || n > max) return this.fail(row, field, `${label} ${n} 不在中国境内（GCJ-02 范围 ${min}–${max}）`), undefined;
    return n;
  }

  result(): ImportResult {
    return { rows: this.rows, errors: this.errors };
  }
}
