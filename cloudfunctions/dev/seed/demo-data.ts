import type { RoleBinding } from '@cityloop/shared/identity/roles';

/** The demo city: Dongguan, two towns, four duty grids (polygons as [{lng, lat}], GCJ-02). */
export const CITY = { _id: 'dongguan', kind: 'city' as const, name: '东莞市', parentId: null };
export const TOWNS = [
  { _id: 'nancheng', kind: 'town' as const, name: '南城街道', parentId: 'dongguan' },
  { _id: 'dongcheng', kind: 'town' as const, name: '东城街道', parentId: 'dongguan' },
];
const box = (lng: number, lat: number, d = 0.01) => [
  { lng, lat },
  { lng: lng + d, lat },
  { lng: lng + d, lat: lat + d },
  { lng, lat: lat + d },
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
];

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
  { persona: 'unit-roads', name: '吴师傅（道路养护）', phone: '13800000030', roles: [{ role: 'unit', cityId: c, townId: 'nancheng', orgId: 'org-roads-nc' }] },
];

/** A few facilities with printed codes; issue-3 imports bring thousands more. */
export const FACILITIES = [
  { _id: 'fc_demo0nc01lamp1', componentId: '4419000105000001', classCode: '0105', name: '南城大道1号路灯', lng: 113.745, lat: 23.004, gridId: 'nc-01', townId: 'nancheng', orgId: 'org-roads-nc', maintainer: '南城市政道路养护公司' },
  { _id: 'fc_demo0nc01well1', componentId: '4419000101000001', classCode: '0101', name: '鸿福路上水井盖', lng: 113.748, lat: 23.006, gridId: 'nc-01', townId: 'nancheng', orgId: 'org-roads-nc', maintainer: '南城市政道路养护公司' },
  { _id: 'fc_demo0nc02bus01', componentId: '4419000201000001', classCode: '0201', name: '元美公交站亭', lng: 113.755, lat: 23.005, gridId: 'nc-02', townId: 'nancheng', orgId: 'org-roads-nc', maintainer: '南城市政道路养护公司' },
  { _id: 'fc_demo0dc01bin01', componentId: '4419000302000001', classCode: '0302', name: '东城中路垃圾箱', lng: 113.775, lat: 23.025, gridId: 'dc-01', townId: 'dongcheng', orgId: 'org-sanitation-dc', maintainer: '东城环卫服务中心' },
];
