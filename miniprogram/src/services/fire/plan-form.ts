/**
 * The test plan form (packages/fire/pages/plan): the typed fields checked before sending, the request the API takes
 * (`projectRequest`, shared/src/fire-testing/fire.contract.ts) and the gates' refusals read back from an answer.
 */
import type { ProjectBody } from '@cityloop/shared/fire-testing/fire.contract';
import { DEFAULT_GEOFENCE_M, TEST_KINDS, type TestKind } from '@cityloop/shared/fire-testing/fire.limits';
import { isApiError } from '../api';

export type PlanForm = {
  kind: TestKind;
  name: string;
  address: string;
  use: string;
  heightM: string;
  areaM2: string;
  location: { lng: number; lat: number } | null;
  geofenceM: string;
  clientName: string;
  clientPhone: string;
  contractNo: string;
  systems: string[];
  testDate: string;
  projectLead: string;
  techLead: string;
  operators: string[];
  instruments: string[];
};

export const emptyPlan = (testDate: string): PlanForm => ({
  kind: TEST_KINDS[0],
  name: '',
  address: '',
  use: '',
  heightM: '',
  areaM2: '',
  location: null,
  geofenceM: String(DEFAULT_GEOFENCE_M),
  clientName: '',
  clientPhone: '',
  contractNo: '',
  systems: [],
  testDate,
  projectLead: '',
  techLead: '',
  operators: [],
  instruments: [],
});

/** Today in Beijing, YYYY-MM-DD (the default test date). */
export const shanghaiToday = (now: Date): string => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * Typed GCJ-02 coordinates "lng, lat" (comma, space or Chinese comma between), inside China; otherwise null.
 * @example parseCoords('113.39520，22.52810') // { lng: 113.3952, lat: 22.5281 }
 */
export function parseCoords(s: string): { lng: number; lat: number } | null {
  const m = /^\s*(\d{2,3}(?:\.\d+)?)\s*[,，\s]\s*(\d{1,2}(?:\.\d+)?)\s*$/.exec(s);
  if (!m) return null;
  const lng = Number(m[1]);
  const lat = Number(m[2]);
  return lng >= 73 && lng <= 136 && lat >= 3 && lat <= 54 ? { lng, lat } : null;
}

/** Adds or removes `v` (the chips of systems, operators, instruments). */
export const toggle = (list: readonly string[], v: string): string[] => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

const positive = (s: string) => {
  const n = Number(s.trim());
  return s.trim() !== '' && Number.isFinite(n) && n > 0 ? n : null;
};

/**
 * The request, or the first thing missing in Chinese (the server checks the same and the gates besides).
 * @example planBody({ ...emptyPlan('2026-12-08'), name: '' }) // { error: '请填写建筑名称' }
 */
export function planBody(f: PlanForm): { body: ProjectBody } | { error: string } {
  if (f.name.trim().length < 2) return { error: '请填写建筑名称' };
  if (f.address.trim().length < 4) return { error: '请填写建筑地址' };
  if (f.use.trim().length < 2) return { error: '请填写使用性质，如 商业、住宅、办公' };
  const heightM = positive(f.heightM);
  if (heightM === null || heightM > 700) return { error: '建筑高度应为大于 0 的米数' };
  const areaM2 = positive(f.areaM2);
  if (areaM2 === null || areaM2 > 5_000_000) return { error: '建筑面积应为大于 0 的平方米数' };
  if (!f.location) return { error: '请定位建筑位置（签到范围以此为中心）' };
  const geofenceM = Number(f.geofenceM.trim());
  if (!Number.isInteger(geofenceM) || geofenceM < 50 || geofenceM > 1000) return { error: '签到范围半径应为 50–1000 米的整数' };
  if (f.clientName.trim().length < 2) return { error: '请填写委托单位' };
  const phone = f.clientPhone.trim();
  if (phone && !/^1\d{10}$/.test(phone)) return { error: '委托单位联系电话应为 11 位手机号' };
  if (f.contractNo.trim().length < 2) return { error: '请填写合同编号' };
  if (!f.systems.length) return { error: '请选择检测的系统' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.testDate.trim())) return { error: '检测日期格式应为 YYYY-MM-DD' };
  if (!f.projectLead) return { error: '请选择项目负责人' };
  if (!f.techLead) return { error: '请选择技术负责人' };
  if (!f.operators.length) return { error: '请至少安排 1 名消防设施操作员' };
  if (!f.instruments.length) return { error: '请至少选择 1 台检测仪器' };
  return {
    body: {
      kind: f.kind,
      building: { name: f.name.trim(), address: f.address.trim(), use: f.use.trim(), heightM, areaM2, location: { lng: f.location.lng, lat: f.location.lat }, geofenceM },
      client: { name: f.clientName.trim(), ...(phone ? { phone } : {}) },
      contractNo: f.contractNo.trim(),
      systems: f.systems as ProjectBody['systems'],
      testDate: f.testDate.trim(),
      team: { projectLead: f.projectLead, techLead: f.techLead, operators: f.operators },
      instruments: f.instruments,
    },
  };
}

export type PlanRefusal = { code: string; message: string; personId?: string; instrumentId?: string };

/** The gates' refusals of a refused plan (each names its person or instrument); [] for any other error. */
export function planRefusals(e: unknown): PlanRefusal[] {
  if (!isApiError(e)) return [];
  const rs = (e.data as { refusals?: unknown } | undefined)?.refusals;
  return Array.isArray(rs) ? rs.filter((r): r is PlanRefusal => !!r && typeof (r as PlanRefusal).message === 'string') : [];
}
