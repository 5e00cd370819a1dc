import { createHash, randomBytes } from 'node:crypto';
import { wxError, type WxReply } from './wechat-reply';
import type { TokenCheck } from './wechat-tokens';

/** verify_id lives an hour (docs/domain/platform.md §4.1). */
export const VERIFY_ID_TTL_SEC = 3600;
const OUT_SEQ_NO = /^[0-9A-Za-z_-]{5,32}$/;

type Session = { outSeqNo: string; openid: string; certHash: string; createdAt: number; verifyRet?: number };
export type FaceState = {
  checkToken(token: string): TokenCheck;
  issuedOpenids: Set<string>;
  now(): number;
  sessions: Map<string, Session>;
  usedOutSeqNos: Set<string>;
};

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const certHashOf = (c: { cert_type: string; cert_name: string; cert_no: string }) =>
  createHash('sha256').update(`cert_type=${b64(c.cert_type)}&cert_name=${b64(c.cert_name)}&cert_no=${b64(c.cert_no)}`).digest('hex');

function tokenError(state: FaceState, token: string | null): WxReply | null {
  if (!token) return wxError(41001, 'access_token missing');
  const t = state.checkToken(token);
  if (t === 'invalid') return wxError(40001, 'invalid credential, access_token is invalid or not latest');
  if (t === 'expired') return wxError(42001, 'access_token expired');
  return null;
}

/**
 * getverifyid: checks the body as WeChat documents it (out_seq_no 5–32 of [0-9A-Za-z_-], unique; cert_info with
 * cert_type IDENTITY_CARD, cert_name, an 18-character cert_no; an openid of this app) and opens a session. Nobody
 * scans a face here: the session's result is what the test (or the dev page) says with `completeFacialVerify`;
 * until then queryverifyinfo answers verify_ret 90002 (the user cancelled).
 */
export function handleGetVerifyId(state: FaceState, token: string | null, body: Record<string, unknown> | null): WxReply {
  const bad = tokenError(state, token);
  if (bad) return bad;
  if (!body) return wxError(47001, 'data format error');
  const { out_seq_no: outSeqNo, cert_info: cert, openid } = body as { out_seq_no?: unknown; cert_info?: Record<string, unknown>; openid?: unknown };
  if (typeof outSeqNo !== 'string' || !OUT_SEQ_NO.test(outSeqNo)) return wxError(40097, 'invalid args: out_seq_no');
  if (state.usedOutSeqNos.has(outSeqNo)) return wxError(40097, 'invalid args: out_seq_no duplicated');
  if (!cert || cert.cert_type !== 'IDENTITY_CARD' || typeof cert.cert_name !== 'string' || !cert.cert_name || typeof cert.cert_no !== 'string' || !/^\d{17}[\dX]$/.test(cert.cert_no)) {
    return wxError(40097, 'invalid args: cert_info');
  }
  if (typeof openid !== 'string' || !state.issuedOpenids.has(openid)) return wxError(40003, 'invalid openid');
  state.usedOutSeqNos.add(outSeqNo);
  const verifyId = randomBytes(24).toString('base64url');
  state.sessions.set(verifyId, { outSeqNo, openid, certHash: certHashOf({ cert_type: 'IDENTITY_CARD', cert_name: cert.cert_name, cert_no: cert.cert_no }), createdAt: state.now() });
  return { errcode: 0, errmsg: 'ok', verify_id: verifyId, expires_in: VERIFY_ID_TTL_SEC };
}

/**
 * queryverifyinfo: the session must exist and its out_seq_no, openid and cert_hash match what getverifyid was
 * given (otherwise an errcode, never a verify_ret — WeChat guards against swapped identities the same way).
 */
export function handleQueryVerifyInfo(state: FaceState, token: string | null, body: Record<string, unknown> | null): WxReply {
  const bad = tokenError(state, token);
  if (bad) return bad;
  if (!body) return wxError(47001, 'data format error');
  const s = typeof body.verify_id === 'string' ? state.sessions.get(body.verify_id) : undefined;
  if (!s || state.now() - s.createdAt > VERIFY_ID_TTL_SEC * 1000) return wxError(40097, 'invalid args: verify_id');
  if (body.out_seq_no !== s.outSeqNo || body.openid !== s.openid) return wxError(40097, 'invalid args: out_seq_no or openid mismatch');
  if (body.cert_hash !== s.certHash) return wxError(40097, 'invalid args: cert_hash mismatch');
  return { errcode: 0, errmsg: 'ok', verify_ret: s.verifyRet ?? 90002 };
}
