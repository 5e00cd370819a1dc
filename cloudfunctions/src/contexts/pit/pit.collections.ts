import type { Scope } from '@cityloop/shared/policy/scope';
import type { Level } from '@cityloop/shared/pit/levels';
import type { PitFlag } from '@cityloop/shared/pit/leveling.types';
import type { PointResult } from '@cityloop/shared/pit/domain/point-judge';
import type { PointConfig, ProjectConfig, UploadFormat } from '@cityloop/shared/pit/domain/epoch.solve';
import type { DeviceFormat } from '@cityloop/shared/pit/domain/upload-formats';
import type { SafetyLevel, SupportType } from '@cityloop/shared/pit/domain/items';
import type { AlarmStatus } from '@cityloop/shared/pit/domain/alarm.machine';
import type { ProjectStatus } from '@cityloop/shared/pit/domain/project.machine';
import type { MonitoringPlan } from '@cityloop/shared/pit/domain/monitoring-plan';
import type { ImportRecord } from '../../platform/staged-import';
import type { AggregateBase } from '../../platform/aggregate';
import type { CollectionIndexes } from '../../platform/context-module';

export type PartyRole = 'owner' | 'contractor' | 'supervisor' | 'monitor' | 'designer';
/**
 * A project party: its organisation and its people, by user id only. A person's name and phone live once, on
 * their user document (a contact account when they never signed in), so SMS reaches people without WeChat.
 */
export type Party = { org: string; people: { userId: string }[] };

/** 基坑项目 */
export type PitProject = AggregateBase & {
  name: string;
  address: string;
  location: { lng: number; lat: number };
  safetyLevel: SafetyLevel;
  depthM: number;
  supportType: SupportType;
  scope: Scope & { projectId: string };
  /** parties entered so far (a new project has only its monitoring unit, or none) */
  parties: Partial<Record<PartyRole, Party>>;
  /** lifecycle (shared/pit/domain/project.machine.ts); only `active` projects are checked for 缺测 */
  status: ProjectStatus;
  /** when it last became 监测中 (activated or resumed): the 缺测 clock of a point never measured starts here */
  monitoringSince?: Date;
  config: ProjectConfig;
  /** the approved 监测方案: construction stage and frequency per stage and item (缺测 check) */
  plan: MonitoringPlan;
  worstLevel: Level;
  /** bumped on every point change; the snapshot of point configurations is rebuilt after it */
  pointsVersion?: number;
  /** the point configurations the solver needs, as one JSON string (FerretDB decodes a string far faster than 150 objects) */
  pointsSnapshotJson?: string;
  /** the same, as written before the snapshot was packed */
  pointsSnapshot?: Record<string, PointConfig>;
  createdAt: Date;
};

/** 监测点: its configuration is what the solver needs; control changes are audited events. */
export type PitPoint = AggregateBase & PointConfig & {
  projectId: string;
  name?: string;
  scope: Scope & { projectId: string };
  controlSource: 'standard' | 'designer';
  /** struts and anchors: the member's design capacity f₂ (kN) the standard control was taken from */
  capacityKN?: number;
  /** staged import (platform/staged-import.ts): false until its batch is activated; readers skip such points */
  active?: boolean;
  importBatch?: string;
  createdAt?: Date;
};

/** The commit record of one point import (staged: all points of the file, or none). */
export type PitPointImport = ImportRecord & { projectId: string; actorId: string; requestId?: string };

/** One raw upload (原始数据), stored as-is (blob) and hash-chained per project; results embedded = all-or-nothing. */
export type PitUpload = {
  _id: string; // `${projectId}:${sha256}` — the same file twice is the same upload
  projectId: string;
  seq: number;
  sha256: string;
  prevChainHash: string;
  chainHash: string;
  format: UploadFormat;
  stream: string;
  receivedAt: Date;
  observedAt: Date;
  source: { userId?: string; deviceId?: string; ip?: string };
  status: 'accepted' | 'rejected' | 'held';
  reason?: string;
  flags: PitFlag[];
  fingerprint: string;
  summary: Record<string, unknown>;
  results: PointResult[];
  /** alarms for this epoch have been raised (a crash between the insert and the alarms is repaired by the scheduler) */
  alarmsRaised: boolean;
  scope: Scope & { projectId: string };
  /** set by a regulator who found the data wrong: kept as evidence (the chain is untouched), used for nothing */
  voided?: { byId: string; at: Date; reason: string };
};

/** The uploads whose results count: accepted and not voided (curves, latest values, reports, the previous epoch). */
export const USABLE_UPLOAD = { status: 'accepted', voided: { $exists: false } } as const;

/** 报警事件: one per point and episode; the handling loop lives in its history. */
export type PitAlarm = AggregateBase & {
  projectId: string;
  projectName: string;
  point: string;
  item: string;
  kind: 'threshold' | 'danger' | 'suspect_data';
  level: Level;
  status: AlarmStatus;
  value?: number;
  control?: number;
  ratio?: number;
  rate?: number | null;
  rateRatio?: number | null;
  rateControl?: number | null;
  /** what made it an alarm: the cumulative value, the rate, or the consecutive-rate rule */
  trigger?: 'cumulative' | 'rate' | 'consecutive';
  uploads: string[];
  description?: string;
  /** suspect data: the held epoch's QA flags (shown in Chinese, shared/pit/flag-labels) */
  flags?: PitFlag[];
  /** suspect data: the epoch stream that was held (`inclinometer:CX1`); `point` holds its Chinese name */
  stream?: string;
  /** escalated (升级督办) at the current level: by a regulator or by the overdue rule; cleared when the level rises */
  escalated: boolean;
  /** the level it was escalated at (once per level) */
  escalatedLevel?: Level;
  dueAt: Date;
  scope: Scope & { projectId: string };
  createdAt: Date;
  updatedAt: Date;
};

/**
 * An automatic station that posts readings signed with its own key. The key is shown once (registration,
 * rotation) and stored encrypted with the server secret (`keyEnc`, platform/device/device-key-vault.ts), since the HMAC check
 * needs the key itself; `key` is the plaintext of stations registered before that (rotate them to encrypt).
 */
export type PitDevice = AggregateBase & {
  projectId: string;
  format: DeviceFormat;
  name: string;
  keyEnc?: string;
  key?: string;
  enabled: boolean;
  keyRotatedAt?: Date;
  revokedAt?: Date;
  scope: Scope & { projectId: string };
  createdAt: Date;
};

export const PIT_PROJECTS = 'pit_projects';
export const PIT_POINTS = 'pit_points';
export const PIT_UPLOADS = 'pit_uploads';
export const PIT_ALARMS = 'pit_alarms';
export const PIT_DEVICES = 'pit_devices';
export const PIT_POINT_IMPORTS = 'pit_point_imports';

export const PIT_INDEXES: CollectionIndexes[] = [
  { collection: PIT_PROJECTS, indexes: [{ key: { 'scope.cityId': 1, 'scope.townId': 1 } }] },
  { collection: PIT_POINTS, indexes: [{ key: { projectId: 1, code: 1 }, unique: true }] },
  { collection: PIT_UPLOADS, indexes: [{ key: { projectId: 1, seq: 1 }, unique: true }, { key: { projectId: 1, stream: 1, observedAt: -1 } }, { key: { alarmsRaised: 1 } }] },
  { collection: PIT_ALARMS, indexes: [{ key: { projectId: 1, point: 1, status: 1 } }, { key: { 'scope.townId': 1, status: 1 } }, { key: { status: 1, dueAt: 1 } }] },
  { collection: PIT_DEVICES, indexes: [{ key: { projectId: 1 } }] },
  { collection: PIT_POINT_IMPORTS, indexes: [{ key: { state: 1 } }] },
];
/** Aggregates whose documents carry messages waiting to be sent (swept by the notify timer). */
export const PIT_OUTBOX_SOURCES = [PIT_PROJECTS, PIT_POINTS, PIT_ALARMS, PIT_DEVICES];
