/** The `data` the fire-testing API answers (types only; the pages import them with `import type`). */
import type { Verdict } from './fire.limits';

export interface FireTeamView { name: string; siteRole: string; registrationNo: string | null; certificateNo?: string | null }
export interface FireRecordView { id: string; system: string; item: string; value: string; limit: string; verdict: Verdict; photos: string[]; byName: string; at: string }
export interface FireReportView {
  id: string; version: number; projectId: string; number: string; checkCode: string; revision: number; agencyName: string;
  building: { name: string; address: string }; items: { system: string; item: string; value: string; limit: string; verdict: Verdict }[];
  verdicts: Record<string, Verdict>; conclusion: Verdict; team: FireTeamView[]; testDate: string;
  signatures: { projectLead: string | null; techLead: string | null }; practiceSeals: boolean; agencySeal: boolean;
  state: 'draft' | 'issued' | 'voided'; stateLabel: string; issuedAt: string | null;
}
export interface FireEventView {
  id: string; version: number; kind: string; title: string; detail: string; severity: 1 | 2 | 3; severityLabel: string; agencyId: string; agencyName: string;
  projectId: string | null; reportId: string | null; caseId: string | null; buildingName: string | null; state: 'open' | 'noticed' | 'replied' | 'closed'; stateLabel: string;
  notice: { text: string; deadline: string; at: string; escalated: boolean } | null; replies: { text: string; at: string }[]; conclusion: string | null; createdAt: string;
}
export interface FireCaseView { id: string; version: number; agencyName: string; reportNumber: string; conflictingItems: string[]; signingEngineer: { name: string; registrationNo: string | null } | null; state: string; stateLabel: string; findings: string | null; penalty: string | null; creditDelta: number }
export interface FireProjectView {
  id: string; version: number; agencyId: string; agencyName: string; kind: string;
  building: { name: string; address: string; use: string; heightM: number; areaM2: number; location: { lng: number; lat: number }; geofenceM: number };
  client: { name: string; phone: string | null }; contractNo: string; systems: string[]; testDate: string; team: FireTeamView[];
  instruments: { id: string; type: string; serial: string; calibrationNo: string; validUntil: string }[]; scans: { instrumentId: string; at: string }[];
  records: FireRecordView[]; state: 'planned' | 'testing' | 'reported'; stateLabel: string; reportId: string | null;
}
export interface FireProjectDetail extends FireProjectView {
  me: string | null; reports: FireReportView[]; events: FireEventView[];
  presence: { name: string; role: string; from: string; to: string | null; inGeofence: boolean; faceMatch: boolean }[];
}
export interface FireEventDetail extends FireEventView { project: FireProjectView | null; report: FireReportView | null; case: FireCaseView | null; acceptances: { acceptedAt: string; items: Record<string, Verdict>; conflictingItems: string[] }[] }
export interface FireAgencyView {
  id: string; version: number; name: string; creditCode: string; address: string; qualified: boolean; reasons: string[];
  practice: { scope: string; enterpriseLegalPerson: boolean; workplaceM2: number; equipmentConforming: boolean; qualityManagementSystem: boolean; assessmentProcessControl: boolean };
  credit: { score: number; history: { at: string; delta: number; score: number; reason: string }[] };
  people?: { id: string; name: string; kind: 'engineer' | 'operator'; kindLabel: string; registrationNo: string | null; certificateNo: string | null; validUntil: string | null }[];
  instruments?: { id: string; type: string; serial: string; calibrationNo: string; validUntil: string; expired: boolean }[];
  cases?: FireCaseView[];
}
export interface PublicReportView { number: string; agencyName: string; building: string; address: string; testDate: string; conclusion: Verdict; status: string; statusLabel: string; issuedAt: string | null; supersededBy: string | null }
/** The answer to an agency import: the rows it read, every problem by spreadsheet line, and (committed) the batch. */
export interface FireAgencyImportView {
  committed: boolean; batch: string | null; rows: number; imported: number;
  problems: { row: number; field: string; message: string }[];
  preview: { row: number; name: string; creditCode: string; scope: string; qualified: boolean; reasons: string[] }[];
}
/** The answer to an instrument import of one agency. */
export interface FireInstrumentImportView {
  committed: boolean; batch: string | null; rows: number; imported: number;
  problems: { row: number; field: string; message: string }[];
  preview: { row: number; type: string; serial: string; validUntil: string; expired: boolean }[];
}
