/**
 * Ready-mixed concrete: labels and defaults the pages and the platform share (zod-free; docs/domain/concrete.md §5).
 */

/** Raw materials of the ledger (原材料台账). */
export const MATERIALS = ['cement', 'sand', 'stone', 'flyAsh', 'slag', 'admixture', 'water'] as const;
export type Material = (typeof MATERIALS)[number];
export const MATERIAL_LABELS: Record<Material, string> = { cement: '水泥', sand: '砂', stone: '石', flyAsh: '粉煤灰', slag: '矿粉', admixture: '外加剂', water: '水' };

/**
 * Allowed weighing deviation of one batch (每盘计量允许偏差, GB/T 14902-2012 §9.1 / GB 50164-2011 §6.5, docs/domain/concrete.md §5.2):
 * binders ±2 %, aggregates ±3 %, water and admixtures ±1 %. A mix may carry its own (tighter) tolerances.
 */
export const DEFAULT_TOLERANCE_PCT: Record<Material, number> = { cement: 2, flyAsh: 2, slag: 2, sand: 3, stone: 3, water: 1, admixture: 1 };

/** Test result of a raw-material lot on arrival (进场复检). */
export const LOT_RESULTS = ['pending', 'pass', 'fail'] as const;
export type LotResult = (typeof LOT_RESULTS)[number];
export const LOT_RESULT_LABELS: Record<LotResult, string> = { pending: '待检', pass: '合格', fail: '不合格' };

/** A plant's status: qualified (all conditions met), unqualified (some not met), suspended by the regulator. */
export const PLANT_STATUSES = ['qualified', 'unqualified', 'suspended'] as const;
export type PlantStatus = (typeof PLANT_STATUSES)[number];
export const PLANT_STATUS_LABELS: Record<PlantStatus, string> = { qualified: '资质有效', unqualified: '资质不全', suspended: '已暂停' };

/** Qualification conditions as data (默认; a city keeps its own list in its concrete rules). */
export const DEFAULT_QUALIFICATION_CONDITIONS: readonly { key: string; label: string }[] = [
  { key: 'licence', label: '预拌混凝土专业承包资质证书有效' },
  { key: 'lab', label: '试验室通过备案（配备标养室及压力试验机）' },
  { key: 'batching', label: '计量设备经检定且接入平台' },
  { key: 'environment', label: '环保验收合格' },
];

export const TICKET_STATES = ['issued', 'accepted', 'rejected'] as const;
export type TicketState = (typeof TICKET_STATES)[number];
export const TICKET_STATE_LABELS: Record<TicketState, string> = { issued: '在途', accepted: '已验收', rejected: '已退货' };

export const CUBE_SIZES = [100, 150, 200] as const;
/** Chip UIDs (NFC tags: 4, 7 or 10 bytes as hex; or a printed code typed in): 8–32 characters. */
/** The check-in geofence of a pour (site kind `concrete_pour`): this radius around the project's location. */
export const POUR_GEOFENCE_M = 300;
/** What a witnessed sampling records of the witness's presence: checked in at the pour, or written by the demo seed. */
export type WitnessPresence = 'present' | 'seeded';

export const CHIP_UID_PATTERN = /^[A-Za-z0-9]{8,32}$/;

/** Kinds of concrete alerts, with what each says. */
export const ALERT_KINDS = ['unticketed', 'specimen_refused', 'group_failed', 'batch_failed', 'group_invalid', 'divergence', 'batch_deviation', 'sampling_shortfall'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const ALERT_LABELS: Record<AlertKind, string> = {
  unticketed: '无电子运输单进场（疑似黑站）',
  specimen_refused: '试件芯片异常被拒收',
  group_failed: '试件组强度不足',
  batch_failed: '检验批评定不合格',
  group_invalid: '试件组无效',
  divergence: '自检与检测结果不一致',
  batch_deviation: '生产计量超差',
  sampling_shortfall: '取样组数不足',
};

/** Default credit of a plant and its floor/ceiling. */
export const CREDIT_START = 100;

/** What lowered (or raised) a plant's credit, as the history shows it. */
export const CREDIT_EVENT_LABELS: Record<string, string> = { group_failed: '试件组强度不足', batch_failed: '检验批评定不合格', divergence: '自检与检测结果不一致', unticketed: '无单供货', failed_lot_used: '使用不合格原材料' };
/** The states a list of specimen groups can be filtered by (specimen-group.machine.ts). */
export const GROUP_LIST_STATES = ['sampled', 'received', 'tested'] as const;
