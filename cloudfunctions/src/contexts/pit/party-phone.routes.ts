import type { Hono } from 'hono';
import { notFound } from '@cityloop/shared/errors';
import { can } from '@cityloop/shared/policy/can';
import type { AppEnv } from '../../platform/http/app-env';
import { ok } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { contactsByIds } from '../../platform/auth/users.repository';
import { findProjectFields } from './project.repository';

/**
 * 一键拨打 a party of a pit (issue 17: pit parties): pages show phones masked; tapping 拨打 asks for one
 * person's number, which only someone who may read the project gets, and only for a person on its parties.
 */
export function pitPartyPhoneRoutes(app: Hono<AppEnv>) {
  app.get('/api/pit/projects/:id/parties/:userId/phone', async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('deps');
    const p = await findProjectFields(db, c.req.param('id'), ['parties']);
    if (!p || !can(actor, 'pit.read', { kind: 'pit', scope: p.scope }).allow) throw notFound('基坑项目不存在');
    const userId = c.req.param('userId');
    const onParty = Object.values(p.parties).some((party) => party?.people.some((x) => x.userId === userId));
    const person = onParty ? (await contactsByIds(db, [userId])).get(userId) : undefined;
    if (!person) throw notFound('该项目的参建单位中没有此人');
    if (!person.phone) throw notFound(`${person.name} 未登记手机号`);
    return ok(c, { name: person.name, phone: person.phone.replace(/^\+?86/, '') });
  });
}
