/**
 * Limits and labels of the pit onboarding API (projects, parties, point import, plan, devices) that the pages
 * check before sending and the routes check again. No zod here: the mini-program imports this file.
 */
export const PROJECT_NAME_MAX = 60;
export const PROJECT_ADDRESS_MAX = 120;
export const PARTY_ORG_MAX = 60;
export const PERSON_NAME_MAX = 20;
export const PEOPLE_PER_PARTY_MAX = 10;
export const DEPTH_MIN_M = 0.5;
export const DEPTH_MAX_M = 100;
/** A point spreadsheet (xlsx or CSV) is small: 2,000 points fit in a few hundred KB. */
export const POINT_FILE_MAX_BYTES = 2 * 1024 * 1024;
export const POINT_FILE_TOO_LARGE = '测点表格不能超过 2 MB，请删去无关的工作表和格式后重试';
export const DEVICE_NAME_MAX = 30;
/** The request path of the point import (the ingest function: files up to a few MB). */
export const POINT_IMPORT_PATH = /^\/api\/ingest\/pit\/projects\/[^/]+\/points\/import$/;

export const PARTY_ROLE_KEYS = ['owner', 'contractor', 'supervisor', 'monitor', 'designer'] as const;
export type PartyRoleKey = (typeof PARTY_ROLE_KEYS)[number];
export const PARTY_ROLE_LABELS: Record<PartyRoleKey, string> = { owner: '建设单位', contractor: '施工单位', supervisor: '监理单位', monitor: '监测单位', designer: '设计单位' };

/** Formats an automatic station may post (the device ingest path): shared/pit/domain/upload-formats.ts. */
export { DEVICE_FORMATS, type DeviceFormat } from './domain/upload-formats';
import type { DeviceFormat } from './domain/upload-formats';
export const DEVICE_FORMAT_LABELS: Record<DeviceFormat, string> = { vw_csv: '振弦采集仪（轴力等）', water_csv: '自动水位计', tps_csv: '自动全站仪', tilt_csv: '倾斜仪', crack_csv: '裂缝计' };

/** GCJ-02 coordinates inside mainland China (what WeChat and Tencent Maps give). */
export const CHINA_BOUNDS = { lngMin: 73, lngMax: 136, latMin: 3, latMax: 54 };
