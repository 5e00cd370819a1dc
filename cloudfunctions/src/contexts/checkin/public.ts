// What other contexts may use of field check-ins (the interface every domain codes against).
export type { CheckinSiteResolver } from '../../platform/context-module';
export type { CheckinSite, CheckinRecord, PresenceSpan, CheckinGps } from '@cityloop/shared/checkin/checkin.types';
export { presenceSpans, isPresentAt, spanCounts } from '@cityloop/shared/checkin/presence';
export { listCheckins } from './list-checkins';
// enrolment and one check-in as the routes do them (for the demo seed: the same refusals, chain and flags)
export { enrolPerson } from './enrol-person';
export { recordCheckin } from './record-checkin';
