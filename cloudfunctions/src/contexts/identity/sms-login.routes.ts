import type { Hono } from 'hono';
import { unauthenticated } from '@cityloop/shared/errors';
import { sendSmsCodeBody, smsVerifyBody } from '@cityloop/shared/identity/sms-code.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { sendSmsCode, verifySmsCode } from './sms-code';
import { claimVerifiedPhone } from './claim-phone';
import { sessionFor } from './session';

/**
 * SMS verification-code login (staff on a PC, shop owners) and binding a phone to the signed-in account.
 * Codes: sms-code.ts; who the session continues as: claim-phone.ts.
 */
export function smsLoginRoutes(app: Hono<AppEnv>) {
  app.post('/api/auth/sms-code', async (c) => {
    const { phone, purpose } = await jsonBody(c, sendSmsCodeBody);
    if (purpose === 'bind' && !c.get('actor')) throw unauthenticated('请先登录，再绑定手机号');
    return ok(c, await sendSmsCode(c.get('deps'), phone, purpose));
  });

  app.post('/api/auth/sms-login', async (c) => {
    const { phone, code } = await jsonBody(c, smsVerifyBody);
    const deps = c.get('deps');
    await verifySmsCode(deps, phone, 'login', code);
    // a WeChat session may hand its openid to the phone's contact account; otherwise this simply signs in
    const current = c.get('user');
    const { user } = await claimVerifiedPhone(deps, current?.openid ? current._id : null, phone);
    return ok(c, await sessionFor(c, user, 'auth.sms_login'));
  });

  app.post('/api/me/phone/sms', async (c) => {
    const actor = requireActor(c);
    const { phone, code } = await jsonBody(c, smsVerifyBody);
    const deps = c.get('deps');
    await verifySmsCode(deps, phone, 'bind', code);
    const { user } = await claimVerifiedPhone(deps, actor.userId, phone);
    return ok(c, await sessionFor(c, user, 'auth.bind_phone'));
  });
}
