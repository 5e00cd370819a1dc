// What other contexts may use of identity: invitations (users themselves live in platform/auth).
export type { Invitation } from './invitation.collection';
export { findInvitation } from './invitation.repository';
