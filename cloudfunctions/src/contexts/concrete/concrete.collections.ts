import type { Scope } from '@cityloop/shared/policy/scope';
import type { AlertKind, LotResult, Material, PlantStatus, TicketState, WitnessPresence } from '@cityloop/shared/concrete/concrete.limits';
import type { Deviation, MixLine, WeighedLine } from '@cityloop/shared/concrete/batch-deviation';
import type { GroupStrengthResult } from '@cityloop/shared/concrete/group-strength';
import type { EvaluateBatchResult } from '@cityloop/shared/concrete/evaluate-batch';
import type { GroupState } from '@cityloop/shared/concrete/specimen-group.machine';
import type { InsituState } from '@cityloop/shared/concrete/insitu.machine';
import type { ConcreteRules, CreditEvent } from '@cityloop/shared/concrete/consequence-rules';
import type { AggregateBase } from '../../platform/aggregate';
import type { CollectionIndexes } from '../../platform/context-module';

/** 预拌混凝土搅拌站: its id is also the org id its staff are bound to (`plant` role, orgId). */
export type Plant = AggregateBase & {
  name: string;
  address: string;
  conditionsMet: string[];
  suspended: boolean;
  status: PlantStatus;
  credit: { score: number; history: { at: Date; event: CreditEvent; delta: number; score: number; ref: string }[] };
  scope: Scope & { orgIds: string[]; public: true };
  createdAt: Date;
};
/** 检测机构: its id is the org id of its staff (`lab` role). */
export type Lab = AggregateBase & { name: string; scope: Scope & { orgIds: string[] }; createdAt: Date };
/** A construction project as concrete sees it: its parties are bound by projectIds; the owner commissions one lab. */
export type ConcreteProject = AggregateBase & { name: string; location?: { lng: number; lat: number }; labId?: string; labName?: string; scope: Scope & { projectId: string }; createdAt: Date };
export type Supplier = AggregateBase & { plantId: string; name: string; materials: Material[]; scope: Scope; createdAt: Date };
/** One lot of a raw material with its incoming test (进场复检); a failed lot cannot be used. */
export type MaterialLot = AggregateBase & { plantId: string; supplierId: string; supplierName: string; material: Material; lotNo: string; quantityT: number; test: { result: LotResult; report?: string; at: Date }; scope: Scope; createdAt: Date };
export type Mix = AggregateBase & { plantId: string; code: string; grade: string; lines: MixLine[]; tolerancesPct: Partial<Record<Material, number>>; opening?: { at: Date; by: string; slumpMm: number; note: string }; scope: Scope; createdAt: Date };
/** A plant's batching system or a lab's press, posting signed data (platform/device). */
export type ConcreteDevice = AggregateBase & { kind: 'batching' | 'press'; ownerId: string; name: string; keyEnc?: string; key?: string; enabled: boolean; revokedAt?: Date; scope: Scope; createdAt: Date };
/** One batch (盘) as the batching system posted it: raw evidence, never edited. */
export type ProductionBatch = { _id: string; plantId: string; deviceId: string; batchNo: string; mixId: string; grade: string; at: Date; volumeM3: number; weighed: WeighedLine[]; lotIds: string[]; deviations: Deviation[]; flagged: boolean; sha256: string; receivedAt: Date; scope: Scope };
/** 电子运输单: one truck; its signed code is what the site scans. */
export type Ticket = AggregateBase & {
  plantId: string;
  plantName: string;
  projectId: string;
  member: string;
  mixId: string;
  grade: string;
  volumeM3: number;
  batchIds: string[];
  departAt: Date;
  state: TicketState;
  acceptance: { contractor?: Acceptance; supervisor?: Acceptance };
  selfTest?: { strengthMPa: number; ageDays: number; at: Date };
  certificate: { blocked: boolean; reason?: string; at?: Date };
  scope: Scope & { projectId: string; orgIds: string[] };
  createdAt: Date;
};
export type Acceptance = { userId: string; at: Date; arrivedAt: Date; slumpMm: number; photo: string; accept: boolean; note?: string };
/** A pour of one member: how many groups the rules require and how many were sampled. */
export type Pour = AggregateBase & { projectId: string; member: string; grade: string; volumeM3: number; batches?: number; shifts?: number; date: Date; requiredGroups: number; groupIds: string[]; shortfall: number; scope: Scope & { projectId: string }; createdAt: Date };
export type SpecimenGroup = AggregateBase & {
  pourId: string;
  projectId: string;
  ticketId: string;
  plantId: string;
  member: string;
  grade: string;
  cubeSizeMm: 100 | 150 | 200;
  chips: string[];
  sampledAt: Date;
  witnessId: string;
  /** `present`: the witness was checked in at the pour (face + GPS) at sampledAt; `seeded`: written by the demo seed. */
  witnessPresence?: WitnessPresence;
  labId?: string;
  state: GroupState;
  receipt?: { at: Date; by: string };
  loads: { chip: string; loadKN: number; testedAt: Date; deviceId: string }[];
  result?: GroupStrengthResult;
  passed?: boolean;
  inspectionBatchId: string;
  scope: Scope & { projectId: string; orgIds: string[] };
  month: string;
};
/** `traceId`: the trace document of the group's member (trace-projection.ts), so a chip trace is two `_id` reads. */
export type ChipBinding = { _id: string; groupId: string; boundAt: Date; boundBy: string; traceId?: string };
/** 检验批: one grade from one plant on one project, evaluated with evaluateBatch on every new group. */
export type InspectionBatch = AggregateBase & { projectId: string; plantId: string; grade: string; groupIds: string[]; strengthsMPa: number[]; evaluation?: EvaluateBatchResult; passed?: boolean; consequencesAt?: Date; scope: Scope & { projectId: string; orgIds: string[] } };
/** A divergence case (lab vs self-test) or an in-situ testing workflow. */
export type ConcreteCase = AggregateBase & { kind: 'insitu' | 'divergence'; state: InsituState | 'open'; projectId: string; plantId: string; member?: string; refs: { groupIds?: string[]; ticketIds?: string[]; inspectionBatchId?: string }; detail: string; agency?: string; result?: string; scope: Scope & { projectId: string; orgIds: string[] }; createdAt: Date; month: string };
export type ConcreteAlert = AggregateBase & { kind: AlertKind; message: string; at: Date; projectId?: string; plantId?: string; labId?: string; refs: Record<string, string>; scope: Scope; month: string };
/**
 * Read models of the trace (trace-projection.ts), kept up to date by the commands and recomputable from the
 * collections above (`rebuildTraces`): one member's chain, one inspection batch's evaluation, a ticket → its member.
 * `body`: a member's entries as deflated JSON in base64, an evaluation's as JSON (docs/ARCHITECTURE.md §12.10: an
 * `_id` read on FerretDB costs time in proportion to the collection's JSON text).
 */
export type TraceDoc = { _id: string; projectId: string; member: string; version: number; body: string; updatedAt: Date };
export type TraceStaleMark = { _id: string; at: Date; traceId: string };
export type TraceEvaluationDoc = { _id: string; projectId: string; body: string; updatedAt: Date };
export type TraceTicketKey = { _id: string; projectId: string; traceId: string };
export type ConcreteRulesDoc = ConcreteRules & { _id: string; version: number };

export const PLANTS = 'concrete_plants';
export const LABS = 'concrete_labs';
export const CPROJECTS = 'concrete_projects';
export const SUPPLIERS = 'concrete_suppliers';
export const LOTS = 'concrete_lots';
export const MIXES = 'concrete_mixes';
export const CDEVICES = 'concrete_devices';
export const BATCHES = 'concrete_batches';
export const TICKETS = 'concrete_tickets';
export const POURS = 'concrete_pours';
export const GROUPS = 'concrete_groups';
export const CHIPS = 'concrete_chips';
export const IBATCHES = 'concrete_inspection_batches';
export const CCASES = 'concrete_cases';
export const CALERTS = 'concrete_alerts';
export const CRULES = 'concrete_rules';
export const TRACES = 'concrete_traces';
export const TRACE_EVALUATIONS = 'concrete_trace_evaluations';
export const TRACE_TICKETS = 'concrete_trace_tickets';
/** Projects whose trace documents a command could not amend (busy or failed): the repair job rebuilds them. */
export const TRACE_STALE = 'concrete_trace_stale';

const byScope = { key: { 'scope.cityId': 1, 'scope.townId': 1 } };
export const CONCRETE_INDEXES: CollectionIndexes[] = [
  { collection: PLANTS, indexes: [byScope] },
  { collection: LOTS, indexes: [{ key: { plantId: 1, material: 1 } }] },
  { collection: MIXES, indexes: [{ key: { plantId: 1, code: 1 }, unique: true }] },
  { collection: BATCHES, indexes: [{ key: { plantId: 1, batchNo: 1 }, unique: true }, { key: { plantId: 1, at: -1 } }] },
  { collection: TICKETS, indexes: [{ key: { projectId: 1, member: 1 } }, { key: { plantId: 1, departAt: -1 } }, { key: { batchIds: 1 } }] },
  { collection: POURS, indexes: [{ key: { projectId: 1, member: 1 } }] },
  { collection: GROUPS, indexes: [{ key: { pourId: 1 } }, { key: { ticketId: 1 } }, { key: { inspectionBatchId: 1 } }, { key: { 'scope.cityId': 1, month: 1 } }] },
  { collection: IBATCHES, indexes: [{ key: { projectId: 1 } }] },
  { collection: CCASES, indexes: [{ key: { projectId: 1, kind: 1 } }, { key: { 'scope.cityId': 1, month: 1 } }] },
  { collection: CALERTS, indexes: [{ key: { 'scope.cityId': 1, at: -1 } }, { key: { projectId: 1 } }] },
];
export const CONCRETE_OUTBOX_SOURCES = [PLANTS, TICKETS, GROUPS, CCASES, CALERTS];
