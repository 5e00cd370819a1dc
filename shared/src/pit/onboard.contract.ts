/**
 * The pit onboarding API (`/api/pit/projects` create/setup/lifecycle, parties, plan, configuration, devices,
 * `/api/ingest/pit/projects/:id/points/import`): request schemas and response shapes (docs/domain/pit.md §7).
 */
import * as z from 'zod';
import { recordVersionSchema } from '../platform/request.contract';
import { SAFETY_LEVELS, SUPPORT_TYPES, type SafetyLevel, type SupportType } from './domain/items';
import { PLAN_STAGES, MAX_EPOCHS_PER_DAY, MIN_EPOCHS_PER_DAY, planProblem, type MonitoringPlan, type PlanStage } from './domain/monitoring-plan';
import { PROJECT_ACTIONS, PROJECT_REASON_MIN, type ProjectAction, type ProjectStatus } from './domain/project.machine';
import {
  CHINA_BOUNDS,
  DEPTH_MAX_M,
  DEPTH_MIN_M,
  DEVICE_FORMATS,
  DEVICE_NAME_MAX,
  PARTY_ORG_MAX,
  PARTY_ROLE_KEYS,
  PEOPLE_PER_PARTY_MAX,
  PERSON_NAME_MAX,
  PROJECT_ADDRESS_MAX,
  PROJECT_NAME_MAX,
  type DeviceFormat,
  type PartyRoleKey,
} from './onboard.limits';

const MOBILE = /^1[3-9]\d{9}$/;
const CODE = /^[A-Za-z0-9_-]{1,20}$/;

export const projectInfoFields = {
  name: z.string({ message: '请填写项目名称' }).trim().min(2, '请填写项目名称').max(PROJECT_NAME_MAX, `项目名称不超过 ${PROJECT_NAME_MAX} 字`),
  address: z.string({ message: '请填写项目地址' }).trim().min(4, '请填写项目地址').max(PROJECT_ADDRESS_MAX, `地址不超过 ${PROJECT_ADDRESS_MAX} 字`),
  location: z.object(
    {
      lng: z.number({ message: '请选择项目位置' }).min(CHINA_BOUNDS.lngMin, '经度不在中国境内').max(CHINA_BOUNDS.lngMax, '经度不在中国境内'),
      lat: z.number({ message: '请选择项目位置' }).min(CHINA_BOUNDS.latMin, '纬度不在中国境内').max(CHINA_BOUNDS.latMax, '纬度不在中国境内'),
    },
    { message: '请选择项目位置（GCJ-02 经纬度）' },
  ),
  safetyLevel: z.union([z.literal(1), z.literal(2), z.literal(3)], { message: `基坑安全等级应为 ${SAFETY_LEVELS.join('、')} 级` }),
  depthM: z.number({ message: '请填写开挖深度（米）' }).min(DEPTH_MIN_M, `开挖深度应在 ${DEPTH_MIN_M}～${DEPTH_MAX_M} 米之间`).max(DEPTH_MAX_M, `开挖深度应在 ${DEPTH_MIN_M}～${DEPTH_MAX_M} 米之间`),
  supportType: z.enum(Object.keys(SUPPORT_TYPES) as [SupportType, ...SupportType[]], { message: '请选择支护形式' }),
};

export const createProjectRequest = z.object({
  ...projectInfoFields,
  cityId: z.string({ message: '请选择城市' }).min(1, '请选择城市'),
  townId: z.string({ message: '请选择镇街' }).min(1, '请选择镇街'),
});
export type CreateProjectBody = z.input<typeof createProjectRequest>;

export const editProjectRequest = z.object({ ...projectInfoFields, version: recordVersionSchema });
export type EditProjectBody = z.input<typeof editProjectRequest>;

const person = z.object({
  name: z.string({ message: '请填写联系人姓名' }).trim().min(1, '请填写联系人姓名').max(PERSON_NAME_MAX, `姓名不超过 ${PERSON_NAME_MAX} 字`),
  phone: z.string({ message: '请填写手机号' }).trim().regex(MOBILE, '手机号应为 11 位中国大陆手机号'),
});
/** A party as entered: the organisation and its people (each becomes a contact account bound to the project). */
const party = z.object({
  org: z.string({ message: '请填写单位名称' }).trim().min(2, '请填写单位名称').max(PARTY_ORG_MAX, `单位名称不超过 ${PARTY_ORG_MAX} 字`),
  /** people already on the party, kept by user id (their phones are not sent back) */
  keep: z.array(z.string()).max(PEOPLE_PER_PARTY_MAX).default([]),
  /** people added now */
  add: z.array(person).max(PEOPLE_PER_PARTY_MAX).default([]),
});
export const partiesRequest = z.object({
  parties: z.object(Object.fromEntries(PARTY_ROLE_KEYS.map((r) => [r, party.optional()])) as Record<PartyRoleKey, z.ZodOptional<typeof party>>),
  version: recordVersionSchema,
});
export type PartiesBody = z.input<typeof partiesRequest>;

const num = (what: string) => z.number({ message: `${what}应为数字` }).finite();
export const configRequest = z.object({
  leveling: z
    .object({
      benchmarks: z.record(z.string().regex(CODE, '基准点编号只能由字母、数字、“-”和“_”组成'), num('基准点高程')),
      start: z.string().min(1, '请填写水准路线起点'),
      end: z.string().optional(),
      kMm: z.number({ message: '请填写闭合差限差系数 k（mm）' }).positive('k 应大于 0').max(20, 'k 不超过 20 mm'),
      stationDiffLimitMm: z.number().positive().max(10).optional(),
    })
    .optional(),
  controlPoints: z.record(z.string().regex(CODE, '控制点编号只能由字母、数字、“-”和“_”组成'), z.object({ E: num('控制点 E 坐标'), N: num('控制点 N 坐标'), H: num('控制点高程').optional() })).optional(),
  version: recordVersionSchema,
});
export type ConfigBody = z.input<typeof configRequest>;

const perDay = z.number({ message: '频率应为数字（每日次数）' }).min(MIN_EPOCHS_PER_DAY, '频率不低于每 30 日 1 次').max(MAX_EPOCHS_PER_DAY, `频率不高于每日 ${MAX_EPOCHS_PER_DAY} 次`);
export const planRequest = z
  .object({
    stage: z.enum(PLAN_STAGES, { message: '请选择施工阶段' }),
    frequencies: z.record(z.string(), z.record(z.string(), perDay)).default({}),
    version: recordVersionSchema,
  })
  .superRefine((p, ctx) => {
    const problem = planProblem({ stage: p.stage, frequencies: p.frequencies as MonitoringPlan['frequencies'] });
    if (problem) ctx.addIssue({ code: 'custom', path: ['frequencies'], message: problem });
  });
export type PlanBody = z.input<typeof planRequest>;

export const lifecycleRequest = z.object({
  action: z.enum(PROJECT_ACTIONS, { message: '未知的操作' }),
  reason: z.string().trim().max(500, '说明不超过 500 字').default(''),
  version: recordVersionSchema,
});
export type LifecycleBody = z.input<typeof lifecycleRequest>;

export const pointImportRequest = z.object({
  fileName: z.string({ message: '请选择测点表格文件' }).min(1).max(200),
  /** the file's bytes, base64 */
  contentBase64: z.string({ message: '请选择测点表格文件' }).min(1, '文件为空'),
  version: recordVersionSchema,
});
export type PointImportBody = z.input<typeof pointImportRequest>;

export const initialProfileRequest = z.object({ text: z.string({ message: '请选择测斜初始测值文件' }).min(1, '文件为空').max(1024 * 1024, '初始测值文件不超过 1 MB') });

export const registerDeviceRequest = z.object({
  name: z.string({ message: '请填写设备名称' }).trim().min(1, '请填写设备名称').max(DEVICE_NAME_MAX, `设备名称不超过 ${DEVICE_NAME_MAX} 字`),
  format: z.enum(DEVICE_FORMATS, { message: '请选择设备类型' }),
});
export type RegisterDeviceBody = z.input<typeof registerDeviceRequest>;

export { PROJECT_REASON_MIN };

// Responses ------------------------------------------------------------------------------------------------

export type PartyPersonView = { userId: string; name: string; phoneMasked: string | null; hasAccount: boolean };
export type PartyView = { org: string; people: PartyPersonView[] };

export type PitSetupView = {
  id: string;
  version: number;
  status: ProjectStatus;
  statusLabel: string;
  name: string;
  address: string;
  location: { lng: number; lat: number };
  cityId: string;
  townId: string;
  safetyLevel: SafetyLevel;
  depthM: number;
  supportType: SupportType;
  parties: Partial<Record<PartyRoleKey, PartyView>>;
  leveling: { benchmarks: Record<string, number>; start: string; end?: string; kMm: number; stationDiffLimitMm?: number } | null;
  controlPoints: Record<string, { E: number; N: number; H?: number }>;
  plan: { stage: PlanStage; stageLabel: string; frequencies: Partial<Record<PlanStage, Record<string, number>>>; current: { item: string; itemLabel: string; perDay: number; text: string }[] };
  pointCount: number;
  points: { code: string; item: string; itemLabel: string; name: string | null }[];
  devices: DeviceView[];
  /** what activation still lacks (empty when ready) */
  setupProblems: string[];
  /** lifecycle actions this person may take now */
  actions: ProjectAction[];
};

export type DeviceView = { id: string; name: string; format: DeviceFormat; enabled: boolean; keyRotatedAt: string | null; revokedAt: string | null };
/** The key is answered once, at registration or rotation, and never again. */
export type DeviceKeyOnce = DeviceView & { key: string };

export type PointImportOutcome = { imported: number; points: { row: number; code: string; item: string }[] };
export type PointImportProblemView = { row: number; column: string; message: string };
