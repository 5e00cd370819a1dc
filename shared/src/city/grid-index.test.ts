import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GridIndex, PolygonIndex, type GridPolygon } from './grid-index';
import { pointInPolygon, type LngLat } from './point-in-polygon';
import { assertThrowsCode, prng } from './city.testing';

const LNG0 = 113.7;
const LAT0 = 22.95;
const STEP = 0.001; // ≈ 100 m: a 万米单元网格
const N = 100;

const square = (lng: number, lat: number, size: number): LngLat[] => [
  { lng, lat },
  { lng: lng + size, lat },
  { lng: lng + size, lat: lat + size },
  { lng, lat: lat + size },
];

const x = (col: number) => LNG0 + col * STEP;
const y = (row: number) => LAT0 + row * STEP;

/**
 * 100 × 100 squares, row-major from the south-west corner, id `g-<row>-<col>`. Neighbours share
 * exactly the same vertex values, as digitised grids do.
 */
const makeGrid = (): GridPolygon[] => {
  const grids: GridPolygon[] = [];
  for (let row = 0; row < N; row++) {
    for (let col = 0; col < N; col++) {
      const polygon = [
        { lng: x(col), lat: y(row) },
        { lng: x(col + 1), lat: y(row) },
        { lng: x(col + 1), lat: y(row + 1) },
        { lng: x(col), lat: y(row + 1) },
      ];
      grids.push({ id: `g-${row}-${col}`, townId: col < N / 2 ? 'west' : 'east', areaChiefId: `chief-${row % 7}`, polygon });
    }
  }
  return grids;
};

test('10,000 grid squares: the index and the linear scan agree on 10,000 random points, and find the right cell', () => {
  const grids = makeGrid();
  const index = new GridIndex(grids);
  assert.equal(index.size, 10_000);
  const rnd = prng(7);
  let inside = 0;
  for (let k = 0; k < 10_000; k++) {
    // cell-relative positions keep the expected cell unambiguous; ~10 % of points fall outside the grid
    const col = Math.floor(rnd() * (N + 10)) - 5;
    const row = Math.floor(rnd() * (N + 10)) - 5;
    const lng = LNG0 + (col + 0.001 + rnd() * 0.998) * STEP;
    const lat = LAT0 + (row + 0.001 + rnd() * 0.998) * STEP;
    const hit = index.gridAt(lng, lat);
    assert.equal(hit, index.linearGridAt(lng, lat), `${lng},${lat}`);
    const expected = row >= 0 && row < N && col >= 0 && col < N ? `g-${row}-${col}` : null;
    assert.equal(hit?.id ?? null, expected, `${lng},${lat}`);
    if (hit) inside++;
  }
  assert.ok(inside > 8000 && inside < 10_000, `${inside} inside`);
});

test('points on shared edges and corners belong to exactly one cell, the same in both lookups', () => {
  const index = new GridIndex(makeGrid());
  for (let i = 1; i < N; i += 7) {
    for (let j = 1; j < N; j += 11) {
      const corner = { lng: x(i), lat: y(j) };
      const edge = { lng: x(i), lat: (y(j) + y(j + 1)) / 2 };
      for (const p of [corner, edge]) {
        const hit = index.gridAt(p.lng, p.lat);
        assert.ok(hit, `${p.lng},${p.lat}`);
        assert.equal(hit, index.linearGridAt(p.lng, p.lat));
        const containing = index.items.filter((g) => pointInPolygon(p, g.polygon));
        assert.equal(containing.length, 1, `${p.lng},${p.lat}`);
      }
    }
  }
});

test('exact point-in-polygon: concave shapes, closing points, overlaps (first listed wins)', () => {
  // An L-shape whose bounding box contains the notch.
  const L: LngLat[] = [
    { lng: 0, lat: 0 },
    { lng: 2, lat: 0 },
    { lng: 2, lat: 1 },
    { lng: 1, lat: 1 },
    { lng: 1, lat: 2 },
    { lng: 0, lat: 2 },
    { lng: 0, lat: 0 }, // closing point repeated
  ];
  const big = { id: 'big', polygon: square(-10, -10, 30) };
  const index = new PolygonIndex([{ id: 'L', polygon: L }, big]);
  const table: [number, number, string | null][] = [
    [0.5, 0.5, 'L'],
    [1.5, 0.5, 'L'],
    [0.5, 1.5, 'L'],
    [1.5, 1.5, 'big'], // in the notch: inside the bbox of L but not in L
    [25, 25, null],
    [Number.NaN, 1, null],
  ];
  for (const [lng, lat, id] of table) {
    assert.equal(index.at(lng, lat)?.id ?? null, id, `${lng},${lat}`);
    assert.equal(index.linearAt(lng, lat)?.id ?? null, id, `linear ${lng},${lat}`);
  }
  assert.equal(new PolygonIndex([big, { id: 'L', polygon: L }]).at(0.5, 0.5)?.id, 'big');
  assert.equal(index.get('L')?.id, 'L');
  assert.equal(index.get('nope'), undefined);
});

test('empty indexes answer null; bad polygons are refused', () => {
  const empty = new GridIndex([]);
  assert.equal(empty.gridAt(113.75, 23.02), null);
  assert.equal(empty.linearGridAt(113.75, 23.02), null);
  const two: LngLat[] = [
    { lng: 0, lat: 0 },
    { lng: 1, lat: 1 },
  ];
  assertThrowsCode(() => new PolygonIndex([{ id: 'a', polygon: two }]), 'invalid_polygon', 'a');
  assertThrowsCode(() => new PolygonIndex([{ id: 'b', polygon: [...square(0, 0, 1), { lng: Number.NaN, lat: 0 }] }]), 'invalid_polygon', 'b');
  assertThrowsCode(() => new PolygonIndex([{ id: 'c', polygon: square(0, 0, 1) }, { id: 'c', polygon: square(5, 5, 1) }]), 'duplicate_polygon', 'c');
});
