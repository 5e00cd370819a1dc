import { wxError, type WxReply } from './wechat-reply';
import type { TokenCheck } from './wechat-tokens';

/** A phone code is single-use and lives 5 minutes (docs/domain/identity.md §1). */
export const PHONE_CODE_TTL_MS = 5 * 60_000;

const PHONE_CODE = /^(1[3-9]\d{9})\.(\d{10,15})\.([A-Za-z0-9_-]{1,32})$/;

/**
 * The stand-in's getPhoneNumber codes say which phone they prove and when they were minted:
 * `<11-digit mobile>.<minted at, epoch ms>.<nonce>`. Tests and the H5 dev build mint them the way they mint login
 * codes (`persona.nonce`); the real WeChat never accepts one (its codes are opaque), so nothing minted here works
 * in production.
 * @example mintPhoneCode('13912345678', 1765000000000, 'k2p') // '13912345678.1765000000000.k2p'
 */
export function mintPhoneCode(phone: string, atMs: number, nonce: string): string {
  return `${phone}.${Math.floor(atMs)}.${nonce}`;
}

export type PhoneState = {
  checkToken(token: string): TokenCheck;
  appId: string;
  now(): number;
  usedCodes: Set<string>;
  /** Errcodes the next calls answer (test hook: -1 system busy, 45011 quota). */
  failures: number[];
};

/**
 * getuserphonenumber as WeChat answers it: 40029 for a malformed, expired (over 5 minutes) or already used code,
 * token errors 41001/40001/42001, 47001 for a body that is not JSON.
 */
export function handleGetPhoneNumber(state: PhoneState, token: string | null, body: Record<string, unknown> | null): WxReply {
  if (!token) return wxError(41001, 'access_token missing');
  const t = state.checkToken(token);
  if (t === 'invalid') return wxError(40001, 'invalid credential, access_token is invalid or not latest');
  if (t === 'expired') return wxError(42001, 'access_token expired');
  const failure = state.failures.shift();
  if (failure === -1) return wxError(-1, 'system error');
  if (failure === 45011) return wxError(45011, 'api minute-quota reach limit, must slower, retry next minute');
  if (!body) return wxError(47001, 'data format error');
  const code = typeof body.code === 'string' ? body.code : '';
  const m = PHONE_CODE.exec(code);
  const at = state.now();
  if (!m) return wxError(40029, 'invalid code');
  const minted = Number(m[2]);
  // a used code, an expired one and one "from the future" (another clock) all look like WeChat's 40029
  if (state.usedCodes.has(code) || at - minted > PHONE_CODE_TTL_MS || minted - at > 60_000) return wxError(40029, 'invalid code');
  state.usedCodes.add(code);
  const phone = m[1];
  return {
    errcode: 0,
    errmsg: 'ok',
    phone_info: { phoneNumber: phone, purePhoneNumber: phone, countryCode: '86', watermark: { timestamp: Math.floor(at / 1000), appid: state.appId } },
  };
}
