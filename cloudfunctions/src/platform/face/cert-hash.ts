import { createHash } from 'node:crypto';

/**
 * WeChat face verification 2.0's `cert_hash` (docs/domain/platform.md §4.1): each of cert_type, cert_name and
 * cert_no in standard base64 (UTF-8), joined as `cert_type=…&cert_name=…&cert_no=…`, SHA-256, lower-case hex.
 * @example certHash({ cert_type: 'IDENTITY_CARD', cert_name: '张三', cert_no: '310101199801011234' })
 *   // '3c241f7ff324977aeb91f173bb2a7b06569e6fd784d5573db34a636d8671108b'
 */
export function certHash(c: { cert_type: string; cert_name: string; cert_no: string }): string {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  return createHash('sha256').update(`cert_type=${b64(c.cert_type)}&cert_name=${b64(c.cert_name)}&cert_no=${b64(c.cert_no)}`).digest('hex');
}
