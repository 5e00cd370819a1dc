import { createHmac, timingSafeEqual } from 'node:crypto';
import { invalid } from '@cityloop/shared/errors';
import { codeTokenFrom, splitToken } from '@cityloop/shared/codes/code-url';

/** 16 base64url chars = 96 bits of HMAC-SHA256: forging one by guessing is out of reach. */
const sig = (secret: string, id: string) => createHmac('sha256', secret).update(`code:${id}`).digest('base64url').slice(0, 16);

/** The printed URL for an id (facility, plaque, project…). */
export function signCodeUrl(secret: string, baseUrl: string, id: string): string {
  return `${baseUrl.replace(/\/$/, '')}/c/${id}.${sig(secret, id)}`;
}

/** Checks a scanned URL or token; returns the id and kind prefix, or throws a clear error. */
export function verifyCode(secret: string, input: string): { id: string; prefix: string } {
  const token = codeTokenFrom(input);
  if (!token) throw invalid('这不是城市服务码，请扫描现场张贴的二维码', 'code_unrecognised');
  const { id, sig: given, prefix } = splitToken(token);
  const want = Buffer.from(sig(secret, id));
  const got = Buffer.from(given);
  if (want.length !== got.length || !timingSafeEqual(want, got)) {
    throw invalid('二维码校验失败：该码可能被伪造或篡改，请勿按其内容操作，并可向12319举报', 'code_forged');
  }
  return { id, prefix };
}
