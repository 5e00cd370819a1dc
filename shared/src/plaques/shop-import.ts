import { FORMULA_MESSAGE, looksLikeFormula, parseCsv } from '../city/csv.parse';
import { CHINA_BOUNDS, type ImportError } from '../city/facility-import';
import type { LngLat } from '../city/point-in-polygon';
import { haversineMeters } from '../city/geo';
import { parseDuties, type Duty } from './duties';

export type { ImportError };

/** A shop's 门前三包 responsibility zone: frontage × depth in metres, and the drawn polygon when one was given. */
export type FrontageZone = { frontageM: number; depthM: number; polygon?: LngLat[] };

/** One valid CSV row, ready to be placed (grid, town) and written. */
export type ShopInput = {
  /** the spreadsheet line of the row (header = 1) */
  row: number;
  /** 营业执照号 / 统一社会信用代码, upper case without spaces */
  licenceNo: string;
  name: string;
  address: string;
  lng: number;
  lat: number;
  gridId?: string;
  owner: { name: string; phone: string };
  zone: FrontageZone;
  /** empty = the town's duties */
  duties: Duty[];
};

export type ShopImportResult = { rows: ShopInput[]; errors: ImportError[] };

/** The CSV header, in the documented order. */
export const SHOP_CSV_COLUMNS = ['licenceNo', 'name', 'address', 'lng', 'lat', 'ownerName', 'ownerPhone', 'gridId', 'frontageM', 'depthM', 'zonePolygon', 'duties'] as const;
type Column = (typeof SHOP_CSV_COLUMNS)[number];
const REQUIRED: Column[] = ['licenceNo', 'name', 'address', 'lng', 'lat', 'ownerName', 'ownerPhone'];

/** Chinese headers a town's own spreadsheet may already use. */
const ALIASES: Record<string, Column> = {
  营业执照号: 'licenceNo',
  统一社会信用代码: 'licenceNo',
  店名: 'name',
  商户名称: 'name',
  地址: 'address',
  经度: 'lng',
  纬度: 'lat',
  负责人: 'ownerName',
  负责人手机: 'ownerPhone',
  手机: 'ownerPhone',
  网格: 'gridId',
  门前长度: 'frontageM',
  进深: 'depthM',
  责任区范围: 'zonePolygon',
  责任: 'duties',
  门前三包责任: 'duties',
};

export const MAX_SHOP_ROWS = 2000;
const MAX_NAME = 100;
const MAX_ADDRESS = 200;
const MAX_PERSON = 40;
const MAX_REF = 64;
export const MAX_FRONTAGE_M = 500;
export const MAX_DEPTH_M = 100;
/** Every vertex of a drawn zone lies this close to the shop's own point. */
export const MAX_ZONE_DISTANCE_M = 300;

/**
 * 营业执照号: the 18-character 统一社会信用代码 or an older registration number. Letters are upper-cased and
 * spaces dropped; the check digit is not enforced (old numbers have none, and a typo is caught by the
 * duplicate and owner checks on site).
 */
export function normalizeLicence(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}
const LICENCE = /^[0-9A-Z-]{8,30}$/;

/**
 * A mainland mobile number (SMS goes to it): spaces, dashes and a +86/86 prefix are dropped.
 * @example normalizeMobile('+86 139-1111-2222') // '13911112222'
 */
export function normalizeMobile(s: string): string | null {
  const d = s.replace(/[\s-]+/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  return /^1[3-9]\d{9}$/.test(d) ? d : null;
}

/**
 * Parses a zone drawn as `lng lat;lng lat;…` (GCJ-02, at least 3 corners, the closing corner optional).
 * @example parseZonePolygon('113.7 23.0;113.7001 23.0;113.7001 23.00004') // [{ lng: 113.7, lat: 23 }, …]
 */
export function parseZonePolygon(cell: string): LngLat[] | string {
  const parts = cell.split(/[;；]/).map((p) => p.trim()).filter(Boolean);
  const pts: LngLat[] = [];
  for (const p of parts) {
    const xy = p.split(/[\s,，]+/).filter(Boolean).map(Number);
    if (xy.length !== 2 || !xy.every(Number.isFinite)) return `无法识别的顶点“${p}”，应为“经度 纬度”，顶点之间用分号分隔`;
    const [lng, lat] = xy;
    if (lng < CHINA_BOUNDS.minLng || lng > CHINA_BOUNDS.maxLng || lat < CHINA_BOUNDS.minLat || lat > CHINA_BOUNDS.maxLat) return `顶点（${lng}, ${lat}）不在中国境内`;
    pts.push({ lng, lat });
  }
  if (pts.length > 3 && pts[0].lng === pts.at(-1)!.lng && pts[0].lat === pts.at(-1)!.lat) pts.pop();
  if (pts.length < 3) return '责任区范围至少需要 3 个顶点';
  if (pts.length > 50) return '责任区范围最多 50 个顶点';
  return pts;
}

/**
 * Frontage × depth of a drawn zone: the sides of its minimum-area bounding rectangle (tried along every
 * edge), longer side = frontage, in metres to 0.1 m, with the polygon's own area. Local equirectangular
 * projection: a zone is tens of metres across.
 * @example zoneSize([{ lng: 113, lat: 23 }, { lng: 113.0001, lat: 23 }, { lng: 113.0001, lat: 23.00004 }, { lng: 113, lat: 23.00004 }]) // { frontageM: 10.2, depthM: 4.4, areaM2: ≈45 }
 */
export function zoneSize(polygon: readonly LngLat[]): { frontageM: number; depthM: number; areaM2: number } {
  const lat0 = (polygon[0].lat * Math.PI) / 180;
  const kx = 111_320 * Math.cos(lat0);
  const ky = 110_574;
  const xy = polygon.map((p) => [(p.lng - polygon[0].lng) * kx, (p.lat - polygon[0].lat) * ky] as const);
  let area = 0;
  for (let i = 0; i < xy.length; i++) {
    const [x1, y1] = xy[i];
    const [x2, y2] = xy[(i + 1) % xy.length];
    area += x1 * y2 - x2 * y1;
  }
  let best = { w: 0, h: 0, a: Infinity };
  for (let i = 0; i < xy.length; i++) {
    const [x1, y1] = xy[i];
    const [x2, y2] = xy[(i + 1) % xy.length];
    const len = Math.hypot(x2 - x1, y2 - y1);
    if (len === 0) continue;
    const c = (x2 - x1) / len;
    const s = (y2 - y1) / len;
    let minU = Infinity, maxU = -Infinity, minV = Infinity, maxV = -Infinity;
    for (const [x, y] of xy) {
      const u = x * c + y * s;
      const v = -x * s + y * c;
      minU = Math.min(minU, u); maxU = Math.max(maxU, u);
      minV = Math.min(minV, v); maxV = Math.max(maxV, v);
    }
    const w = maxU - minU;
    const h = maxV - minV;
    if (w * h < best.a) best = { w, h, a: w * h };
  }
  const r = (m: number) => Math.round(m * 10) / 10;
  return { frontageM: r(Math.max(best.w, best.h)), depthM: r(Math.min(best.w, best.h)), areaM2: Math.abs(area) / 2 };
}

/**
 * Parses shops from CSV with the header `licenceNo,name,address,lng,lat,ownerName,ownerPhone[,gridId,
 * frontageM,depthM,zonePolygon,duties]` (any order, names case-insensitive or the Chinese headers in
 * ALIASES, extra columns ignored). Each row needs a zone: `frontageM` and `depthM`, or `zonePolygon`
 * (then frontage and depth are measured from it unless given); a file without either is refused with that
 * error and each row's own errors. Valid rows (with their line) and per-row
 * errors (Chinese, for the person who fixes the file) are both returned; importing all-or-nothing is the
 * caller's choice. Duplicate licence numbers inside the file are errors on the later rows.
 * @example parseShopsCsv('licenceNo,name,address,lng,lat,ownerName,ownerPhone,frontageM,depthM\n91441900MA5X0001,老王烧腊店,鸿福路12号,113.745,23.004,王五,13911112222,8,4').rows[0].zone // { frontageM: 8, depthM: 4 }
 */
export function parseShopsCsv(text: string): ShopImportResult {
  const lines = parseCsv(text);
  if (lines.length === 0) return { rows: [], errors: [{ row: 1, field: 'header', message: '文件为空' }] };
  const col = new Map<Column, number>();
  lines[0].cells.forEach((h, i) => {
    const key = h.trim();
    const name = SHOP_CSV_COLUMNS.find((c) => c.toLowerCase() === key.toLowerCase()) ?? ALIASES[key];
    if (name && !col.has(name)) col.set(name, i);
  });
  const headerLine = lines[0].line;
  const absent = REQUIRED.filter((c) => !col.has(c));
  const errors: ImportError[] = absent.map((c) => ({ row: headerLine, field: c, message: `缺少列“${c}”` }));
  // the zone is required too; without its columns the rows are still checked, so one answer lists everything to fix
  const noZone = !col.has('zonePolygon') && !(col.has('frontageM') && col.has('depthM'));
  if (noZone) errors.push({ row: headerLine, field: 'frontageM', message: '缺少责任区：需要“frontageM”和“depthM”两列（门前长度、进深，米），或“zonePolygon”列' });
  if (absent.length) return { rows: [], errors };
  const body = lines.slice(1).filter((l) => l.cells.some((c) => c.trim() !== ''));
  if (body.length > MAX_SHOP_ROWS) return { rows: [], errors: [{ row: 0, field: 'file', message: `一次最多导入 ${MAX_SHOP_ROWS} 个商户，本文件有 ${body.length} 行，请分批导入` }] };

  const rows: ShopInput[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of body) {
    const before = errors.length;
    const fail = (field: string, message: string) => void errors.push({ row: line, field, message });
    const cell = (c: Column) => (col.has(c) ? (cells[col.get(c)!] ?? '').trim() : '');
    const text = (c: Column, max: number, required: boolean, label: string): string | undefined => {
      const s = cell(c);
      if (s === '') return required ? (fail(c, `${label}不能为空`), undefined) : undefined;
      if (s.length > max) return fail(c, `${label}不能超过 ${max} 个字符`), undefined;
      if (c !== 'ownerPhone' && looksLikeFormula(s)) return fail(c, `${label}${FORMULA_MESSAGE}`), undefined; // phones are stored as digits
      return s;
    };
    const number = (c: Column, label: string, min: number, max: number, minInclusive: boolean): number | undefined => {
      const s = cell(c);
      const n = s === '' ? NaN : Number(s);
      if (!Number.isFinite(n)) return fail(c, `${label}应为数字（当前：“${s}”）`), undefined;
      if ((minInclusive ? n < min : n <= min) || n > max) return fail(c, `${label} ${n} 超出范围（${min}–${max}）`), undefined;
      return n;
    };

    const rawLicence = text('licenceNo', MAX_REF, true, '营业执照号');
    const licenceNo = rawLicence === undefined ? undefined : normalizeLicence(rawLicence);
    if (licenceNo !== undefined && !LICENCE.test(licenceNo)) fail('licenceNo', `营业执照号“${rawLicence}”格式不正确（应为 18 位统一社会信用代码）`);
    const name = text('name', MAX_NAME, true, '店名');
    const address = text('address', MAX_ADDRESS, true, '地址');
    const lng = number('lng', '经度', CHINA_BOUNDS.minLng, CHINA_BOUNDS.maxLng, true);
    const lat = number('lat', '纬度', CHINA_BOUNDS.minLat, CHINA_BOUNDS.maxLat, true);
    const ownerName = text('ownerName', MAX_PERSON, true, '负责人姓名');
    const rawPhone = text('ownerPhone', MAX_REF, true, '负责人手机号');
    const phone = rawPhone === undefined ? undefined : normalizeMobile(rawPhone);
    if (rawPhone !== undefined && !phone) fail('ownerPhone', `负责人手机号“${rawPhone}”不是 11 位手机号码（投诉短信发到这个号码）`);
    const gridId = text('gridId', MAX_REF, false, '网格编号');

    let zone: FrontageZone | undefined;
    const polygonCell = noZone ? '' : cell('zonePolygon');
    const hasSize = cell('frontageM') !== '' || cell('depthM') !== '';
    let frontageM: number | undefined;
    let depthM: number | undefined;
    // without zone columns that is reported once for the file (above), not on every row
    if (!noZone && (hasSize || polygonCell === '')) {
      frontageM = number('frontageM', '门前长度（米）', 0, MAX_FRONTAGE_M, false);
      depthM = number('depthM', '进深（米）', 0, MAX_DEPTH_M, false);
    }
    if (polygonCell !== '') {
      const polygon = parseZonePolygon(polygonCell);
      if (typeof polygon === 'string') fail('zonePolygon', polygon);
      else {
        const size = zoneSize(polygon);
        const far = lng !== undefined && lat !== undefined ? polygon.find((p) => haversineMeters(p, { lng, lat }) > MAX_ZONE_DISTANCE_M) : undefined;
        if (far) fail('zonePolygon', `责任区顶点（${far.lng}, ${far.lat}）距商户位置超过 ${MAX_ZONE_DISTANCE_M} 米，请核对坐标`);
        else if (size.areaM2 < 1) fail('zonePolygon', '责任区范围的面积为零（顶点共线或重复）');
        else if (size.frontageM > MAX_FRONTAGE_M || size.depthM > MAX_DEPTH_M) fail('zonePolygon', `责任区过大（${size.frontageM} × ${size.depthM} 米）`);
        else if (!hasSize) zone = { frontageM: size.frontageM, depthM: size.depthM, polygon };
        else if (frontageM !== undefined && depthM !== undefined) zone = { frontageM, depthM, polygon };
      }
    } else if (frontageM !== undefined && depthM !== undefined) zone = { frontageM, depthM };

    const { duties, unknown } = parseDuties(cell('duties'));
    if (unknown.length) fail('duties', `无法识别的门前三包责任“${unknown.join('、')}”（可填：包卫生、包秩序、包绿化）`);

    if (licenceNo !== undefined && LICENCE.test(licenceNo)) {
      const first = seen.get(licenceNo);
      if (first !== undefined) fail('licenceNo', `营业执照号 ${licenceNo} 与第 ${first} 行重复`);
      else seen.set(licenceNo, line);
    }
    if (errors.length > before || !zone) continue;
    const shop: ShopInput = { row: line, licenceNo: licenceNo!, name: name!, address: address!, lng: lng!, lat: lat!, owner: { name: ownerName!, phone: phone! }, zone, duties };
    if (gridId) shop.gridId = gridId;
    rows.push(shop);
  }
  return { rows, errors };
}
