import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chiefTowns, gridName, mergeDirectories, patrollerLabel, patrollersOf, unitChoices, unitName, type Directory } from './directory';

const nc: Directory = {
  town: { id: 'nancheng', name: '南城街道' },
  units: [
    { id: 'org-roads-nc', name: '南城市政道路养护公司', routed: true },
    { id: 'org-sanitation-nc', name: '南城环卫所', routed: true },
  ],
  patrollers: [{ id: 'u_p', name: '周巡查', companyId: 'org-patrol-co', company: '莞城第三方巡查公司', thirdParty: true, gridIds: ['nc-01', 'nc-02'] }],
  grids: [
    { id: 'nc-01', name: '南城第一网格' },
    { id: 'nc-02', name: '南城第二网格' },
  ],
};

test('names for ids, the id itself while unknown', () => {
  assert.equal(unitName(nc, 'org-sanitation-nc'), '南城环卫所');
  assert.equal(unitName(null, 'org-sanitation-nc'), 'org-sanitation-nc');
  assert.equal(unitName(nc, null), '');
  assert.equal(gridName(nc, 'nc-02'), '南城第二网格');
  assert.equal(gridName(nc, 'dc-01'), 'dc-01');
  // without the directory, the name the record came with
  assert.equal(gridName(null, 'nc-01', '南城第一网格'), '南城第一网格');
  // while the directory loads, nothing rather than the raw id
  assert.equal(gridName(null, 'nc-01'), '');
  assert.deepEqual(patrollerLabel(null, 'u_p'), { name: '', company: null });
  assert.equal(unitName(null, 'org-roads-nc', '南城市政道路养护公司'), '南城市政道路养护公司');
  assert.equal(unitName(nc, 'org-sanitation-nc', 'stale'), '南城环卫所');
  assert.deepEqual(patrollerLabel(nc, 'u_p'), { name: '周巡查', company: '莞城第三方巡查公司' });
  assert.deepEqual(patrollerLabel(nc, 'u_x'), { name: 'u_x', company: null });
});

test('the dispatch picker starts on the routed unit; a unit outside the directory stays a choice', () => {
  assert.equal(unitChoices(nc, 'org-sanitation-nc').index, 1);
  const other = unitChoices(nc, 'org-maintainer');
  assert.equal(other.index, 0);
  assert.deepEqual(other.units.map((u) => u.id), ['org-maintainer', 'org-roads-nc', 'org-sanitation-nc']);
  assert.equal(unitChoices(nc, '').index, -1);
  assert.deepEqual(unitChoices(null, null), { units: [], index: -1 });
  assert.deepEqual(unitChoices(null, 'org-roads-nc').units.map((u) => u.name), ['正在加载…'], 'no raw id while the directory loads');
});

test('patrollers per grid, towns of the chief, merged directories', () => {
  assert.deepEqual(patrollersOf(nc, 'nc-02').map((p) => p.id), ['u_p']);
  assert.deepEqual(patrollersOf(nc, 'dc-01'), []);
  assert.deepEqual(chiefTowns([{ role: 'patroller', townId: 'x' }, { role: 'areaChief', townId: 'nancheng' }, { role: 'areaChief', townId: 'nancheng' }]), ['nancheng']);
  const dc: Directory = { town: { id: 'dongcheng', name: '东城街道' }, units: [nc.units[0]], patrollers: [], grids: [{ id: 'dc-01', name: '东城第一网格' }] };
  const m = mergeDirectories([nc, dc])!;
  assert.equal(m.units.length, 2);
  assert.deepEqual(m.grids.map((g) => g.id), ['nc-01', 'nc-02', 'dc-01']);
  assert.equal(mergeDirectories([]), null);
});
