import type { Item, SafetyLevel, SupportType } from './items';

/**
 * Default control values from GB 50497-2019 表8.0.4 / 8.0.5 (docs/domain/pit.md §1.2–1.3, transcribed [T]/[M]).
 * The designer fixes the real values (§8.0.1); these only pre-fill a new project, taking the LOWER end of
 * each published range (the conservative choice). Data, not code: a city can replace the table.
 *
 * `absoluteMm`, `percentH` (percent of design depth H), `rate` (per day, in the item's unit); `absolute` for
 * items not measured in mm (tilt, in ‰); `forceFraction` of the design force (struts, anchors, rebar meters).
 */
export type ControlDefault = { absoluteMm?: number; absolute?: number; percentH?: number; rate?: number; forceFraction?: number };
type Row = Partial<Record<SafetyLevel, ControlDefault>>;

const RIGID: SupportType[] = ['pile', 'diaphragmWall', 'sheetPile', 'smw'];
const NAILED: SupportType[] = ['soilNail', 'compositeSoilNail', 'cementSoilWall'];

const TOP_HORIZONTAL: [SupportType[], Row][] = [
  [RIGID, { 1: { absoluteMm: 20, percentH: 0.2, rate: 2 }, 2: { absoluteMm: 30, percentH: 0.3, rate: 2 }, 3: { absoluteMm: 40, percentH: 0.6, rate: 3 } }],
  [NAILED, { 1: { absoluteMm: 30, percentH: 0.3, rate: 3 }, 2: { absoluteMm: 40, percentH: 0.5, rate: 4 }, 3: { absoluteMm: 50, percentH: 0.7, rate: 5 } }],
];
const TOP_VERTICAL: [SupportType[], Row][] = [
  [['pile', 'diaphragmWall', 'sheetPile'], { 1: { absoluteMm: 10, percentH: 0.1, rate: 2 }, 2: { absoluteMm: 20, percentH: 0.3, rate: 2 }, 3: { absoluteMm: 30, percentH: 0.5, rate: 3 } }],
  [['cementSoilWall', 'smw', 'soilNail', 'compositeSoilNail'], { 1: { absoluteMm: 30, percentH: 0.6, rate: 3 }, 2: { absoluteMm: 40, percentH: 0.8, rate: 4 }, 3: { absoluteMm: 40, percentH: 0.8, rate: 4 } }],
];
const DEEP: [SupportType[], Row][] = [
  // rate not captured in the transcription for piles/diaphragm walls: 2 mm/d pre-filled, the designer must confirm
  [['pile', 'diaphragmWall', 'smw'], { 1: { absoluteMm: 30, percentH: 0.3, rate: 2 }, 2: { absoluteMm: 40, percentH: 0.4, rate: 3 }, 3: { absoluteMm: 50, percentH: 0.6, rate: 4 } }],
  [['sheetPile'], { 1: { absoluteMm: 50, percentH: 0.6, rate: 2 }, 2: { absoluteMm: 60, percentH: 0.7, rate: 3 }, 3: { absoluteMm: 70, percentH: 0.8, rate: 4 } }],
  [NAILED, { 1: { absoluteMm: 40, percentH: 0.4, rate: 3 }, 2: { absoluteMm: 50, percentH: 0.6, rate: 4 }, 3: { absoluteMm: 60, percentH: 0.7, rate: 5 } }],
];
const ANY = (row: Row): [SupportType[], Row][] => [[[...RIGID, ...NAILED], row]];

const TABLE: Record<Item, [SupportType[], Row][]> = {
  wallTopHorizontal: TOP_HORIZONTAL,
  wallTopVertical: TOP_VERTICAL,
  deepHorizontal: DEEP,
  columnVertical: ANY({ 1: { absoluteMm: 20, rate: 2 }, 2: { absoluteMm: 20, rate: 2 }, 3: { absoluteMm: 20, rate: 2 } }),
  groundSettlement: ANY({ 1: { absoluteMm: 25, rate: 2 }, 2: { absoluteMm: 35, rate: 3 }, 3: { absoluteMm: 45, rate: 4 } }),
  // struts: (60~80)% of the member capacity f₂; anchors likewise [M]
  strutForce: ANY({ 1: { forceFraction: 0.6 }, 2: { forceFraction: 0.7 }, 3: { forceFraction: 0.7 } }),
  anchorForce: ANY({ 1: { forceFraction: 0.6 }, 2: { forceFraction: 0.7 }, 3: { forceFraction: 0.7 } }),
  // 表8.0.5 surroundings (level-independent)
  waterLevel: ANY({ 1: { absoluteMm: 1000, rate: 500 }, 2: { absoluteMm: 1000, rate: 500 }, 3: { absoluteMm: 1000, rate: 500 } }),
  buildingSettlement: ANY({ 1: { absoluteMm: 20, rate: 2 }, 2: { absoluteMm: 20, rate: 2 }, 3: { absoluteMm: 20, rate: 2 } }),
  pipelineSettlement: ANY({ 1: { absoluteMm: 10, rate: 2 }, 2: { absoluteMm: 10, rate: 2 }, 3: { absoluteMm: 10, rate: 2 } }),
  // roads: expressway / main road 10~30 mm, ordinary road 20~40 mm, both 3 mm/d: the stricter row
  roadSettlement: ANY({ 1: { absoluteMm: 10, rate: 3 }, 2: { absoluteMm: 10, rate: 3 }, 3: { absoluteMm: 10, rate: 3 } }),
  // buildings: tilt 2/1000 = 2 ‰; tilt speed 0.0001·H per day of a building of height H is 0.1 ‰/d
  buildingTilt: ANY({ 1: { absolute: 2, rate: 0.1 }, 2: { absolute: 2, rate: 0.1 }, 3: { absolute: 2, rate: 0.1 } }),
  // cracks: an existing structural crack 1.5~3 mm, a ground crack 10~15 mm; the rate is "continuing growth" (no number)
  buildingCrack: ANY({ 1: { absoluteMm: 1.5 }, 2: { absoluteMm: 1.5 }, 3: { absoluteMm: 1.5 } }),
  groundCrack: ANY({ 1: { absoluteMm: 10 }, 2: { absoluteMm: 10 }, 3: { absoluteMm: 10 } }),
  // wall internal force (rebar meters): (60~70)% of the design value at level 1, (70~80)% at levels 2 and 3
  wallInternalForce: ANY({ 1: { forceFraction: 0.6 }, 2: { forceFraction: 0.7 }, 3: { forceFraction: 0.7 } }),
};

/**
 * The default control for an item on a project of this safety level and support type.
 * @example defaultControl('wallTopVertical', 1, 'pile') // { absoluteMm: 10, percentH: 0.1, rate: 2 }
 */
export function defaultControl(item: Item, level: SafetyLevel, support: SupportType): ControlDefault | null {
  for (const [supports, row] of TABLE[item]) if (supports.includes(support)) return row[level] ?? null;
  return null;
}

/**
 * Cumulative control = min(absolute, %·H) (表8.0.4 note 1), in the item's unit: mm, or ‰ for tilt (`absolute`).
 * @example cumulativeControlMm({ absoluteMm: 30, percentH: 0.3 }, 8) // 24
 */
export function cumulativeControlMm(c: ControlDefault, depthM: number): number | null {
  const pct = c.percentH !== undefined ? c.percentH * depthM * 10 : Infinity;
  const abs = c.absoluteMm ?? c.absolute ?? Infinity;
  const v = Math.min(pct, abs);
  return Number.isFinite(v) ? v : null;
}
