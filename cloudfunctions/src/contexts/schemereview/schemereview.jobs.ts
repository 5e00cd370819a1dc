// The context's scheduled jobs: only the scheduler bundle carries this file (scripts/build-functions.ts).
export { invitationSweep } from './invitations';
export { settleExpertImports } from './expert-import-staging';
