// What other contexts may use of the pit monitoring: the record types and their readers.
export type { PitAlarm, PitPoint, PitProject, PitUpload } from './pit.collections';
export { PIT_ALARMS } from './pit.collections';
export { escalationCandidates, findAlarm, insertAlarm, listAlarms, updateAlarmVersioned } from './alarm.repository';
export { findProject, listProjects, monitoredProjects } from './project.repository';
export { settlePointImports } from './import-points';
export { pointCodesOf, pointsOfProject } from './point.repository';
export { unraisedUploads } from './upload.repository';
export { latestResults } from './pit.queries';
// what the scheduled alarm jobs (escalation, missing data, repair) run on
export { alarmAudience, channelsFor, overdueMessages } from './alarm-notice';
export { raiseAlarmsFor } from './raise-alarms';
export { stepDueAt } from './alarm-deadline';
// device nonces: the repair job forgets the ones past the signature window
export { purgeOldNonces } from '../../platform/device/device-nonces.repository';
export { DEVICE_SKEW_SEC } from '../../platform/device/device-signature';
