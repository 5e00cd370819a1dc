import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Db } from 'mongodb';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildCity, type CityFixture } from '../helpers/city-factory';
import { signCodeUrl } from '../../src/platform/codes/signed-code';
import { FACILITIES, type Facility } from '../../src/contexts/facilities/facility.collection';
import { visibleFacilityFilter } from '../../src/contexts/facilities/facility.repository';
import { FACILITY_IMPORTS, type FacilityImport } from '../../src/contexts/facilities/facility-import.collection';
import { importFacilities } from '../../src/contexts/facilities/import-facilities';
import { settleFacilityImports } from '../../src/contexts/facilities/facility-imports.job';
import { jobs } from '../../src/jobs/job-registry';

let sys: TestSystem;
let city: CityFixture;
let admin: { id: string; token: string };
before(async () => {
  sys = await startTestSystem();
  city = await buildCity(sys);
  admin = await sys.user('平台管理员', [{ role: 'admin', cityId: 'dongguan' }]);
});
after(async () => sys.close());

const cid = (cls: string, serial: number) => `441900${cls}${String(serial).padStart(6, '0')}`;
const at = (i: number) => ({ lng: (i % 2 ? 113.84 : 113.74) + 0.0005 + ((i * 37) % 90) / 10000, lat: 23.0005 + ((i * 53) % 90) / 10000 });
const count = (db: Db, filter: Record<string, unknown> = {}) => db.collection(FACILITIES).countDocuments(filter);
const code = (id: string) => sys.call('GET', `/api/codes/${signCodeUrl(sys.deps.config.codeSecret, sys.deps.config.codeBaseUrl, id).split('/c/')[1]}`);

test('an insert that fails half-way (a concurrent writer took a component id) rolls the whole batch back', async () => {
  const csv = ['componentId,name,classCode,lng,lat', ...Array.from({ length: 1200 }, (_, i) => `${cid('0103', 600_000 + i)},雨水井盖${i},0103,${at(i).lng},${at(i).lat}`)].join('\n');
  const stolen = cid('0103', 600_000 + 1105); // in the second insert chunk
  let calls = 0;
  const realColl = sys.db.collection.bind(sys.db);
  // A db whose facilities.insertMany lets a "concurrent import" win a component id just before chunk 2.
  const racingDb = new Proxy(sys.db, {
    get(target, prop, receiver) {
      if (prop !== 'collection') return Reflect.get(target, prop, receiver);
      return (name: string) => {
        const coll = realColl(name);
        if (name !== FACILITIES) return coll;
        return new Proxy(coll, {
          get(c, p, r) {
            if (p !== 'insertMany') return Reflect.get(c, p, r);
            return async (docs: Facility[], opts: unknown) => {
              if (++calls === 2) await realColl<Facility>(FACILITIES).insertOne({ ...docs[0], _id: 'fc_racer000000001', componentId: stolen, importBatch: undefined, active: true });
              return c.insertMany(docs as never, opts as never);
            };
          },
        });
      };
    },
  });
  const deps = { ...sys.deps, db: racingDb as Db };
  const adminActor = { userId: admin.id, roles: [{ role: 'admin' as const, cityId: 'dongguan' }] };
  await assert.rejects(importFacilities(deps, adminActor, { format: 'csv', text: csv, cityId: 'dongguan' }), (e: { code: string; data: { errors: { row: number; field: string }[] } }) => {
    assert.equal(e.code, 'import_rejected');
    assert.deepEqual(e.data.errors.map((x) => [x.row, x.field]), [[1105 + 2, 'componentId']]);
    return true;
  });
  assert.equal(calls, 2);
  assert.equal(await count(sys.db, { componentId: { $regex: '^4419000103' } }), 1, 'the first chunk (1,000 rows) and the start of the second were deleted; the racer stays');
  const records = await sys.db.collection<FacilityImport>(FACILITY_IMPORTS).find({}).toArray();
  assert.deepEqual(records.map((r) => r.state), ['rolled_back']);
});

test('staging rows are invisible; committed rows are visible before the job flips them; the job settles what a crash left behind', async () => {
  assert.ok(jobs.has('facility-imports'), 'registered with the scheduler');
  const now = sys.deps.now();
  const old = new Date(now.getTime() - 2 * 3600_000);
  const fc = (id: string, serial: number, batch: string | undefined, active: boolean, createdAt: Date): Facility => ({
    _id: id,
    componentId: cid('0201', serial),
    classCode: '0201',
    name: `站亭${serial}`,
    location: at(0),
    scope: { cityId: 'dongguan', townId: 'nancheng', gridId: 'g-a', orgIds: ['org-roads'], public: true },
    ...(batch ? { importBatch: batch } : {}),
    active,
    createdAt,
    version: 1,
  });
  const imports = sys.db.collection<FacilityImport>(FACILITY_IMPORTS);
  await imports.deleteMany({});
  const rec = (id: string, state: FacilityImport['state'], at: Date): FacilityImport => ({ _id: id, cityId: 'dongguan', format: 'csv', state, rows: 2, actorId: admin.id, createdAt: at, updatedAt: at });
  await imports.insertMany([rec('fb_stalestaging01', 'staging', old), rec('fb_halfactivated1', 'committed', old), rec('fb_freshstaging01', 'staging', now)]);
  await sys.db.collection<Facility>(FACILITIES).insertMany([
    fc('fc_stale00000001a', 700_001, 'fb_stalestaging01', false, old),
    fc('fc_stale00000001b', 700_002, 'fb_stalestaging01', false, old),
    fc('fc_half000000001a', 700_003, 'fb_halfactivated1', true, old), // the flip stopped half-way
    fc('fc_half000000001b', 700_004, 'fb_halfactivated1', false, old),
    fc('fc_fresh00000001a', 700_005, 'fb_freshstaging01', false, now),
    fc('fc_orphan0000001a', 700_006, 'fb_norecord000001', false, old),
    fc('fc_orphan0000001b', 700_007, undefined, false, old),
  ]);
  assert.equal((await code('fc_fresh00000001a')).status, 404, 'a row of a batch still staging does not resolve');
  assert.equal((await code('fc_stale00000001a')).status, 404);
  assert.equal((await code('fc_half000000001b')).status, 200, 'committed: visible although not flipped yet');
  const visible = async () => (await sys.db.collection<Facility>(FACILITIES).find({ componentId: { $regex: '^4419000201' }, ...(await visibleFacilityFilter(sys.db)) }, { projection: { _id: 1 } }).toArray()).map((f) => f._id).sort();
  assert.deepEqual(await visible(), ['fc_half000000001a', 'fc_half000000001b']);

  const r = await settleFacilityImports(sys.db, now);
  assert.deepEqual(r, { activated: 1, rolledBack: 1, orphanBatches: 2 });
  const ids = async (filter: Record<string, unknown>) => (await sys.db.collection<Facility>(FACILITIES).find({ componentId: { $regex: '^4419000201' }, ...filter }, { projection: { _id: 1 } }).toArray()).map((f) => f._id).sort();
  assert.deepEqual(await ids({}), ['fc_fresh00000001a', 'fc_half000000001a', 'fc_half000000001b']);
  assert.deepEqual(await ids({ active: true }), ['fc_half000000001a', 'fc_half000000001b']);
  assert.deepEqual(await visible(), ['fc_half000000001a', 'fc_half000000001b']);
  assert.equal((await imports.findOne({ _id: 'fb_stalestaging01' }))?.state, 'rolled_back');
  assert.equal((await imports.findOne({ _id: 'fb_halfactivated1' }))?.state, 'done');
  assert.equal((await imports.findOne({ _id: 'fb_freshstaging01' }))?.state, 'staging', 'a running import is left alone');
  assert.deepEqual(await settleFacilityImports(sys.db, now), { activated: 0, rolledBack: 0, orphanBatches: 0 }, 'idempotent');
});

test('a small import end to end: committed at once, flipped to active by the job', async () => {
  const csv = ['componentId,name,classCode,lng,lat', `${cid('0105', 800_001)},路灯1,0105,${at(0).lng},${at(0).lat}`, `${cid('0105', 800_002)},路灯2,0105,${at(1).lng},${at(1).lat}`].join('\n');
  const r = await sys.call('POST', '/api/facilities/import', { token: admin.token, body: { format: 'csv', text: csv, cityId: 'dongguan' } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const batch = r.json.data.batch;
  const f = (await sys.db.collection<Facility>(FACILITIES).findOne({ componentId: cid('0105', 800_002) }))!;
  assert.equal(f.active, false);
  assert.equal((await code(f._id)).status, 200);
  assert.equal((f as { areaChiefId?: string }).areaChiefId, undefined, 'the 片长 is held by the grid, not copied onto the facility');
  assert.deepEqual(await settleFacilityImports(sys.db, sys.deps.now()), { activated: 2, rolledBack: 0, orphanBatches: 0 });
  assert.equal(await count(sys.db, { importBatch: batch, active: true }), 2);
  assert.equal((await sys.db.collection<FacilityImport>(FACILITY_IMPORTS).findOne({ _id: batch }))?.state, 'done');
});
