// What other contexts may use of the pit monitoring: the record types and their readers.
export type { PitAlarm, PitPoint, PitProject, PitUpload } from './pit.collections';
export { findAlarm, listAlarms } from './alarm.repository';
export { findProject, listProjects } from './project.repository';
export { pointsOfProject } from './point.repository';
export { latestResults } from './pit.queries';
