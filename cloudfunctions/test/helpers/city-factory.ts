import { createHash } from 'node:crypto';
import { roleKeysOf } from '@cityloop/shared/identity/roles';
import type { TestSystem } from './test-system';
import { invalidateRoutingTables } from '../../src/contexts/cases/routing-tables';

const box = (lng: number, lat: number, d = 0.01) => [
  { lng, lat },
  { lng: lng + d, lat },
  { lng: lng + d, lat: lat + d },
  { lng, lat: lat + d },
];

export type CityFixture = Awaited<ReturnType<typeof buildCity>>;

/** Two towns, a grid each with its area chief and patroller, units, unit contacts, one facility per grid. */
export async function buildCity(sys: TestSystem) {
  const mk = async (name: string, roles: Parameters<TestSystem['user']>[1], key: string) => {
    const openid = await sys.standins.wechat.issueOpenid(`${sys.db.databaseName}-${key}`);
    return { ...(await sys.user(name, roles, { openid })), openid };
  };
  const chiefA = await mk('片长A', [{ role: 'areaChief', cityId: 'dongguan', townId: 'nancheng', gridIds: ['g-a'] }], 'chiefA');
  const chiefB = await mk('片长B', [{ role: 'areaChief', cityId: 'dongguan', townId: 'dongcheng', gridIds: ['g-b'] }], 'chiefB');
  const patrollerA = await mk('巡查员A', [{ role: 'patroller', cityId: 'dongguan', townId: 'nancheng', gridIds: ['g-a'], orgId: 'org-patrol' }], 'patA');
  const unitA = await mk('养护A', [{ role: 'unit', cityId: 'dongguan', townId: 'nancheng', orgId: 'org-roads' }], 'unitA');
  const regulatorB = await mk('东城监管', [{ role: 'regulator', level: 'town', cityId: 'dongguan', townId: 'dongcheng' }], 'regB');
  const citizen = await mk('市民甲', [], 'c1');
  const citizen2 = await mk('市民乙', [], 'c2');
  await sys.db.collection('regions').insertMany([
    { _id: 'nancheng', kind: 'town', name: '南城', parentId: 'dongguan', polygon: box(113.7, 22.95, 0.1) },
    { _id: 'dongcheng', kind: 'town', name: '东城', parentId: 'dongguan', polygon: box(113.8, 22.95, 0.1) },
    { _id: 'g-a', kind: 'grid', name: '网格A', parentId: 'nancheng', polygon: box(113.74, 23.0), areaChiefId: chiefA.id },
    { _id: 'g-b', kind: 'grid', name: '网格B', parentId: 'dongcheng', polygon: box(113.84, 23.0), areaChiefId: chiefB.id },
  ] as never[]);
  await sys.db.collection('unit_contacts').insertMany([
    { _id: 'n:c', townId: 'nancheng', kind: 'component', classCode: '*', unitId: 'org-roads' },
    { _id: 'n:e', townId: 'nancheng', kind: 'event', classCode: '*', unitId: 'org-roads' },
    { _id: 'd:c', townId: 'dongcheng', kind: 'component', classCode: '*', unitId: 'org-east' },
  ] as never[]);
  const facility = (id: string, grid: string, town: string, unit: string, chief: string, lng: number) => ({
    _id: id,
    componentId: `4419000101${String(Math.abs(lng * 1000) % 999999).padStart(6, '0').slice(0, 6)}`,
    classCode: '0101',
    name: `井盖${id}`,
    location: { lng, lat: 23.005 },
    scope: { cityId: 'dongguan', townId: town, gridId: grid, orgIds: [unit], public: true },
    areaChiefId: chief,
    maintainerName: unit,
    createdAt: new Date(),
    version: 1,
  });
  await sys.db.collection('facilities').insertMany([facility('fc_testa00000001', 'g-a', 'nancheng', 'org-roads', chiefA.id, 113.745), facility('fc_testb00000001', 'g-b', 'dongcheng', 'org-east', chiefB.id, 113.845)] as never[]);
  invalidateRoutingTables();
  return { chiefA, chiefB, patrollerA, unitA, regulatorB, citizen, citizen2, facilityA: 'fc_testa00000001', facilityB: 'fc_testb00000001', roleKeysOf };
}

export async function photo(sys: TestSystem, token: string, seed: string): Promise<string> {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`photo ${seed} ${Math.random()}`)]);
  const sha = createHash('sha256').update(bytes).digest('hex');
  const s = await sys.call('POST', '/api/uploads', { token, body: { sha256: sha, size: bytes.length, contentType: 'image/jpeg', purpose: 'photo' } });
  await fetch(s.json.data.uploadUrl, { method: 'PUT', body: new Uint8Array(bytes) });
  await sys.call('POST', '/api/uploads/complete', { token, body: { sha256: sha, purpose: 'photo' } });
  return sha;
}
