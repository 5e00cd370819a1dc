import { rootLogger } from '../log';
import { newId } from '../ids';
import { WechatApiError } from '../wechat/wechat-api-error';
import { callWechat, errcodeOf, errmsgOf, type FetchLike } from '../wechat/wechat-http';
import { certHash } from './cert-hash';
import type { FaceChallenge, FaceOutcome, FacePerson, FaceVerifier } from './face-verifier';

const log = rootLogger.child({ component: 'face-wechat' });
/** queryverifyinfo: the verification passed (docs/domain/platform.md §4.1). */
export const VERIFY_RET_OK = 10000;
const TOKEN_REJECTED = new Set([40001, 42001]);

export type WechatFaceOptions = {
  baseUrl?: string;
  getAccessToken(): Promise<string>;
  /** drops a token WeChat rejected (40001/42001) so the next call fetches another */
  invalidateToken?(token: string): void;
  fetch?: FetchLike;
  timeoutMs?: number;
};

/**
 * WeChat face verification 2.0 (政务民生 mini-programs): getverifyid with the person's name and ID number for
 * their openid → the client runs wx.requestFacialVerify → queryverifyinfo with the cert_hash; the result counts
 * only with errcode 0 and verify_ret 10000. WeChat checks that openid and cert_info match the session.
 */
export function createWechatFaceVerifier(opts: WechatFaceOptions): FaceVerifier {
  const base = (opts.baseUrl ?? 'https://api.weixin.qq.com').replace(/\/+$/, '');
  const fetchFn: FetchLike = opts.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = opts.timeoutMs ?? 10_000;

  async function post(api: string, path: string, body: unknown): Promise<Record<string, unknown>> {
    const call = async (token: string) =>
      (await callWechat(fetchFn, api, `${base}${path}?access_token=${encodeURIComponent(token)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, timeoutMs)).body;
    let token = await opts.getAccessToken();
    let reply = await call(token);
    if (TOKEN_REJECTED.has(errcodeOf(reply))) {
      opts.invalidateToken?.(token);
      token = await opts.getAccessToken();
      reply = await call(token);
    }
    return reply;
  }

  async function certInfo(person: FacePerson) {
    if (!person.openid || !person.idNumber) throw new Error('WeChat face verification needs the openid and the ID number');
    return { cert_type: 'IDENTITY_CARD', cert_name: person.name, cert_no: await person.idNumber() };
  }

  return {
    mode: 'wechat',
    async begin(person): Promise<FaceChallenge> {
      const cert_info = await certInfo(person);
      // 5–32 characters of [0-9A-Za-z_-], unique per appid
      const outSeqNo = newId('fv');
      const reply = await post('getVerifyId', '/cityservice/face/identify/getverifyid', { out_seq_no: outSeqNo, cert_info, openid: person.openid });
      if (errcodeOf(reply) !== 0 || typeof reply.verify_id !== 'string') {
        log.warn('getverifyid failed', { errcode: errcodeOf(reply), errmsg: errmsgOf(reply) });
        throw new WechatApiError(errcodeOf(reply) || -1, errmsgOf(reply) || 'no verify_id in reply', 'getVerifyId');
      }
      return { mode: 'wechat', verifyId: reply.verify_id, outSeqNo, expiresInSec: Number(reply.expires_in ?? 3600) };
    },
    async check(person, evidence): Promise<FaceOutcome> {
      if (evidence.mode !== 'wechat') throw new Error('the WeChat verifier checks WeChat sessions only');
      const cert = await certInfo(person);
      const reply = await post('queryVerifyInfo', '/cityservice/face/identify/queryverifyinfo', {
        verify_id: evidence.verifyId,
        out_seq_no: evidence.outSeqNo,
        cert_hash: certHash(cert),
        openid: person.openid,
      });
      const errcode = errcodeOf(reply);
      const verifyRet = typeof reply.verify_ret === 'number' ? reply.verify_ret : undefined;
      if (errcode !== 0) {
        log.warn('queryverifyinfo refused', { errcode, errmsg: errmsgOf(reply) });
        return { match: false, reason: 'mismatch', detail: { provider: 'wechat', verifyRet } };
      }
      if (verifyRet === VERIFY_RET_OK) return { match: true, detail: { provider: 'wechat', verifyRet } };
      // 9xxxx: cancelled, no camera, timeout, invalid capture — the person did not pass
      return { match: false, reason: verifyRet === undefined ? 'not_completed' : 'mismatch', detail: { provider: 'wechat', verifyRet } };
    },
  };
}
