import type { RoleBinding } from '@cityloop/shared/identity/roles';
import { roleKeysOf } from '@cityloop/shared/identity/roles';
import type { Deps } from '../../platform/deps';
import { bindRole, ensureContact } from '../../platform/auth/users.repository';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { newId, randomCode } from '../../platform/ids';
import { INVITATIONS, type Invitation } from './invitation.collection';
import { insertInvitation } from './invitation.repository';
import { invitationMessages } from './invitation-messages';

export type InvitationRequest = { name: string; phone: string; binding: RoleBinding; note?: string; expiresInDays: number };

/**
 * Issues an invitation (the caller has authorised it): the invitee's contact account (found by phone, or created)
 * holds the binding at once, and the code goes to that phone by SMS through the invitation's outbox, in the same
 * insert. Used by POST /api/invitations and by a 片长 assignment that invites someone not yet a user.
 */
export async function issueInvitation(deps: Deps, actorId: string, body: InvitationRequest, ctx: { requestId?: string; ip?: string }): Promise<Invitation & { contactId: string }> {
  const { db, now } = deps;
  const t = now();
  const scope = { cityId: body.binding.cityId, ...(body.binding.townId ? { townId: body.binding.townId } : {}) };
  const contactId = await ensureContact(db, { name: body.name, phone: body.phone }, t);
  const code = randomCode(10);
  const event: DomainEvent = { id: newId('ev', t.getTime()), action: 'invitation.issue', at: t, actorId, data: { contactId, role: body.binding.role } };
  const inv: Invitation & { contactId: string } = {
    ...createdAggregate(INVITATIONS, code, event, invitationMessages(event.id, contactId, body.name, body.binding.role, code, t), { ...ctx, scope }),
    _id: code,
    binding: body.binding,
    contactId,
    name: body.name,
    phone: body.phone,
    scope,
    note: body.note,
    issuedBy: actorId,
    createdAt: t,
    expiresAt: new Date(t.getTime() + body.expiresInDays * 86400_000),
  };
  await insertInvitation(db, inv);
  // The binding is the contact's from now on (idempotent per invitation: redeeming binds nothing twice).
  await bindRole(db, contactId, { ...inv.binding, invitationId: inv._id }, roleKeysOf([inv.binding]));
  return inv;
}
