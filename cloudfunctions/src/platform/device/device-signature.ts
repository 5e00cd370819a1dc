import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Automatic stations sign each post: hex(HMAC-SHA256(deviceKey, `${timestamp}\n${nonce}\n${sha256hex(body)}`)),
 * sent as x-cl-timestamp (unix s), x-cl-nonce (16–64 chars), x-cl-signature. A post outside ±300 s or with a
 * nonce seen before is refused (replay).
 */
export const DEVICE_SKEW_SEC = 300;

export function signDevicePost(key: string, timestamp: number, nonce: string, body: string): string {
  const bodyHash = createHash('sha256').update(body).digest('hex');
  return createHmac('sha256', key).update(`${timestamp}\n${nonce}\n${bodyHash}`).digest('hex');
}

export function verifyDevicePost(key: string, timestamp: number, nonce: string, body: string, signature: string): boolean {
  const want = Buffer.from(signDevicePost(key, timestamp, nonce, body));
  const got = Buffer.from(signature);
  return want.length === got.length && timingSafeEqual(want, got);
}
