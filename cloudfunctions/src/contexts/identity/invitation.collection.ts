import type { RoleBinding } from '@cityloop/shared/identity/roles';
import { registerIndexes } from '../../platform/db/indexes';

/** A one-time code an admin issues to bind a staff role (role + scope) to whoever redeems it first. */
export type Invitation = {
  _id: string; // the code itself (10 chars from a 31-letter alphabet ≈ 49 bits)
  binding: RoleBinding;
  note?: string;
  issuedBy: string;
  createdAt: Date;
  expiresAt: Date;
  usedBy?: string;
  usedAt?: Date;
};
export const INVITATIONS = 'invitations';
registerIndexes(INVITATIONS, [{ key: { issuedBy: 1, createdAt: -1 } }]);
