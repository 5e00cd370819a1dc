import type { RoleBinding } from '@cityloop/shared/identity/roles';
import type { CollectionIndexes } from '../../platform/context-module';

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
export const INVITATION_INDEXES: CollectionIndexes[] = [
  { collection: INVITATIONS, indexes: [{ key: { issuedBy: 1, createdAt: -1 } }] },
];
