/**
 * Every parser of untrusted text in shared/ with valid seed inputs, for the in-process fuzzer. A parser may
 * refuse input only with our typed DomainError; anything else escaping it is a crash.
 */
import { parseGsi, tokenizeGsi } from '@cityloop/shared/pit/gsi.parse';
import { readGsiLeveling } from '@cityloop/shared/pit/gsi-level.read';
import { readGsiTotalStation } from '@cityloop/shared/pit/gsi-tps.read';
import { readDiniLeveling, tokenizeDini } from '@cityloop/shared/pit/dini.parse';
import { parseInclinometerCsv } from '@cityloop/shared/pit/inclinometer-csv.parse';
import { parseCsvRows } from '@cityloop/shared/pit/domain/csv-rows.parse';
import { parsePointGrid } from '@cityloop/shared/pit/point-import';
import { parseOpen311Post, parseOpen311ListQuery } from '@cityloop/shared/city/open311.parse';
import { parseFacilitiesCsv, parseFacilitiesGeoJson } from '@cityloop/shared/city/facility-import';
import { parseShopsCsv, parseZonePolygon } from '@cityloop/shared/plaques/shop-import';
import { parseCsv } from '@cityloop/shared/city/csv.parse';
import { parseTimeMs } from '@cityloop/shared/pit/time.parse';
import { AUTODESK_TPS_GSI8, DINI_BF_LOOP, DINI_BFFB_LOOP, DNA03_GSI16_SAMPLE, GSI16_BFFB_LOOP, GSI8_BF_LOOP, TPS_GSI8_SETUP } from '@cityloop/shared/pit/pit.fixtures';
import { inclinometerFile, inclinometerInitial, inclinometerInitialFile, vwFile, waterFile } from '../../cloudfunctions/dev/seed/pit-demo-files';

export type Parser = { name: string; seeds: string[]; parse: (text: string) => unknown };

const lines = (x: string | readonly string[]) => (Array.isArray(x) ? x.join('\r\n') : (x as string));
const init = inclinometerInitial(7);
const at = Date.UTC(2026, 0, 5, 1);
const INCLINO = [inclinometerFile('CX1', init, 3.2, at, 3), inclinometerInitialFile('CX1', init, at), `# hole=CX2; L=0.5; unit=sin; time=2024-05-10T09:00\r\n\r\nDepth,A+,A-\r\n# comment\r\n0.5,0.001,-0.0005\r\n`, '# hole=CX3; L=0.5; unit=digits; factor=0.02; time=2024-05-10\ndepth_m,A0,A180\n0.5,22,-8\n'];
const FACILITIES_CSV = ['componentId,name,classCode,lng,lat,gridId,unitId,address', '4419000101000001,运河东一路上水井盖,0101,113.7512,23.0211,g-001,water,"莞城街道运河东一路 12 号, 东侧"', '4419000105000001,路灯 A-01,0105,113.7520,23.0215,,,', ''].join('\r\n');
const GEOJSON = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [113.7512, 23.0211] }, properties: { componentId: '4419000101000001', name: '井盖', classCode: '0101' } }] });
const SHOPS_CSV = ['licenceNo,name,address,lng,lat,ownerName,ownerPhone,gridId,frontageM,depthM,zonePolygon,duties', '91441900ma5x00001,老王烧腊店,"南城街道鸿福路 12 号, 东侧",113.7452,23.0041,王五,+86 139-1111-2222,g-a,8,4,,包卫生、包秩序', '91441900MA5X00002,鸿福便利店,鸿福路 14 号,113.7455,23.0042,李四,13800000002,,,,113.7454 23.0041;113.7455 23.0041;113.7455 23.00414;113.7454 23.00414,', ''].join('\r\n');
const POINTS = 'code,item,name,initial_m,azimuth_deg,initial_e,initial_n\nZQS1,wallTopVertical,冠顶1,99.81,,,\nZQS2,wallTopHorizontal,冠顶2,,45,500.1,300.2\nDB1,周边地表竖向位移,,99.6,,,';
// Open311 form bodies as urlencoded text (the route reads a form): parsed into fields, then by the parser.
const OPEN311 = ['service_code=E0104&lat=23.021&long=113.751&description=%E8%B7%AF%E9%9D%A2%E6%B2%B9%E6%B1%A1&media_url=https%3A%2F%2Fcdn.example.cn%2Fp%2F1.jpg&email=a%40example.cn&attribute%5Bchannel%5D=scan', 'service_code=C0101&address_string=%E8%BF%90%E6%B2%B3%E4%B8%9C%E4%B8%80%E8%B7%AF', 'service_code=C0101&address_id=addr-9'];
const OPEN311_QUERY = ['service_request_id=cs_1,cs_2&status=open&start_date=2026-01-01T00:00:00Z&end_date=2026-01-20T00:00:00Z', 'service_code=E0104&page=2'];
const form = (text: string) => {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
};

export const PARSERS: Parser[] = [
  { name: 'gsi (tokenize + parse)', seeds: [DNA03_GSI16_SAMPLE, GSI16_BFFB_LOOP, GSI8_BF_LOOP, AUTODESK_TPS_GSI8, TPS_GSI8_SETUP], parse: (t) => { tokenizeGsi(t); return parseGsi(t, 'raw.text'); } },
  { name: 'gsi leveling (DNA03)', seeds: [DNA03_GSI16_SAMPLE, GSI16_BFFB_LOOP, GSI8_BF_LOOP], parse: (t) => readGsiLeveling(t, 'raw.text') },
  { name: 'gsi total station', seeds: [AUTODESK_TPS_GSI8, TPS_GSI8_SETUP], parse: (t) => readGsiTotalStation(t, 'raw.text') },
  { name: 'dini leveling', seeds: [lines(DINI_BF_LOOP), lines(DINI_BFFB_LOOP)], parse: (t) => { tokenizeDini(t); return readDiniLeveling(t, 'raw.text'); } },
  { name: 'inclinometer csv', seeds: INCLINO, parse: (t) => parseInclinometerCsv(t, 'raw.text') },
  { name: 'vw csv', seeds: [vwFile([{ code: 'ZL1', freqHz: 812.4, tempC: 21.5 }, { code: 'ZL2', freqHz: 790.1, tempC: 21.4 }], at)], parse: (t) => parseCsvRows(t, { id: 'sensor_id', numeric: ['freq_hz'], optional: ['temp_c'] }, 'vw_csv_error') },
  { name: 'water csv', seeds: [waterFile([{ code: 'SW1', depthM: 3.21 }, { code: 'SW2', depthM: 2.9 }], at)], parse: (t) => parseCsvRows(t, { id: 'well_id', numeric: ['depth_m'] }, 'water_csv_error') },
  { name: 'total-station csv', seeds: ['point,time,E,N,H\nZQS2,2026-01-05T09:00:00+08:00,500.1023,300.2011,12.3\nZQS3,2026-01-05 09:00,501.0,301.0,\n'], parse: (t) => parseCsvRows(t, { id: 'point', numeric: ['E', 'N'], optional: ['H'] }, 'tps_csv_error') },
  { name: 'tilt csv', seeds: ['point,time,tilt_x_mm_per_m,tilt_y_mm_per_m\nQX1,2026-01-05 09:00,0.12,-0.3\n'], parse: (t) => parseCsvRows(t, { id: 'point', numeric: ['tilt_x_mm_per_m', 'tilt_y_mm_per_m'] }, 'tilt_csv_error') },
  { name: 'crack csv + reading time', seeds: ['point,time,width_mm\nLF1,2026-01-05T09:00:00Z,0.35\n'], parse: (t) => { parseCsvRows(t, { id: 'point', numeric: ['width_mm'] }, 'crack_csv_error'); return parseTimeMs(t.split('\n')[1]?.split(',')[1] ?? ''); } },
  { name: 'point import grid', seeds: [POINTS], parse: (t) => parsePointGrid(parseCsv(t).map((r) => r.cells.map((v) => ({ v: /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v })))) },
  { name: 'open311 form (POST)', seeds: OPEN311, parse: (t) => parseOpen311Post(form(t)) },
  { name: 'open311 list query', seeds: OPEN311_QUERY, parse: (t) => parseOpen311ListQuery(form(t), new Date(Date.UTC(2026, 0, 20))) },
  { name: 'facility import csv', seeds: [FACILITIES_CSV], parse: (t) => parseFacilitiesCsv(t) },
  { name: 'facility import geojson', seeds: [GEOJSON], parse: (t) => parseFacilitiesGeoJson(t) },
  { name: 'shop import csv', seeds: [SHOPS_CSV], parse: (t) => { parseZonePolygon(t.split('\n')[2]?.split(',')[10] ?? ''); return parseShopsCsv(t); } },
];
