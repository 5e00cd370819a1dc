// The context's scheduled jobs: only the scheduler bundle carries this file (scripts/build-functions.ts).
export { invitationSweep } from './invitations';
export { reportFollowUpSweep } from './report-follow-up';
export { settleExpertImports } from './expert-import-staging';
