import type { RoleBinding } from '@cityloop/shared/identity/roles';

/** The demo city: Dongguan, two towns, four duty grids (polygons as [{lng, lat}], GCJ-02). */
export const CITY = { _id: 'dongguan', kind: 'city' as const, name: '东莞市', parentId: null };
const box = (lng: number, lat: number, d = 0.01) => [
  { lng, lat },
  { lng: +(lng + d).toFixed(6), lat },
  { lng: +(lng + d).toFixed(6), lat: +(lat + d).toFixed(6) },
  { lng, lat: +(lat + d).toFixed(6) },
];
/** Towns with their boundaries (a grid must lie inside its town's: docs/domain/city.md). */
export const TOWNS = [
  { _id: 'nancheng', kind: 'town' as const, name: '南城街道', parentId: 'dongguan', polygon: box(113.73, 22.99, 0.035) },
  { _id: 'dongcheng', kind: 'town' as const, name: '东城街道', parentId: 'dongguan', polygon: box(113.765, 22.99, 0.05) },
];
export const GRIDS = [
  { _id: 'nc-01', kind: 'grid' as const, name: '南城第一网格', parentId: 'nancheng', polygon: box(113.74, 23.0) },
  { _id: 'nc-02', kind: 'grid' as const, name: '南城第二网格', parentId: 'nancheng', polygon: box(113.75, 23.0) },
  { _id: 'dc-01', kind: 'grid' as const, name: '东城第一网格', parentId: 'dongcheng', polygon: box(113.77, 23.02) },
  { _id: 'dc-02', kind: 'grid' as const, name: '东城第二网格', parentId: 'dongcheng', polygon: box(113.78, 23.02) },
];

export const ORGS = [
  { _id: 'org-roads-nc', kind: 'unit', name: '南城市政道路养护公司', cityId: 'dongguan', townId: 'nancheng' },
  { _id: 'org-sanitation-dc', kind: 'unit', name: '东城环卫服务中心', cityId: 'dongguan', townId: 'dongcheng' },
  { _id: 'org-patrol-co', kind: 'company', name: '莞城第三方巡查公司', cityId: 'dongguan' },
  { _id: 'org-monitor-gd', kind: 'company', name: '广东岩土监测中心', cityId: 'dongguan' },
  { _id: 'org-sanitation-nc', kind: 'unit', name: '南城环卫所', cityId: 'dongguan', townId: 'nancheng' },
];

/** Per-town class → unit table ('*' = the town's fallback unit for that kind). */
export const UNIT_CONTACTS = [
  { _id: 'nancheng:component:*', townId: 'nancheng', kind: 'component', classCode: '*', unitId: 'org-roads-nc' },
  { _id: 'nancheng:event:*', townId: 'nancheng', kind: 'event', classCode: '*', unitId: 'org-sanitation-nc' },
  { _id: 'dongcheng:component:*', townId: 'dongcheng', kind: 'component', classCode: '*', unitId: 'org-sanitation-dc' },
  { _id: 'dongcheng:event:*', townId: 'dongcheng', kind: 'event', classCode: '*', unitId: 'org-sanitation-dc' },
];

/** Which persona is the area chief (片长) of which duty grid. */
export const GRID_CHIEFS: Record<string, string> = { 'nc-01': 'chief-nancheng', 'nc-02': 'chief-nancheng', 'dc-01': 'chief-dongcheng', 'dc-02': 'chief-dongcheng' };

type Persona = { persona: string; name: string; phone: string; roles: RoleBinding[] };
const c = 'dongguan';
export const PERSONAS: Persona[] = [
  { persona: 'citizen', name: '张三（市民）', phone: '13800000001', roles: [] },
  { persona: 'citizen2', name: '李四（市民）', phone: '13800000002', roles: [] },
  { persona: 'admin', name: '平台管理员', phone: '13800000010', roles: [{ role: 'admin', cityId: c }] },
  { persona: 'city-regulator', name: '王监管（市城管局）', phone: '13800000011', roles: [{ role: 'regulator', level: 'city', cityId: c }] },
  { persona: 'nancheng-regulator', name: '陈监管（南城街道）', phone: '13800000012', roles: [{ role: 'regulator', level: 'town', cityId: c, townId: 'nancheng' }] },
  { persona: 'dongcheng-regulator', name: '黄监管（东城街道）', phone: '13800000013', roles: [{ role: 'regulator', level: 'town', cityId: c, townId: 'dongcheng' }] },
  { persona: 'chief-nancheng', name: '刘片长（南城）', phone: '13800000020', roles: [{ role: 'areaChief', cityId: c, townId: 'nancheng', gridIds: ['nc-01', 'nc-02'] }] },
  { persona: 'patroller-nancheng', name: '周巡查（第三方）', phone: '13800000021', roles: [{ role: 'patroller', cityId: c, townId: 'nancheng', gridIds: ['nc-01', 'nc-02'], orgId: 'org-patrol-co' }] },
  { persona: 'chief-dongcheng', name: '何片长（东城）', phone: '13800000022', roles: [{ role: 'areaChief', cityId: c, townId: 'dongcheng', gridIds: ['dc-01', 'dc-02'] }] },
  { persona: 'unit-roads', name: '吴师傅（道路养护）', phone: '13800000030', roles: [{ role: 'unit', cityId: c, townId: 'nancheng', orgId: 'org-roads-nc' }] },
  { persona: 'unit-sanitation', name: '郑师傅（南城环卫）', phone: '13800000031', roles: [{ role: 'unit', cityId: c, townId: 'nancheng', orgId: 'org-sanitation-nc' }] },
];

/** Hand-named facilities (their codes are printed at start); `generatedFacilities` adds 220 more. */
export const FACILITIES = [
  { _id: 'fc_demo0nc01lamp1', componentId: '4419000105000001', classCode: '0105', name: '南城大道1号路灯', lng: 113.745, lat: 23.004, gridId: 'nc-01', townId: 'nancheng', orgId: 'org-roads-nc', maintainer: '南城市政道路养护公司' },
  { _id: 'fc_demo0nc01well1', componentId: '4419000101000001', classCode: '0101', name: '鸿福路上水井盖', lng: 113.748, lat: 23.006, gridId: 'nc-01', townId: 'nancheng', orgId: 'org-roads-nc', maintainer: '南城市政道路养护公司' },
  { _id: 'fc_demo0nc02bus01', componentId: '4419000201000001', classCode: '0201', name: '元美公交站亭', lng: 113.755, lat: 23.005, gridId: 'nc-02', townId: 'nancheng', orgId: 'org-roads-nc', maintainer: '南城市政道路养护公司' },
  { _id: 'fc_demo0dc01bin01', componentId: '4419000302000001', classCode: '0302', name: '东城中路垃圾箱', lng: 113.775, lat: 23.025, gridId: 'dc-01', townId: 'dongcheng', orgId: 'org-sanitation-dc', maintainer: '东城环卫服务中心' },
];

const COMPONENT_CLASSES = ['0101', '0102', '0103', '0105', '0201', '0302'];
const NAMES: Record<string, string> = { '0101': '上水井盖', '0102': '污水井盖', '0103': '雨水井盖', '0105': '路灯', '0201': '公交站亭', '0302': '垃圾箱' };

/** 55 facilities per grid, spread inside the grid's square, ids and component ids stable across runs. */
export function generatedFacilities() {
  const out: (typeof FACILITIES)[number][] = [];
  GRIDS.forEach((g, gi) => {
    const town = g.parentId;
    const unit = town === 'nancheng' ? 'org-roads-nc' : 'org-sanitation-dc';
    const maintainer = ORGS.find((o) => o._id === unit)!.name;
    for (let i = 0; i < 55; i++) {
      const cls = COMPONENT_CLASSES[i % COMPONENT_CLASSES.length];
      const serial = 100 + gi * 100 + i;
      out.push({
        _id: `fc_gen${g._id.replace('-', '')}${String(i).padStart(4, '0')}`,
        componentId: `441900${cls}${String(serial).padStart(6, '0')}`,
        classCode: cls,
        name: `${g.name}${NAMES[cls]}${i + 1}号`,
        lng: +(g.polygon[0].lng + 0.0005 + ((i * 37) % 90) / 10000).toFixed(6),
        lat: +(g.polygon[0].lat + 0.0005 + ((i * 53) % 90) / 10000).toFixed(6),
        gridId: g._id,
        townId: town,
        orgId: unit,
        maintainer,
      });
    }
  });
  return out;
}
