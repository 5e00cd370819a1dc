import { roleKeysOf, type RoleBinding } from '@cityloop/shared/identity/roles';
import type { Deps } from '../../platform/deps';
import { bindRole, ensureContact } from '../../platform/auth/users.repository';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { newId, randomCode } from '../../platform/ids';
import { INVITATIONS, type Invitation } from './invitation.collection';
import { insertInvitation } from './invitation.repository';
import { invitationMessages } from './invitation-messages';

export type NewInvitation = { name: string; phone: string; binding: RoleBinding; note?: string; expiresAt: Date };

/**
 * Issues one invitation (the caller has authorized it): the named person's contact account (found by phone, or
 * created) holds the binding at once, and the code goes to that phone by SMS through the invitation's outbox, in
 * the same insert. Used by the admin's invitations and the area chief's third-party patrollers.
 */
export async function issueInvitation(deps: Deps, issuerId: string, input: NewInvitation, ctx: { requestId?: string; ip?: string }): Promise<Invitation & { contactId: string }> {
  const { db, now } = deps;
  const t = now();
  const scope = { cityId: input.binding.cityId, ...(input.binding.townId ? { townId: input.binding.townId } : {}) };
  const contactId = await ensureContact(db, { name: input.name, phone: input.phone }, t);
  const code = randomCode(10);
  const event: DomainEvent = { id: newId('ev', t.getTime()), action: 'invitation.issue', at: t, actorId: issuerId, data: { contactId, role: input.binding.role } };
  const inv: Invitation & { contactId: string } = {
    ...createdAggregate(INVITATIONS, code, event, invitationMessages(event.id, contactId, input.name, input.binding.role, code, t), { ...ctx, scope }),
    _id: code,
    binding: input.binding,
    contactId,
    name: input.name,
    phone: input.phone,
    scope,
    note: input.note,
    issuedBy: issuerId,
    createdAt: t,
    expiresAt: input.expiresAt,
  };
  await insertInvitation(db, inv);
  // The binding is the contact's from now on (idempotent per invitation: redeeming binds nothing twice).
  await bindRole(db, contactId, { ...inv.binding, invitationId: inv._id }, roleKeysOf([inv.binding]));
  return inv;
}
