// What other contexts may use of identity: invitations, SMS codes, claiming a verified phone (users themselves live in platform/auth).
export type { Invitation } from './invitation.collection';
export { findInvitation } from './invitation.repository';
export { sendSmsCode, verifySmsCode } from './sms-code';
export { claimVerifiedPhone } from './claim-phone';
export { sessionFor } from './session';
export { issueInvitation, type NewInvitation } from './issue-invitation';
export { INVITATIONS } from './invitation.collection';
