import type { Hono } from 'hono';
import { unauthenticated } from '@cityloop/shared/errors';
import { WECHAT_TEMPLATES } from '@cityloop/shared/notify/templates';
import type { SubscriptionState, TemplateKey } from '@cityloop/shared/notify/subscriptions';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import type { User } from '../../platform/auth/users';
import { setOwnFields } from '../../platform/auth/users.repository';
import { consentOf, consentTime, consentUpdate } from '../../platform/outbox/subscription-consent';
import { recordSubscriptionsBody } from '@cityloop/shared/notify/subscription.contract';

/** Every template of this deployment with the user's last answer (null: never asked, or asked outside WeChat). */
const present = (u: User): SubscriptionState[] =>
  (Object.keys(WECHAT_TEMPLATES) as TemplateKey[]).map((key) => {
    const templateId = WECHAT_TEMPLATES[key].id;
    const c = consentOf(u, templateId);
    return { key, templateId, choice: c?.choice ?? null, at: c ? consentTime(c) : null };
  });

/**
 * The user's subscription-message consent. The mini-program reports what WeChat's dialog answered; the
 * WeChat sender skips a template the user rejected (or WeChat banned), with the reason in the delivery log.
 */
export function subscriptionRoutes(app: Hono<AppEnv>) {
  app.get('/api/me/subscriptions', async (c) => {
    requireActor(c);
    return ok(c, { templates: present(c.get('user')!) });
  });

  app.post('/api/me/subscriptions', async (c) => {
    const actor = requireActor(c);
    const { results } = await jsonBody(c, recordSubscriptionsBody);
    const { db, now } = c.get('deps');
    // Not versioned: these fields are the user's own and nothing else writes them; the latest answer wins.
    const user = await setOwnFields(db, actor.userId, consentUpdate(results, now()));
    if (!user) throw unauthenticated('账号不存在，请重新登录', 'invalid_token');
    return ok(c, { templates: present(user) });
  });
}
