import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GridIndex, PolygonIndex } from './grid-index';
import { routeCase, type RouteInput, type RouteResult, type RoutingTables } from './route-case';
import { unitTable } from './unit-table';
import { assertThrowsCode } from './city.testing';
import type { LngLat } from './point-in-polygon';

const box = (lng: number, lat: number, w: number, h = w): LngLat[] => [
  { lng, lat },
  { lng: lng + w, lat },
  { lng: lng + w, lat: lat + h },
  { lng, lat: lat + h },
];

// Town 南城 (nc) spans lng 113.70–113.80, 东城 (dc) 113.80–113.90; grids cover only part of them.
const tables: RoutingTables = {
  grids: new GridIndex([
    { id: 'g1', townId: 'nc', areaChiefId: 'chief-1', polygon: box(113.71, 23.01, 0.01) },
    { id: 'g2', townId: 'nc', areaChiefId: null, polygon: box(113.72, 23.01, 0.01) },
    { id: 'g3', townId: 'dc', areaChiefId: 'chief-3', polygon: box(113.81, 23.01, 0.01) },
  ]),
  towns: new PolygonIndex([
    { id: 'nc', polygon: box(113.7, 23.0, 0.1) },
    { id: 'dc', polygon: box(113.8, 23.0, 0.1) },
  ]),
  units: unitTable([
    { townId: 'nc', kind: 'event', classCode: '0104', unitId: 'sanitation-nc' },
    { townId: 'nc', kind: 'component', classCode: '0101', unitId: 'water-nc' },
    { townId: 'nc', kind: 'event', classCode: '*', unitId: 'nc-general' },
    { townId: 'dc', kind: 'component', classCode: '0105', unitId: 'lighting-dc' },
  ]),
};

const inG1 = { lng: 113.715, lat: 23.015 };
const inG2 = { lng: 113.725, lat: 23.015 };
const inG3 = { lng: 113.815, lat: 23.015 };
const ncNoGrid = { lng: 113.75, lat: 23.05 };
const nowhere = { lng: 100.0, lat: 30.0 };

const r = (o: Partial<RouteResult>): RouteResult => ({ unitId: null, areaChiefId: null, townId: null, gridId: null, queue: 'town_dispatch', missing: [], unitSource: null, ...o });

test('routing table: 部件 先属主后属地, 事件 先属地后属主, 属地兜底, and what was missing', () => {
  const table: [string, RouteInput, RouteResult][] = [
    [
      'component: the facility maintainer first',
      { kind: 'component', classCode: '0101', facility: { gridId: 'g1', townId: 'nc', unitId: 'water-co', areaChiefId: 'chief-f' } },
      r({ unitId: 'water-co', areaChiefId: 'chief-f', townId: 'nc', gridId: 'g1', queue: 'unit', unitSource: 'facility' }),
    ],
    [
      'component without a maintainer: the town table; chief from the grid',
      { kind: 'component', classCode: '0101', facility: { gridId: 'g1', townId: 'nc' } },
      r({ unitId: 'water-nc', areaChiefId: 'chief-1', townId: 'nc', gridId: 'g1', queue: 'unit', unitSource: 'town_class' }),
    ],
    [
      'event: the town table first even when the facility has a maintainer',
      { kind: 'event', classCode: '0104', facility: { gridId: 'g1', townId: 'nc', unitId: 'water-co', areaChiefId: 'chief-1' } },
      r({ unitId: 'sanitation-nc', areaChiefId: 'chief-1', townId: 'nc', gridId: 'g1', queue: 'unit', unitSource: 'town_class' }),
    ],
    [
      'event the town does not list: the facility owner next',
      { kind: 'event', classCode: '0102', facility: { gridId: 'g3', townId: 'dc', unitId: 'station-owner' } },
      r({ unitId: 'station-owner', areaChiefId: 'chief-3', townId: 'dc', gridId: 'g3', queue: 'unit', unitSource: 'facility' }),
    ],
    [
      'event by location, no class entry: the town fallback',
      { kind: 'event', classCode: '0102', location: inG1 },
      r({ unitId: 'nc-general', areaChiefId: 'chief-1', townId: 'nc', gridId: 'g1', queue: 'unit', unitSource: 'town_fallback' }),
    ],
    [
      'component with no unit anywhere',
      { kind: 'component', classCode: '0105', location: inG1 },
      r({ areaChiefId: 'chief-1', townId: 'nc', gridId: 'g1', missing: ['unit_for_class'] }),
    ],
    [
      'grid without an area chief',
      { kind: 'event', classCode: '0104', location: inG2 },
      r({ unitId: 'sanitation-nc', townId: 'nc', gridId: 'g2', missing: ['area_chief'], unitSource: 'town_class' }),
    ],
    [
      'outside every grid: town from the coarse polygon, town dispatch queue',
      { kind: 'event', classCode: '0104', location: ncNoGrid },
      r({ unitId: 'sanitation-nc', townId: 'nc', missing: ['grid', 'area_chief'], unitSource: 'town_class' }),
    ],
    [
      'outside every town',
      { kind: 'event', classCode: '0104', location: nowhere },
      r({ missing: ['grid', 'town', 'unit_for_class', 'area_chief'] }),
    ],
    [
      'no facility and no location',
      { kind: 'event', classCode: '0104' },
      r({ missing: ['location', 'town', 'unit_for_class', 'area_chief'] }),
    ],
    [
      'facility with only coordinates: grid by position',
      { kind: 'component', classCode: '0105', facility: { ...inG3 } },
      r({ unitId: 'lighting-dc', areaChiefId: 'chief-3', townId: 'dc', gridId: 'g3', queue: 'unit', unitSource: 'town_class' }),
    ],
    [
      'facility with nothing: the reporter position is used',
      { kind: 'component', classCode: '0105', facility: {}, location: inG3 },
      r({ unitId: 'lighting-dc', areaChiefId: 'chief-3', townId: 'dc', gridId: 'g3', queue: 'unit', unitSource: 'town_class' }),
    ],
    [
      'the facility position wins over the reporter position',
      { kind: 'component', classCode: '0105', facility: { ...inG1 }, location: inG3 },
      r({ areaChiefId: 'chief-1', townId: 'nc', gridId: 'g1', missing: ['unit_for_class'] }),
    ],
  ];
  for (const [name, input, expected] of table) assert.deepEqual(routeCase(input, tables), expected, name);
});

test('without town polygons, a point outside the grids has no town', () => {
  assert.deepEqual(routeCase({ kind: 'event', classCode: '0104', location: ncNoGrid }, { ...tables, towns: null }), r({ missing: ['grid', 'town', 'unit_for_class', 'area_chief'] }));
});

test('unknown classes are refused before routing', () => {
  assertThrowsCode(() => routeCase({ kind: 'event', classCode: '0999', location: inG1 }, tables), 'unknown_class', '0999');
});

test('unit tables: last row wins; fallback is per kind', () => {
  const t = unitTable([
    { townId: 'nc', kind: 'event', classCode: '0104', unitId: 'a' },
    { townId: 'nc', kind: 'event', classCode: '0104', unitId: 'b' },
    { townId: 'nc', kind: 'component', classCode: '*', unitId: 'c' },
  ]);
  assert.equal(t.unitFor('nc', 'event', '0104'), 'b');
  assert.equal(t.unitFor('nc', 'component', '0104'), null);
  assert.equal(t.unitFor('dc', 'event', '0104'), null);
  assert.equal(t.fallbackFor('nc', 'component'), 'c');
  assert.equal(t.fallbackFor('nc', 'event'), null);
});
