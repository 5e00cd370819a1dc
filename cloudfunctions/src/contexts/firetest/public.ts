// What other contexts may use of fire-protection testing: the record types and the readers of a test site.
export type { FireProject, FireReport, FireAgency } from './firetest.collections';
export { findProject } from './project.repository';
