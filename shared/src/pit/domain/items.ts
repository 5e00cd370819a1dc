/**
 * Monitoring items (监测项, GB 50497 表4.2.1) and how each is measured and judged: every item the standard
 * marks 应测 for a level-1 pit, plus wall internal force by rebar meters (docs/domain/pit.md §1.1).
 * `method`: how it is measured (which upload formats feed it); `unit` of cumulative values; `rateUnit` of rates.
 * Tilt is in ‰ (mm per m: 2‰ is the standard's 2/1000).
 */
export const ITEMS = {
  wallTopHorizontal: { label: '围护墙顶部水平位移', method: 'total_station', unit: 'mm', rateUnit: 'mm/d' },
  wallTopVertical: { label: '围护墙顶部竖向位移', method: 'leveling', unit: 'mm', rateUnit: 'mm/d' },
  deepHorizontal: { label: '深层水平位移', method: 'inclinometer', unit: 'mm', rateUnit: 'mm/d' },
  columnVertical: { label: '立柱竖向位移', method: 'leveling', unit: 'mm', rateUnit: 'mm/d' },
  strutForce: { label: '支撑轴力', method: 'vibrating_wire', unit: 'kN', rateUnit: 'kN/d' },
  anchorForce: { label: '锚杆轴力', method: 'vibrating_wire', unit: 'kN', rateUnit: 'kN/d' },
  waterLevel: { label: '地下水位', method: 'water_level', unit: 'mm', rateUnit: 'mm/d' },
  groundSettlement: { label: '周边地表竖向位移', method: 'leveling', unit: 'mm', rateUnit: 'mm/d' },
  buildingSettlement: { label: '周边建筑竖向位移', method: 'leveling', unit: 'mm', rateUnit: 'mm/d' },
  pipelineSettlement: { label: '周边管线竖向位移', method: 'leveling', unit: 'mm', rateUnit: 'mm/d' },
  roadSettlement: { label: '周边道路竖向位移', method: 'leveling', unit: 'mm', rateUnit: 'mm/d' },
  buildingTilt: { label: '周边建筑倾斜', method: 'tilt_meter', unit: '‰', rateUnit: '‰/d' },
  buildingCrack: { label: '周边建筑裂缝宽度', method: 'crack_gauge', unit: 'mm', rateUnit: 'mm/d' },
  groundCrack: { label: '周边地表裂缝宽度', method: 'crack_gauge', unit: 'mm', rateUnit: 'mm/d' },
  wallInternalForce: { label: '围护墙内力（钢筋计）', method: 'vibrating_wire', unit: 'kN', rateUnit: 'kN/d' },
} as const;
export type Item = keyof typeof ITEMS;
export type ItemMethod = (typeof ITEMS)[Item]['method'];
/** Whether a point of this item is measured this way (which upload formats may carry it). */
export const measuredBy = (item: Item, method: ItemMethod): boolean => ITEMS[item]?.method === method;
export const ITEM_KEYS = Object.keys(ITEMS) as Item[];

export const SAFETY_LEVELS = [1, 2, 3] as const;
export type SafetyLevel = (typeof SAFETY_LEVELS)[number];

export const SUPPORT_TYPES = {
  pile: '灌注桩',
  diaphragmWall: '地下连续墙',
  sheetPile: '钢板桩',
  smw: '型钢水泥土墙',
  soilNail: '土钉墙',
  compositeSoilNail: '复合土钉墙',
  cementSoilWall: '水泥土墙',
} as const;
export type SupportType = keyof typeof SUPPORT_TYPES;
