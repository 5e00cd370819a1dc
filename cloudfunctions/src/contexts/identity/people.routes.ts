import type { Hono } from 'hono';
import { forbidden, notFound } from '@cityloop/shared/errors';
import { can } from '@cityloop/shared/policy/can';
import { personScope } from '@cityloop/shared/identity/person-scope';
import type { PersonPhone } from '@cityloop/shared/identity/identity.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { ok } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { USERS } from '../../platform/auth/users';
import { findUser } from '../../platform/auth/users.repository';
import { appendAudit } from '../../platform/audit/audit-log';
import { newId } from '../../platform/ids';
import { projectsOf } from './person-places';

/**
 * The one way to a whole phone number: lists show `138****1234`; calling someone needs this reveal, which the policy
 * rule `person.phone.read` allows (shared/src/policy/rules.ts) and the audit log records, one row per reveal.
 */
export function peopleRoutes(app: Hono<AppEnv>) {
  app.get('/api/people/:id/phone', async (c) => {
    const actor = requireActor(c);
    const { db, now } = c.get('deps');
    const person = await findUser(db, c.req.param('id'));
    if (!person || person.mergedInto) throw notFound('人员不存在', 'person_not_found');
    const scope = personScope(person.roles, await projectsOf(db, person.roles));
    if (!can(actor, 'person.phone.read', { kind: 'person', scope }).allow) throw forbidden('无权查看该人员的完整手机号', 'phone_read_forbidden');
    if (!person.phone) throw notFound('该人员未登记手机号', 'phone_not_registered');
    const t = now();
    await appendAudit(db, {
      _id: newId('ev', t.getTime()),
      at: t,
      actorId: actor.userId,
      action: 'person.phone.read',
      target: { collection: USERS, id: person._id },
      requestId: c.get('requestId'),
      ip: c.get('ip'),
      scope: { cityId: scope.cityId, personCityIds: scope.personCityIds, personTownKeys: scope.personTownKeys },
    });
    return ok(c, { id: person._id, name: person.name, phone: person.phone } satisfies PersonPhone);
  });
}
