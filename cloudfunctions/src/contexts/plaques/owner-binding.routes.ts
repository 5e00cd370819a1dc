import type { Hono } from 'hono';
import { bindingFinishRequest, bindingStartRequest, shopFormRequest } from '@cityloop/shared/plaques/shop-admin.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { sessionFor } from '../identity/public';
import { finishOwnerBinding, startOwnerBinding } from './bind-owner';
import { registerShop } from './register-shop';

/** Shop owners bind their account with the kit's 绑定码 + an SMS code; staff register one shop by form. */
export function ownerBindingRoutes(app: Hono<AppEnv>) {
  app.post('/api/shop-binding/sms', async (c) => {
    const { bindingCode } = await jsonBody(c, bindingStartRequest);
    return ok(c, await startOwnerBinding(c.get('deps'), bindingCode));
  });

  app.post('/api/shop-binding', async (c) => {
    const { bindingCode, code } = await jsonBody(c, bindingFinishRequest);
    const r = await finishOwnerBinding(c.get('deps'), c.get('user'), bindingCode, code, { requestId: c.get('requestId'), ip: c.get('ip') });
    return ok(c, { ...(await sessionFor(c, r.user, 'shop.bind_owner')), shopId: r.shopId });
  });

  /** 单个商户登记 (area chief, town regulator): 201 with the plaque id and its signed code. */
  app.post('/api/plaques/shops', async (c) => {
    const actor = requireActor(c);
    const form = await jsonBody(c, shopFormRequest);
    const shop = await registerShop(c.get('deps'), actor, form, { requestId: c.get('requestId'), ip: c.get('ip') });
    return ok(c, shop, { status: shop.status === 'imported' ? 201 : 200 });
  });
}
