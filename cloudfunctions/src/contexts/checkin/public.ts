// What other contexts may use of field check-ins (the interface every domain codes against).
export type { CheckinSiteResolver } from '../../platform/context-module';
export type { CheckinSite, CheckinRecord, PresenceSpan, CheckinGps } from '@cityloop/shared/checkin/checkin.types';
export { presenceSpans, isPresentAt, spanCounts } from '@cityloop/shared/checkin/presence';
export { listCheckins } from './list-checkins';
// The commands behind POST /api/checkins/enrolment and POST /api/checkins, for the demo seeds (which run the real commands).
export { enrolPerson } from './enrol-person';
export { recordCheckin } from './record-checkin';
export { maskIdNumber } from './id-number-seal';
