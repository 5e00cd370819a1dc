import type { RoleBinding } from '@cityloop/shared/identity/roles';

/**
 * The second demo city: Zhongshan (中山市), whose system is the 门前三包 responsibility plaque — the demo shops
 * stand here, on 孙文西路 in grid sq-01. Two towns with boundaries, four grids, units and their routing rows,
 * an admin, regulators, two area chiefs (片长) and a unit. Polygons GCJ-02, `[{lng, lat}]`, rings open (the
 * stored form; GeoJSON imports close them).
 */
export const ZS = 'zhongshan';
const box = (lng: number, lat: number, d = 0.01) => [
  { lng, lat },
  { lng: +(lng + d).toFixed(6), lat },
  { lng: +(lng + d).toFixed(6), lat: +(lat + d).toFixed(6) },
  { lng, lat: +(lat + d).toFixed(6) },
];

export const ZS_CITY = { _id: ZS, kind: 'city' as const, name: '中山市', parentId: null };
export const ZS_TOWNS = [
  { _id: 'shiqi', kind: 'town' as const, name: '石岐街道', parentId: ZS, polygon: box(113.37, 22.51, 0.04) },
  { _id: 'dongqu', kind: 'town' as const, name: '东区街道', parentId: ZS, polygon: box(113.41, 22.51, 0.04) },
];
export const ZS_GRIDS = [
  { _id: 'sq-01', kind: 'grid' as const, name: '石岐孙文西路网格', parentId: 'shiqi', polygon: box(113.375, 22.515) },
  { _id: 'sq-02', kind: 'grid' as const, name: '石岐民族路网格', parentId: 'shiqi', polygon: box(113.385, 22.515) },
  { _id: 'dq-01', kind: 'grid' as const, name: '东区兴中道网格', parentId: 'dongqu', polygon: box(113.415, 22.515) },
  { _id: 'dq-02', kind: 'grid' as const, name: '东区博爱路网格', parentId: 'dongqu', polygon: box(113.425, 22.515) },
];

export const ZS_ORGS = [
  { _id: 'org-zs-roads-sq', kind: 'unit', name: '石岐市政设施养护中心', cityId: ZS, townId: 'shiqi' },
  { _id: 'org-zs-sanitation-sq', kind: 'unit', name: '石岐街道环卫所', cityId: ZS, townId: 'shiqi' },
  { _id: 'org-zs-service-dq', kind: 'unit', name: '东区综合服务中心', cityId: ZS, townId: 'dongqu' },
  // shop-front order (店外经营, 乱堆物堆料) is the town's law enforcement's, not sanitation's
  { _id: 'org-zs-enforcement-sq', kind: 'unit', name: '石岐城管执法中队', cityId: ZS, townId: 'shiqi' },
];

export const ZS_UNIT_CONTACTS = [
  { _id: 'shiqi:component:*', townId: 'shiqi', kind: 'component', classCode: '*', unitId: 'org-zs-roads-sq' },
  { _id: 'shiqi:event:*', townId: 'shiqi', kind: 'event', classCode: '*', unitId: 'org-zs-sanitation-sq' },
  { _id: 'shiqi:event:0502', townId: 'shiqi', kind: 'event', classCode: '0502', unitId: 'org-zs-enforcement-sq' },
  { _id: 'shiqi:event:0503', townId: 'shiqi', kind: 'event', classCode: '0503', unitId: 'org-zs-enforcement-sq' },
  { _id: 'dongqu:component:*', townId: 'dongqu', kind: 'component', classCode: '*', unitId: 'org-zs-service-dq' },
  { _id: 'dongqu:event:*', townId: 'dongqu', kind: 'event', classCode: '*', unitId: 'org-zs-service-dq' },
];

export const ZS_GRID_CHIEFS: Record<string, string> = { 'sq-01': 'chief-shiqi', 'sq-02': 'chief-shiqi', 'dq-01': 'chief-dongqu', 'dq-02': 'chief-dongqu' };

type Persona = { persona: string; name: string; phone: string; roles: RoleBinding[] };
export const ZS_PERSONAS: Persona[] = [
  { persona: 'zs-admin', name: '中山平台管理员', phone: '13800000060', roles: [{ role: 'admin', cityId: ZS }] },
  { persona: 'zs-city-regulator', name: '梁监管（中山市城管局）', phone: '13800000061', roles: [{ role: 'regulator', level: 'city', cityId: ZS }] },
  { persona: 'shiqi-regulator', name: '冯监管（石岐街道）', phone: '13800000062', roles: [{ role: 'regulator', level: 'town', cityId: ZS, townId: 'shiqi' }] },
  { persona: 'chief-shiqi', name: '林片长（石岐）', phone: '13800000063', roles: [{ role: 'areaChief', cityId: ZS, townId: 'shiqi', gridIds: ['sq-01', 'sq-02'] }] },
  { persona: 'chief-dongqu', name: '罗片长（东区）', phone: '13800000064', roles: [{ role: 'areaChief', cityId: ZS, townId: 'dongqu', gridIds: ['dq-01', 'dq-02'] }] },
  { persona: 'unit-zs-sanitation', name: '谭师傅（石岐环卫）', phone: '13800000065', roles: [{ role: 'unit', cityId: ZS, townId: 'shiqi', orgId: 'org-zs-sanitation-sq' }] },
  { persona: 'unit-zs-enforcement', name: '何队长（石岐城管执法）', phone: '13800000068', roles: [{ role: 'unit', cityId: ZS, townId: 'shiqi', orgId: 'org-zs-enforcement-sq' }] },
];

/** A few coded facilities of Zhongshan (its 部件标识码 start with the city's code 442000). */
export const ZS_FACILITIES = [
  { _id: 'fc_demo0sq01lamp1', componentId: '4420000105000001', classCode: '0105', name: '孙文西路步行街路灯', lng: 113.3768, lat: 22.5188, gridId: 'sq-01', townId: 'shiqi', orgId: 'org-zs-roads-sq', maintainer: '石岐市政设施养护中心' },
  { _id: 'fc_demo0sq01bin01', componentId: '4420000302000001', classCode: '0302', name: '孙文西路垃圾箱', lng: 113.3781, lat: 22.5192, gridId: 'sq-01', townId: 'shiqi', orgId: 'org-zs-sanitation-sq', maintainer: '石岐街道环卫所' },
  { _id: 'fc_demo0sq02bus01', componentId: '4420000201000001', classCode: '0201', name: '民族路公交站亭', lng: 113.3875, lat: 22.5201, gridId: 'sq-02', townId: 'shiqi', orgId: 'org-zs-roads-sq', maintainer: '石岐市政设施养护中心' },
  { _id: 'fc_demo0dq01well1', componentId: '4420000101000001', classCode: '0101', name: '兴中道上水井盖', lng: 113.4182, lat: 22.5196, gridId: 'dq-01', townId: 'dongqu', orgId: 'org-zs-service-dq', maintainer: '东区综合服务中心' },
];
