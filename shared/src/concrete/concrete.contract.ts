/** The concrete API's request schemas (zod) and response types (docs/domain/concrete.md §5). */
import * as z from 'zod';
import { sha256Schema } from '../platform/request.contract';
import { CHIP_UID_PATTERN, MATERIALS, type AlertKind, type PlantStatus, type TicketState } from './concrete.limits';
import { GRADE_PATTERN } from './grade';

const name = (what: string) => z.string().trim().min(2, `${what}至少 2 个字`).max(60, `${what}不超过 60 个字`);
const grade = z.string().regex(GRADE_PATTERN, '强度等级应写作 C30 这样的形式');
const material = z.enum(MATERIALS, { error: '未知的原材料种类' });
const positive = (what: string) => z.number({ error: `${what}应为数字` }).positive(`${what}应大于 0`);
const photo = sha256Schema('照片应为 64 位十六进制 SHA-256');
const chip = z.string().regex(CHIP_UID_PATTERN, '芯片编号应为 8–32 位字母或数字');

export const plantRequest = z.object({ name: name('搅拌站名称'), townId: z.string().min(1), address: name('地址'), conditionsMet: z.array(z.string()).default([]) });
export const qualificationRequest = z.object({ conditionsMet: z.array(z.string()), suspended: z.boolean().default(false), reason: z.string().trim().min(2, '请填写变更原因') });
export const labRequest = z.object({ name: name('检测机构名称'), townId: z.string().min(1).optional() });
/** The project's site (GCJ-02): the centre of its pours' check-in geofence (witnesses check in there). */
const siteLocation = z.object({ lng: z.number({ error: '请选择项目位置' }).min(73, '经度不在中国境内').max(136, '经度不在中国境内'), lat: z.number({ error: '请选择项目位置' }).min(3, '纬度不在中国境内').max(54, '纬度不在中国境内') }, { error: '请选择项目位置' });
export const projectRequest = z.object({ id: z.string().regex(/^[a-z0-9_]{4,40}$/, '项目编号为 4–40 位小写字母、数字或下划线'), name: name('项目名称'), townId: z.string().min(1), location: siteLocation });
export const supplierRequest = z.object({ name: name('供应商名称'), materials: z.array(material).min(1, '至少一种原材料') });
export const lotRequest = z.object({
  supplierId: z.string().min(1),
  material,
  lotNo: z.string().trim().min(1).max(40),
  quantityT: positive('进场数量'),
  test: z.object({ result: z.enum(['pending', 'pass', 'fail']), report: z.string().max(200).optional() }),
});
export const lotTestRequest = z.object({ result: z.enum(['pass', 'fail']), report: z.string().max(200).optional() });
export const mixRequest = z.object({
  code: z.string().trim().min(1).max(30),
  grade,
  lines: z.array(z.object({ material, kgPerM3: positive('每立方用量') })).min(2, '配合比至少两种材料'),
  tolerancesPct: z.partialRecord(material, z.number().positive()).optional(),
});
export const openingRequest = z.object({ slumpMm: positive('坍落度'), note: z.string().trim().min(2, '请填写开盘鉴定结论') });
export const deviceRequest = z.object({ name: name('设备名称') });

/** What the plant's batching control system posts per batch (盘), signed with its device key. */
export const batchPost = z.object({
  batchNo: z.string().min(1).max(40),
  mixId: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
  volumeM3: positive('方量').max(12, '一盘不超过 12 m³'),
  weighed: z.array(z.object({ material, kg: z.number().nonnegative(), lotId: z.string().min(1) })).min(1),
});
/** What the lab's press posts per cube: the raw failure load, never a strength. */
export const loadPost = z.object({ chip, loadKN: positive('破坏荷载'), testedAt: z.iso.datetime({ offset: true }) }).strict();

export const ticketRequest = z.object({
  projectId: z.string().min(1),
  member: z.string().trim().min(2, '请填写浇筑部位').max(40),
  mixId: z.string().min(1),
  volumeM3: positive('方量').max(20),
  batchIds: z.array(z.string()).min(1, '至少关联一盘生产记录'),
  departAt: z.iso.datetime({ offset: true }),
});
export const acceptRequest = z.object({ slumpMm: positive('坍落度'), photo, arrivedAt: z.iso.datetime({ offset: true }), accept: z.boolean().default(true), note: z.string().max(200).optional() });
export const selfTestRequest = z.object({ strengthMPa: positive('自检强度'), ageDays: z.number().int().positive().default(28) });
export const unticketedRequest = z.object({ plantName: name('供货搅拌站'), member: z.string().trim().min(2).max(40), volumeM3: positive('方量'), photo });
export const pourRequest = z.object({ projectId: z.string().min(1), member: z.string().trim().min(2).max(40), grade, volumeM3: positive('浇筑方量'), batches: z.number().int().nonnegative().optional(), shifts: z.number().int().positive().optional(), date: z.iso.datetime({ offset: true }) });
export const sampleRequest = z.object({ ticketId: z.string().min(1), chips: z.array(chip).length(3, '一组试件为 3 块，每块一枚芯片'), cubeSizeMm: z.union([z.literal(100), z.literal(150), z.literal(200)]).default(150) });
export const commissionRequest = z.object({ labId: z.string().min(1) });
/** The lab reads every chip at receipt; nothing else (a strength typed here is refused by `.strict()`). */
export const receiptRequest = z.object({ chipsRead: z.array(chip).min(1, '请读取芯片') }).strict();
export const insituActionRequest = z.object({ action: z.enum(['commission', 'record', 'close']), version: z.number().int().positive(), agency: z.string().optional(), result: z.string().optional(), note: z.string().optional(), outcome: z.enum(['pass', 'fail']).optional() });
export const traceQuery = z.object({ projectId: z.string().optional(), member: z.string().optional(), ticket: z.string().optional(), chip: z.string().optional() });

export type PlantView = { id: string; name: string; address: string; townId?: string; status: PlantStatus; statusLabel: string; conditions: { key: string; label: string; met: boolean }[]; credit: number; codeUrl: string };
export type TicketView = { id: string; plantName: string; projectId: string; member: string; grade: string; volumeM3: number; selfTestMPa: number | null; departAt: string; state: TicketState; stateLabel: string; acceptance: { contractor: boolean; supervisor: boolean }; certificateBlocked: boolean; codeUrl: string; version: number };
export type GroupView = { id: string; member: string; grade: string; chips: string[]; state: string; stateLabel: string; cubeStrengthsMPa?: number[]; representativeMPa?: number; valid?: boolean; passed?: boolean; inspectionBatchId?: string };
export type AlertView = { id: string; kind: AlertKind; label: string; message: string; at: string; projectId?: string; plantId?: string };
export type PourView = { id: string; member: string; grade: string; volumeM3: number; requiredGroups: number; sampledGroups: number; shortfall: number; version: number };
export type PourDetailView = PourView & { projectId: string; groups: GroupView[] };
export type ProjectView = { id: string; name: string; lab: string | null };
export type BatchView = { id: string; batchNo: string; at: string; volumeM3: number; grade: string; mixId: string; flagged: boolean };
export type LotView = { id: string; material: string; materialLabel: string; lotNo: string; supplier: string; quantityT: number; test: 'pending' | 'pass' | 'fail'; version: number };
export type MixView = { id: string; code: string; grade: string; lines: { material: string; kgPerM3: number }[]; tolerancesPct: Record<string, number>; opened: boolean };
export type CreditEntryView = { at: string; event: string; label: string; delta: number; score: number };
export type PlantDetailView = PlantView & { creditHistory: CreditEntryView[] };
export type InspectionBatchView = { id: string; projectId: string; projectName: string; plantId: string; plantName: string; grade: string; groups: number; result: string | null; passed: boolean | null };
export type CaseView = { id: string; kind: 'insitu' | 'divergence'; state: string; stateLabel: string; projectId: string; member: string | null; detail: string; agency: string | null; result: string | null; version: number; createdAt: string };
