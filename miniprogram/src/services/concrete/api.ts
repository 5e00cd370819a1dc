/**
 * 预拌混凝土: the typed API of the `packages/concrete` subpackage and its page paths. Shapes are the server's
 * (shared/src/concrete/concrete.contract.ts), imported as types only.
 */
import type { AlertView, BatchView, CaseView, GroupView, InspectionBatchView, LotView, MixView, PlantDetailView, PlantView, PourDetailView, PourView, ProjectView, TicketView } from '@cityloop/shared/concrete/concrete.contract';
import type { StoredBlob, UploadStart } from '@cityloop/shared/platform/evidence.contract';
import type { Api } from '../api';

export type { AlertView, BatchView, CaseView, GroupView, InspectionBatchView, LotView, MixView, PlantDetailView, PlantView, PourDetailView, PourView, ProjectView, TicketView };
type ApiLike = Pick<Api, 'get' | 'post' | 'put' | 'getWithPolicies'>;

export type TraceView = {
  project: { id: string; name: string; lab: string | null };
  member: string;
  pours: { id: string; grade: string; volumeM3: number; requiredGroups: number; sampledGroups: number; shortfall: number }[];
  tickets: { id: string; plant: string; grade: string; volumeM3: number; state: string; slumpMm: number | null; selfTestMPa: number | null; certificateBlocked: boolean; batchIds: string[] }[];
  batches: { id: string; batchNo: string; volumeM3: number; flagged: boolean; lotIds: string[] }[];
  lots: { id: string; material: string; lotNo: string; supplier: string; test: string }[];
  groups: { id: string; ticketId: string; chips: string[]; state: string; loadsKN: { chip: string; kN: number }[]; cubeStrengthsMPa: number[] | null; representativeMPa: number | null; passed: boolean | null }[];
  evaluations: { id: string; grade: string; groups: number; result: string | null }[];
};
type Rate = { tested: number; failed: number; failureRate: number };
export type AnalysisView = {
  plants: (Rate & { id: string; name: string; status: string; credit: number; divergences: number; divergenceRate: number; risk: number })[];
  suppliers: { name: string; lots: number; failedLots: number; failureRate: number }[];
  labs: (Rate & { id: string; name: string })[];
  months: (Rate & { month: string })[];
  unticketed: { plantName: string; reports: number }[];
};
export type TicketBody = { projectId: string; member: string; mixId: string; volumeM3: number; batchIds: string[]; departAt: string };
export type AcceptBody = { slumpMm: number; photo: string; arrivedAt: string; accept: boolean; note?: string };
export type InsituBody = { action: 'commission' | 'record' | 'close'; version: number; agency?: string; result?: string; note?: string; outcome?: 'pass' | 'fail' };

export type RegistryOptions = { towns: { id: string; name: string }[]; conditions: { key: string; label: string }[] };
export type SupplierView = { id: string; name: string; materials: string[] };
export type DeviceKeyView = { id: string; name: string; kind: string; key: string };
export type PlantBody = { name: string; townId: string; address: string; conditionsMet: string[] };
export type ProjectBody = { id: string; name: string; townId: string; location: { lng: number; lat: number } };
export type LotBody = { supplierId: string; material: string; lotNo: string; quantityT: number; test: { result: 'pending' | 'pass' | 'fail'; report?: string } };
export type MixBody = { code: string; grade: string; lines: { material: string; kgPerM3: number }[]; tolerancesPct?: Record<string, number> };
export type UnticketedBody = { plantName: string; member: string; volumeM3: number; photo: string };

export function createConcreteApi(api: ApiLike) {
  const s = encodeURIComponent;
  return {
    registryOptions: (cityId: string) => api.get<RegistryOptions>(`/api/concrete/cities/${s(cityId)}/registry-options`),
    registerPlant: (cityId: string, body: PlantBody) => api.post<PlantView>(`/api/concrete/cities/${s(cityId)}/plants`, body),
    setQualification: (plantId: string, body: { conditionsMet: string[]; suspended: boolean; reason: string }) => api.put<PlantView>(`/api/concrete/plants/${s(plantId)}/qualification`, body),
    registerLab: (cityId: string, body: { name: string; townId?: string }) => api.post<{ id: string; name: string }>(`/api/concrete/cities/${s(cityId)}/labs`, body),
    registerProject: (cityId: string, body: ProjectBody) => api.post<{ id: string; name: string }>(`/api/concrete/cities/${s(cityId)}/projects`, body),
    suppliers: (plantId: string) => api.get<SupplierView[]>(`/api/concrete/plants/${s(plantId)}/suppliers`),
    addSupplier: (plantId: string, body: { name: string; materials: string[] }) => api.post<SupplierView>(`/api/concrete/plants/${s(plantId)}/suppliers`, body),
    addLot: (plantId: string, body: LotBody) => api.post<LotView>(`/api/concrete/plants/${s(plantId)}/lots`, body),
    recordLotTest: (lotId: string, body: { result: 'pass' | 'fail'; report?: string }) => api.put<LotView>(`/api/concrete/lots/${s(lotId)}/test`, body),
    addMix: (plantId: string, body: MixBody) => api.post<MixView>(`/api/concrete/plants/${s(plantId)}/mixes`, body),
    recordOpening: (mixId: string, body: { slumpMm: number; note: string }) => api.post<MixView>(`/api/concrete/mixes/${s(mixId)}/opening`, body),
    registerDevice: (owner: 'plants' | 'labs', ownerId: string, name: string) => api.post<DeviceKeyView>(`/api/concrete/${owner}/${s(ownerId)}/devices`, { name }),
    reportUnticketed: (projectId: string, body: UnticketedBody) => api.post<AlertView>(`/api/concrete/projects/${s(projectId)}/unticketed`, body),
    selfTest: (ticketId: string, body: { strengthMPa: number; ageDays: number }) => api.post<TicketView>(`/api/concrete/tickets/${s(ticketId)}/self-test`, body),
    projects: () => api.get<ProjectView[]>('/api/concrete/projects'),
    pours: (projectId: string) => api.get<{ project: ProjectView; pours: PourView[] }>(`/api/concrete/projects/${s(projectId)}/pours`),
    registerPour: (body: { projectId: string; member: string; grade: string; volumeM3: number; date: string }) => api.post<PourView>('/api/concrete/pours', body),
    pour: (id: string) => api.getWithPolicies<PourDetailView>(`/api/concrete/pours/${s(id)}/detail`),
    sample: (pourId: string, body: { ticketId: string; chips: string[] }) => api.post<GroupView>(`/api/concrete/pours/${s(pourId)}/groups`, body),
    projectTickets: (projectId: string) => api.get<TicketView[]>(`/api/concrete/projects/${s(projectId)}/tickets`),
    ticket: (id: string) => api.getWithPolicies<TicketView>(`/api/concrete/tickets/${s(id)}`),
    accept: (id: string, body: AcceptBody) => api.post<TicketView>(`/api/concrete/tickets/${s(id)}/accept`, body),
    plants: () => api.get<PlantView[]>('/api/concrete/plants'),
    plant: (id: string) => api.get<PlantDetailView>(`/api/concrete/plants/${s(id)}`),
    plantProjects: (id: string) => api.get<ProjectView[]>(`/api/concrete/plants/${s(id)}/projects`),
    plantBatches: (id: string) => api.get<BatchView[]>(`/api/concrete/plants/${s(id)}/batches`),
    plantLots: (id: string) => api.get<LotView[]>(`/api/concrete/plants/${s(id)}/lots`),
    plantMixes: (id: string) => api.get<MixView[]>(`/api/concrete/plants/${s(id)}/mixes`),
    issueTicket: (plantId: string, body: TicketBody) => api.post<TicketView>(`/api/concrete/plants/${s(plantId)}/tickets`, body),
    tickets: (q: { plantId?: string; blocked?: boolean }) => api.get<TicketView[]>(`/api/concrete/tickets?${q.plantId ? `plantId=${s(q.plantId)}&` : ''}${q.blocked ? 'blocked=1' : ''}`),
    groups: (state?: 'sampled' | 'received' | 'tested') => api.get<GroupView[]>(`/api/concrete/groups${state ? `?state=${state}` : ''}`),
    receive: (groupId: string, chipsRead: string[]) => api.post<GroupView>(`/api/concrete/groups/${s(groupId)}/receipt`, { chipsRead }),
    alerts: () => api.get<AlertView[]>('/api/concrete/alerts'),
    failedBatches: () => api.get<InspectionBatchView[]>('/api/concrete/inspection-batches?failed=1'),
    cases: () => api.get<CaseView[]>('/api/concrete/cases'),
    case: (id: string) => api.getWithPolicies<CaseView>(`/api/concrete/cases/${s(id)}`),
    actOnCase: (id: string, body: InsituBody) => api.post<CaseView>(`/api/concrete/cases/${s(id)}/actions`, body),
    trace: (q: { projectId?: string; member?: string; ticket?: string; chip?: string }) => api.get<TraceView>(`/api/concrete/trace?${Object.entries(q).filter(([, v]) => v).map(([k, v]) => `${k}=${s(v!)}`).join('&')}`),
    analysis: () => api.get<AnalysisView>('/api/concrete/analysis'),
    ticketQr: (id: string) => api.get<QrView>(`/api/concrete/tickets/${s(id)}/qr`),
    startUpload: (body: { sha256: string; size: number; contentType: string; purpose: 'photo' }) => api.post<UploadStart>('/api/uploads', body),
    completeUpload: (body: { sha256: string; purpose: 'photo' }) => api.post<StoredBlob>('/api/uploads/complete', body),
  };
}

const q = encodeURIComponent;
const P = '/packages/concrete/pages';
export const CONCRETE_PAGES = {
  hub: `${P}/hub/index`,
  plant: (id: string) => `${P}/plant/index?id=${q(id)}`,
  ticket: (id: string) => `${P}/ticket/index?id=${q(id)}`,
  project: (id: string) => `${P}/project/index?id=${q(id)}`,
  pour: (id: string) => `${P}/pour/index?id=${q(id)}`,
  lab: `${P}/lab/index`,
  regulator: `${P}/regulator/index`,
  case: (id: string) => `${P}/case/index?id=${q(id)}`,
  trace: `${P}/trace/index`,
  analysis: `${P}/analysis/index`,
  registry: `${P}/registry/index`,
  materials: (plantId: string) => `${P}/materials/index?id=${q(plantId)}`,
  /** the check-in machinery's page (packages/checkin), site kind `concrete_pour`, back to the pour */
  checkin: (pourId: string) => `/packages/checkin/pages/checkin/index?siteKind=concrete_pour&siteId=${q(pourId)}&direction=in&back=${q(`${P}/pour/index?id=${pourId}`)}`,
};

/** Beijing month-day hour:minute of an ISO time. */
export const bjTime = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(5, 16).replace('T', ' ');

/** Chip UIDs typed or scanned one per field: trimmed, upper-cased; the form's own error, or null. */
export function chipsError(chips: string[]): string | null {
  const c = chips.map((x) => x.trim().toUpperCase());
  if (c.some((x) => !/^[A-Z0-9]{8,32}$/.test(x))) return '芯片编号应为 8–32 位字母或数字';
  if (new Set(c).size !== c.length) return '同一组 3 块试件的芯片不能重复';
  return null;
}

export type QrView = { url: string; size: number; rows: string[] };
/** A QR row's dark runs as [start, length] module pairs (drawn as a few boxes instead of one per module). */
export function qrRuns(row: string): [number, number][] {
  const out: [number, number][] = [];
  for (let c = 0; c < row.length; ) {
    if (row[c] !== '1') {
      c++;
      continue;
    }
    const start = c;
    while (c < row.length && row[c] === '1') c++;
    out.push([start, c - start]);
  }
  return out;
}
