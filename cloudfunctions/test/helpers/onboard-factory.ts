import type { RoleBinding } from '@cityloop/shared/identity/roles';
import * as XLSX from '@e965/xlsx';
import type { TestSystem } from './test-system';

/** The people of an onboarding: a monitoring unit's member (no project yet), regulators, a bystander. */
export type OnboardPeople = Record<'monitor' | 'townRegulator' | 'otherTownRegulator' | 'cityRegulator' | 'citizen' | 'otherMonitor', { id: string; token: string }>;

/** Two towns of Dongguan in the directory (a project names its town) and the people who onboard pits there. */
export async function onboardPeople(sys: TestSystem): Promise<OnboardPeople> {
  await sys.db.collection<{ _id: string }>('regions').insertMany([
    { _id: 'dongguan', kind: 'city', name: '东莞市', parentId: null },
    { _id: 'nancheng', kind: 'town', name: '南城街道', parentId: 'dongguan' },
    { _id: 'dongcheng', kind: 'town', name: '东城街道', parentId: 'dongguan' },
  ] as never[]);
  await sys.db.collection<{ _id: string }>('orgs').insertOne({ _id: 'org-monitor-t', kind: 'company', name: '测试监测公司' } as never);
  const u = (name: string, roles: RoleBinding[]) => sys.user(name, roles);
  return {
    monitor: await u('孙监测', [{ role: 'monitor', cityId: 'dongguan', orgId: 'org-monitor-t' }]),
    otherMonitor: await u('钱监测', [{ role: 'monitor', cityId: 'zhongshan', orgId: 'org-monitor-z' }]),
    townRegulator: await u('陈监管', [{ role: 'regulator', level: 'town', cityId: 'dongguan', townId: 'nancheng' }]),
    otherTownRegulator: await u('黄监管', [{ role: 'regulator', level: 'town', cityId: 'dongguan', townId: 'dongcheng' }]),
    cityRegulator: await u('王监管', [{ role: 'regulator', level: 'city', cityId: 'dongguan' }]),
    citizen: await u('张三', []),
  };
}

export const NEW_PIT = { name: '鸿福路综合体基坑', address: '东莞市南城街道鸿福路100号', location: { lng: 113.75, lat: 23.01 }, safetyLevel: 1, depthM: 12, supportType: 'pile', cityId: 'dongguan', townId: 'nancheng' };

/** A workbook of one sheet from rows (`{ f: '…' }` cells are formulas), as xlsx bytes. */
export function xlsxBytes(rows: unknown[][]): Buffer {
  const ws = XLSX.utils.aoa_to_sheet(rows);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '测点');
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

export const POINT_HEADER = ['code', 'item', 'name', 'initial_m', 'pipe_top_m', 'initial_e', 'initial_n', 'azimuth_deg', 'K', 'f0', 'T0', 'B', 'initial_reading', 'capacity_kN'];

/** `n` wall-top settlement points plus one of each other kind: a realistic point table. */
export function pointRows(n: number): unknown[][] {
  const rows: unknown[][] = [POINT_HEADER];
  for (let i = 1; i <= n; i++) rows.push([`ZQS${i}`, 'wallTopVertical', `墙顶沉降${i}`, 99.5 + i / 100]);
  rows.push(['SW1', '地下水位', '', 96.7, 100.2]);
  rows.push(['ZL1', 'strutForce', '第一道支撑', null, null, null, null, null, 0.12, 820, 24, 0.05, null, 6000]);
  rows.push(['CX1', 'deepHorizontal', '测斜孔']);
  rows.push(['ZQP1', 'wallTopHorizontal', '墙顶水平位移', 100.1, null, 2000.123, 3000.456, 135.5]);
  return rows;
}

/** Posts a point file to the import route (the ingest function). */
export async function importFile(sys: TestSystem, token: string, projectId: string, bytes: Buffer, fileName: string, version: number) {
  return sys.call('POST', `/api/ingest/pit/projects/${projectId}/points/import`, { token, body: { fileName, contentBase64: bytes.toString('base64'), version } });
}
