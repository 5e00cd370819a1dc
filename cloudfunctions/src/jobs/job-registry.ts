/** The installed system's jobs by name; each context module declares its own (with their schedules). */
export { jobs } from '../platform/system';
export type { Job } from '../platform/context-module';
