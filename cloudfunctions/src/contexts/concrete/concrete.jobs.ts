// The context's scheduled jobs: only the scheduler bundle carries this file (scripts/build-functions.ts).
export { repairStaleTraces } from './trace-repair';
