import type { RoleBinding } from '@cityloop/shared/identity/roles';
import type { AggregateBase } from '../../platform/aggregate';
import type { CollectionIndexes } from '../../platform/context-module';

/**
 * A one-time code an admin issues to a named person (name + phone) for a staff role (role + scope). The person's
 * contact account holds the binding from the moment it is issued (messages reach the phone from day one); the code
 * goes to the phone by SMS, and whoever redeems it proves that phone and claims the account.
 * Older invitations (before issue 11) carry no `contactId`: the redeemer simply gets the binding.
 */
export type Invitation = Partial<AggregateBase> & {
  _id: string; // the code itself (10 chars from a 31-letter alphabet ≈ 49 bits)
  binding: RoleBinding;
  /** the invitee's contact account (ensureContact) */
  contactId?: string;
  name?: string;
  /** 11-digit mobile the code was sent to */
  phone?: string;
  scope?: { cityId: string; townId?: string };
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
/** Invitations carry their SMS in the outbox (swept by the notify timer when the request could not send it). */
export const INVITATION_OUTBOX_SOURCES = [INVITATIONS];
