import type { Scope } from '@cityloop/shared/policy/scope';
import type { AgencyQualificationResult } from '@cityloop/shared/fire-testing/agency-qualification';
import type { PracticeConditions, RegistryPerson } from '@cityloop/shared/fire-testing/fire-gates';
import type { FireCaseState, FireEventKind, FireEventState, FireProjectState, FireReportState, TestKind, Verdict } from '@cityloop/shared/fire-testing/fire.limits';
import type { AggregateBase } from '../../platform/aggregate';
import type { CollectionIndexes } from '../../platform/context-module';
import type { ImportRecord } from '../../platform/staged-import';

/** 消防技术服务机构: practice conditions, the qualification last decided, and its credit with history. */
export type FireAgency = AggregateBase & {
  name: string;
  creditCode: string;
  address: string;
  practice: PracticeConditions;
  qualification: AgencyQualificationResult & { decidedAt: Date };
  credit: { score: number; history: { at: Date; delta: number; score: number; reason: string; caseId?: string }[] };
  scope: Scope;
  createdAt: Date;
  /** set by a staged import (import-agencies.ts): `false` until its batch commits and is activated */
  active?: boolean;
  importBatch?: string;
};

/**
 * One agency import: the commit record of a staged write (platform/staged-import.ts) whose `state` decides whether
 * the batch's agencies exist: staging (rows inactive; stale after 1 h → rolled back) → committed → done.
 */
export type FireAgencyImport = ImportRecord & { cityId: string; fileName: string; actorId: string; requestId?: string };
/** One instrument import of an agency, the same staged write. */
export type FireInstrumentImport = ImportRecord & { agencyId: string; fileName: string; actorId: string; requestId?: string };

/** A registered fire engineer or a certified operator; an engineer belongs to one agency at a time. */
export type FirePerson = AggregateBase & Omit<RegistryPerson, 'id'> & { userId?: string; scope: Scope; createdAt: Date };
/** The registry entry as the pure gates see it. */
export const asRegistryPerson = (p: FirePerson): RegistryPerson => ({ id: p._id, name: p.name, kind: p.kind, agencyId: p.agencyId, engineer: p.engineer, operator: p.operator });

/** A test instrument with its calibration; its printed label carries a signed code of its id (`fi_…`). */
export type FireInstrument = AggregateBase & {
  agencyId: string;
  type: string;
  serial: string;
  calibrationNo: string;
  validUntil: string;
  scope: Scope;
  createdAt: Date;
  /** set by a staged import (import-instruments.ts): `false` until its batch commits and is activated */
  active?: boolean;
  importBatch?: string;
};

export type TeamMember = { personId: string; name: string; userId?: string; siteRole: string; registrationNo?: string; level?: number | string; certificateNo?: string };
export type TestRecordDoc = { id: string; system: string; item: string; value: string; limit: string; verdict: Verdict; instrumentId?: string; photos: string[]; by: string; byName: string; at: Date };

/** A test project (检测项目): the building, the plan that passed the gates, the scans and the records. */
export type FireProject = AggregateBase & {
  agencyId: string;
  agencyName: string;
  kind: TestKind;
  building: { name: string; address: string; use: string; heightM: number; areaM2: number; location: { lng: number; lat: number }; geofenceM: number; key: string };
  client: { name: string; phone?: string; userId?: string };
  contractNo: string;
  systems: string[];
  testDate: string;
  team: { projectLead: TeamMember; techLead: TeamMember; operators: TeamMember[] };
  instruments: { id: string; type: string; serial: string; calibrationNo: string; validUntil: string }[];
  scans: { instrumentId: string; by: string; at: Date }[];
  records: TestRecordDoc[];
  state: FireProjectState;
  /** the current report (the latest issued or drafted) */
  reportId?: string;
  scope: Scope;
  createdAt: Date;
  updatedAt: Date;
};

/** A test report built from the records; a correction is a new report with revision + 1. */
export type FireReport = AggregateBase & {
  projectId: string;
  agencyId: string;
  agencyName: string;
  building: { name: string; address: string; key: string };
  baseNumber: string;
  revision: number;
  number: string;
  /** hmac of the number printed under it: a paper copy with an altered number does not check */
  checkCode: string;
  corrects?: string;
  items: { system: string; item: string; value: string; limit: string; verdict: Verdict }[];
  verdicts: Record<string, Verdict>;
  conclusion: Verdict;
  team: TeamMember[];
  instruments: { type: string; serial: string; calibrationNo: string; validUntil: string }[];
  testDate: string;
  signatures: { projectLead?: { personId: string; name: string; registrationNo?: string; at: Date }; techLead?: { personId: string; name: string; registrationNo?: string; level: number; at: Date } };
  practiceSeals: boolean;
  agencySeal: boolean;
  state: FireReportState;
  issuedAt?: Date;
  voidedAt?: Date;
  supersededBy?: string;
  scope: Scope;
  createdAt: Date;
};

/** An alert in the regulator's loop. */
export type FireEvent = AggregateBase & {
  kind: FireEventKind;
  severity: 1 | 2 | 3;
  title: string;
  detail: string;
  agencyId: string;
  agencyName: string;
  projectId?: string;
  reportId?: string;
  caseId?: string;
  buildingName?: string;
  /** the building owner / client to copy notices to */
  ownerUserId?: string;
  state: FireEventState;
  notice?: { text: string; deadline: Date; at: Date; by: string; escalated: boolean };
  replies: { text: string; photos: string[]; at: Date; by: string }[];
  conclusion?: string;
  scope: Scope;
  createdAt: Date;
  updatedAt: Date;
};

/** 消防验收 results of a tested building, compared with the agency's latest report. */
export type FireAcceptance = { _id: string; projectId: string; reportId: string | null; buildingKey: string; acceptedAt: string; items: Record<string, Verdict>; conflictingItems: string[]; suspectedFalseReport: boolean; by: string; at: Date; scope: Scope };

/** An investigation of a suspected false report. */
export type FireCase = AggregateBase & {
  agencyId: string;
  agencyName: string;
  reportId: string;
  reportNumber: string;
  projectId: string;
  acceptanceId: string;
  conflictingItems: string[];
  signingEngineer: { personId: string; name: string; registrationNo?: string } | null;
  state: FireCaseState;
  findings?: string;
  penalty?: string;
  creditDelta: number;
  scope: Scope;
  createdAt: Date;
};

/** A refused forged input (report code, report number, instrument code): kept for the regulator. */
export type FireForgery = { _id: string; kind: 'report_code' | 'report_number' | 'instrument_code'; input: string; ip?: string; actorId?: string | null; at: Date };

export const FIRE_AGENCIES = 'fire_agencies';
export const FIRE_PEOPLE = 'fire_people';
export const FIRE_INSTRUMENTS = 'fire_instruments';
export const FIRE_PROJECTS = 'fire_projects';
export const FIRE_REPORTS = 'fire_reports';
export const FIRE_EVENTS = 'fire_events';
export const FIRE_ACCEPTANCES = 'fire_acceptances';
export const FIRE_CASES = 'fire_cases';
export const FIRE_FORGERIES = 'fire_forgeries';
export const FIRE_AGENCY_IMPORTS = 'fire_agency_imports';
export const FIRE_INSTRUMENT_IMPORTS = 'fire_instrument_imports';

export const FIRETEST_INDEXES: CollectionIndexes[] = [
  { collection: FIRE_AGENCIES, indexes: [{ key: { creditCode: 1 }, unique: true }, { key: { 'scope.cityId': 1 } }, { key: { importBatch: 1 }, sparse: true }] },
  { collection: FIRE_PEOPLE, indexes: [{ key: { 'engineer.registrationNo': 1 }, unique: true, sparse: true }, { key: { 'operator.certificateNo': 1 }, unique: true, sparse: true }, { key: { agencyId: 1 } }, { key: { userId: 1 } }] },
  { collection: FIRE_INSTRUMENTS, indexes: [{ key: { agencyId: 1, serial: 1 }, unique: true }, { key: { importBatch: 1 }, sparse: true }] },
  { collection: FIRE_PROJECTS, indexes: [{ key: { agencyId: 1, createdAt: -1 } }, { key: { 'scope.cityId': 1 } }] },
  { collection: FIRE_REPORTS, indexes: [{ key: { number: 1 }, unique: true }, { key: { projectId: 1, revision: -1 } }, { key: { 'building.key': 1, issuedAt: -1 } }] },
  { collection: FIRE_EVENTS, indexes: [{ key: { state: 1, 'notice.deadline': 1 } }, { key: { 'scope.cityId': 1, createdAt: -1 } }, { key: { agencyId: 1 } }] },
  { collection: FIRE_ACCEPTANCES, indexes: [{ key: { projectId: 1 } }] },
  { collection: FIRE_CASES, indexes: [{ key: { agencyId: 1 } }] },
  { collection: FIRE_FORGERIES, indexes: [{ key: { at: -1 } }] },
  { collection: FIRE_AGENCY_IMPORTS, indexes: [{ key: { state: 1, updatedAt: 1 } }] },
  { collection: FIRE_INSTRUMENT_IMPORTS, indexes: [{ key: { state: 1, updatedAt: 1 } }] },
];
export const FIRETEST_OUTBOX_SOURCES = [FIRE_AGENCIES, FIRE_PEOPLE, FIRE_PROJECTS, FIRE_REPORTS, FIRE_EVENTS, FIRE_CASES];
