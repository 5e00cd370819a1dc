import { EVENT_STATE_LABELS, PROJECT_STATE_LABELS, REPORT_STATE_LABELS, SEVERITY_LABELS, CASE_STATE_LABELS, QUALIFICATION_REASON_LABELS } from '@cityloop/shared/fire-testing/fire.limits';
import { maskPhone } from '../../platform/auth/users';
import type { FireAgency, FireCase, FireEvent, FireInstrument, FirePerson, FireProject, FireReport } from './firetest.collections';

const iso = (d?: Date | null) => (d ? d.toISOString() : null);

export const presentAgency = (a: FireAgency) => ({
  id: a._id,
  version: a.version,
  name: a.name,
  creditCode: a.creditCode,
  address: a.address,
  practice: a.practice,
  qualified: a.qualification.qualified,
  reasons: a.qualification.reasons.map((r) => QUALIFICATION_REASON_LABELS[r] ?? r),
  credit: { score: a.credit.score, history: a.credit.history.map((h) => ({ ...h, at: iso(h.at) })) },
});

export const presentPerson = (p: FirePerson) => ({
  id: p._id,
  name: p.name,
  kind: p.kind,
  kindLabel: p.kind === 'engineer' ? `${p.engineer?.level === 1 ? '一级' : '二级'}注册消防工程师` : `消防设施操作员（${p.operator?.level}）`,
  registrationNo: p.engineer?.registrationNo ?? null,
  certificateNo: p.operator?.certificateNo ?? null,
  validUntil: p.operator?.validUntil ?? null,
  hasAccount: !!p.userId,
});

export const presentInstrument = (i: FireInstrument, today: string, codeUrl?: string) => ({
  id: i._id,
  type: i.type,
  serial: i.serial,
  calibrationNo: i.calibrationNo,
  validUntil: i.validUntil,
  expired: i.validUntil < today,
  ...(codeUrl ? { codeUrl } : {}),
});

export const presentProject = (p: FireProject) => ({
  id: p._id,
  version: p.version,
  agencyId: p.agencyId,
  agencyName: p.agencyName,
  kind: p.kind,
  building: { name: p.building.name, address: p.building.address, use: p.building.use, heightM: p.building.heightM, areaM2: p.building.areaM2, location: p.building.location, geofenceM: p.building.geofenceM },
  client: { name: p.client.name, phone: maskPhone(p.client.phone) ?? null },
  contractNo: p.contractNo,
  systems: p.systems,
  testDate: p.testDate,
  team: [p.team.projectLead, p.team.techLead, ...p.team.operators].map((m) => ({ name: m.name, siteRole: m.siteRole, registrationNo: m.registrationNo ?? null, certificateNo: m.certificateNo ?? null })),
  instruments: p.instruments,
  scans: (p.scans ?? []).map((s) => ({ instrumentId: s.instrumentId, at: iso(s.at) })),
  records: (p.records ?? []).map((r) => ({ id: r.id, system: r.system, item: r.item, value: r.value, limit: r.limit, verdict: r.verdict, photos: r.photos, byName: r.byName, at: iso(r.at) })),
  state: p.state,
  stateLabel: PROJECT_STATE_LABELS[p.state],
  reportId: p.reportId ?? null,
});

export const presentReport = (r: FireReport) => ({
  id: r._id,
  version: r.version,
  projectId: r.projectId,
  number: r.number,
  checkCode: r.checkCode,
  revision: r.revision,
  agencyName: r.agencyName,
  building: { name: r.building.name, address: r.building.address },
  items: r.items,
  verdicts: r.verdicts,
  conclusion: r.conclusion,
  team: r.team.map((m) => ({ name: m.name, siteRole: m.siteRole, registrationNo: m.registrationNo ?? null })),
  instruments: r.instruments,
  testDate: r.testDate,
  signatures: { projectLead: r.signatures.projectLead?.name ?? null, techLead: r.signatures.techLead?.name ?? null },
  practiceSeals: r.practiceSeals,
  agencySeal: r.agencySeal,
  state: r.state,
  stateLabel: REPORT_STATE_LABELS[r.state],
  issuedAt: iso(r.issuedAt),
});

/** What anyone scanning a report's QR (or typing its number and check code) sees: the registry's record. */
export const presentPublicReport = (r: FireReport, supersededBy: string | null) => ({
  number: r.number,
  agencyName: r.agencyName,
  building: r.building.name,
  address: r.building.address,
  testDate: r.testDate,
  conclusion: r.conclusion,
  status: r.state,
  statusLabel: REPORT_STATE_LABELS[r.state],
  issuedAt: iso(r.issuedAt),
  supersededBy,
});

export const presentEvent = (e: FireEvent) => ({
  id: e._id,
  version: e.version,
  kind: e.kind,
  title: e.title,
  detail: e.detail,
  severity: e.severity,
  severityLabel: SEVERITY_LABELS[e.severity],
  agencyId: e.agencyId,
  agencyName: e.agencyName,
  projectId: e.projectId ?? null,
  reportId: e.reportId ?? null,
  caseId: e.caseId ?? null,
  buildingName: e.buildingName ?? null,
  state: e.state,
  stateLabel: EVENT_STATE_LABELS[e.state],
  notice: e.notice ? { text: e.notice.text, deadline: iso(e.notice.deadline), at: iso(e.notice.at), escalated: e.notice.escalated } : null,
  replies: e.replies.map((r) => ({ text: r.text, photos: r.photos, at: iso(r.at) })),
  conclusion: e.conclusion ?? null,
  createdAt: iso(e.createdAt),
});

export const presentCase = (c: FireCase) => ({
  id: c._id,
  version: c.version,
  agencyName: c.agencyName,
  reportNumber: c.reportNumber,
  projectId: c.projectId,
  conflictingItems: c.conflictingItems,
  signingEngineer: c.signingEngineer ? { name: c.signingEngineer.name, registrationNo: c.signingEngineer.registrationNo ?? null } : null,
  state: c.state,
  stateLabel: CASE_STATE_LABELS[c.state],
  findings: c.findings ?? null,
  penalty: c.penalty ?? null,
  creditDelta: c.creditDelta,
  createdAt: iso(c.createdAt),
});
