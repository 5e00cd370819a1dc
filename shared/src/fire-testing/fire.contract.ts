/**
 * The fire-testing API (`/api/fire/*`): request schemas the routes parse with. The mini-program imports the
 * types only (never zod); values it needs are in fire.limits.ts.
 */
import * as z from 'zod';
import { MAX_PHOTOS } from '../platform/evidence.limits';
import { chinaPointSchema, recordVersionSchema, sha256Schema } from '../platform/request.contract';
import { FIRE_SYSTEMS, OPERATOR_LEVELS, PRACTICE_SCOPES, TEST_KINDS, VERDICTS } from './fire.limits';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const name = z.string().trim().min(2, '请填写姓名或名称').max(60);
const text = (min: number, max: number, message: string) => z.string().trim().min(min, message).max(max);

/** POST /api/fire/agencies (the regulator registers an agency with its practice conditions). */
export const agencyRequest = z.object({
  name: z.string().trim().min(4, '请填写机构名称').max(60),
  creditCode: z.string().trim().regex(/^[0-9A-Z]{18}$/, '统一社会信用代码应为 18 位'),
  townId: z.string().min(1).max(40).optional(),
  address: z.string().trim().max(120).default(''),
  practice: z.object({
    scope: z.enum(PRACTICE_SCOPES),
    enterpriseLegalPerson: z.boolean(),
    workplaceM2: z.number().nonnegative().max(1_000_000),
    equipmentConforming: z.boolean(),
    qualityManagementSystem: z.boolean(),
    assessmentProcessControl: z.boolean(),
  }),
});
export type AgencyBody = z.input<typeof agencyRequest>;

/** PATCH /api/fire/agencies/:id/practice — a change of conditions (re-judged at once). */
export const practiceChangeRequest = z.object({ practice: agencyRequest.shape.practice.partial(), version: recordVersionSchema });

/**
 * POST /api/fire/agencies/import — a sheet of agencies (xlsx or UTF-8 CSV, base64) for a city: `commit: false` is the
 * dry run (every problem by line, nothing written); `commit: true` writes all rows or none.
 */
export const agencyImportRequest = z.object({
  cityId: z.string().min(1).max(40),
  fileName: z.string().trim().min(1).max(120),
  contentBase64: z.string().min(4, '文件为空').max(1_000_000, '文件过大（上限约 700 KB），请拆分后导入'),
  commit: z.boolean().default(false),
});
export type AgencyImportBody = z.input<typeof agencyImportRequest>;

/** POST /api/fire/agencies/:id/instruments/import — one agency's instruments from a sheet; dry run or commit as above. */
export const instrumentImportRequest = agencyImportRequest.omit({ cityId: true });
export type InstrumentImportBody = z.input<typeof instrumentImportRequest>;

/** POST /api/fire/agencies/:id/people — a registered engineer or a certified operator joins the agency. */
export const personRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('engineer'), name, phone: z.string().regex(/^1\d{10}$/).optional(), level: z.union([z.literal(1), z.literal(2)], { error: '注册等级应为 1（一级）或 2（二级）' }), registrationNo: z.string().trim().min(6, '请填写注册编号').max(40) }),
  z.object({ kind: z.literal('operator'), name, phone: z.string().regex(/^1\d{10}$/).optional(), level: z.enum(OPERATOR_LEVELS), certificateNo: z.string().trim().min(6, '请填写证书编号').max(40), validUntil: day }),
]);
export type PersonBody = z.input<typeof personRequest>;

/** POST /api/fire/instruments. */
export const instrumentRequest = z.object({
  type: z.string().trim().min(2, '请填写仪器名称').max(40),
  serial: z.string().trim().min(2, '请填写出厂编号').max(40),
  calibrationNo: z.string().trim().min(4, '请填写检定/校准证书编号').max(40),
  validUntil: day,
});

/** POST /api/fire/projects — a test project and its plan. */
export const projectRequest = z.object({
  kind: z.enum(TEST_KINDS).default('维保检测'),
  building: z.object({
    name: z.string().trim().min(2, '请填写建筑名称').max(60),
    address: z.string().trim().min(4, '请填写建筑地址').max(120),
    use: z.string().trim().min(2, '请填写使用性质').max(30),
    heightM: z.number().positive().max(700),
    areaM2: z.number().positive().max(5_000_000),
    location: chinaPointSchema,
    geofenceM: z.number().int().min(50).max(1000).optional(),
    townId: z.string().max(40).optional(),
  }),
  client: z.object({ name: text(2, 60, '请填写委托单位'), phone: z.string().regex(/^1\d{10}$/).optional() }),
  contractNo: text(2, 40, '请填写合同编号'),
  systems: z.array(z.enum(FIRE_SYSTEMS)).min(1, '请选择检测的系统').max(FIRE_SYSTEMS.length),
  testDate: day,
  team: z.object({ projectLead: z.string().min(3), techLead: z.string().min(3), operators: z.array(z.string().min(3)).min(1, '请至少安排 1 名消防设施操作员').max(20) }),
  instruments: z.array(z.string().min(3)).min(1, '请至少选择 1 台检测仪器').max(30),
});
export type ProjectBody = z.input<typeof projectRequest>;

export const versionOnly = z.object({ version: recordVersionSchema });

/** POST /api/fire/projects/:id/scans — an instrument's label scanned before use. */
export const scanRequest = z.object({ code: z.string().min(3).max(300) });

/** POST /api/fire/projects/:id/records. */
export const recordRequest = z.object({
  system: z.enum(FIRE_SYSTEMS),
  item: text(2, 60, '请填写检测项目'),
  value: text(1, 40, '请填写实测值'),
  limit: text(1, 40, '请填写标准要求'),
  verdict: z.enum(VERDICTS),
  instrumentId: z.string().min(3).max(40).optional(),
  photos: z.array(sha256Schema()).max(MAX_PHOTOS).default([]),
});
export type RecordBody = z.input<typeof recordRequest>;

/** POST /api/fire/reports/:id/issue — the technical lead signs with the practice seals and the agency seal. */
export const issueRequest = z.object({ practiceSeals: z.boolean(), agencySeal: z.boolean(), version: recordVersionSchema });

/** POST /api/fire/events/:id/notice. */
export const noticeRequest = z.object({ text: z.string().trim().max(300), deadline: z.string().datetime({ offset: true }), toOwner: z.boolean().default(true), version: recordVersionSchema });
/** POST /api/fire/events/:id/reply and /close. */
export const eventTextRequest = z.object({ text: z.string().trim().max(500), photos: z.array(sha256Schema()).max(MAX_PHOTOS).default([]), version: recordVersionSchema });

/** POST /api/fire/acceptances — 消防验收 results per system for a tested building. */
export const acceptanceRequest = z.object({
  projectId: z.string().min(3).max(40),
  acceptedAt: day,
  items: z.record(z.string().min(2).max(40), z.enum(VERDICTS)).refine((r) => Object.keys(r).length > 0, '请至少填写 1 个验收项目'),
});

/** POST /api/fire/cases/:id/decide. */
export const caseDecisionRequest = z.object({ findings: z.string().trim().max(500), penalty: z.string().trim().max(200).default(''), version: recordVersionSchema });

/** GET /api/fire/report-check?number=&check= — a paper report's number and its printed check code. */
export const reportCheckQuery = z.object({ number: z.string().trim().min(4).max(40), check: z.string().trim().min(4).max(20) });
