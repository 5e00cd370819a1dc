import { ROLE_LABELS } from '@cityloop/shared/identity/roles';
import type { SessionUser } from '@cityloop/shared/identity/identity.contract';
import { maskPhone, type User } from '../../platform/auth/users';

/** What the client may know about a user (phone masked). */
export const presentUser = (u: User) => ({
  id: u._id,
  name: u.name,
  phone: maskPhone(u.phone),
  roles: u.roles.map(({ invitationId: _i, ...b }) => ({ ...b, label: ROLE_LABELS[b.role] })),
}) satisfies SessionUser;
