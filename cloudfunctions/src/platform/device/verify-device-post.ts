import type { Context } from 'hono';
import { unauthenticated } from '@cityloop/shared/errors';
import type { AppEnv } from '../http/app-env';
import { DEVICE_SKEW_SEC, verifyDevicePost } from './device-signature';
import { openDeviceKey } from './device-key-vault';
import { recordNonce } from './device-nonces.repository';

/** What the check needs of a registered device, whatever its family. */
export type SignedDevice = { _id: string; enabled: boolean; revokedAt?: Date; keyEnc?: string; key?: string };

/**
 * Reads a device post and verifies it (device-signature.ts): the device is known and in service, the HMAC over
 * timestamp, nonce and body matches its key, the timestamp is within ±300 s and the nonce is new (then recorded).
 * Answers the device and the raw body. One refusal for an unknown, revoked or unreadable device and a bad signature, so a caller
 * learns nothing about which device ids exist (the log says which it was).
 * @example const { device, body } = await readSignedDevicePost(c, await findDevice(db, id), 'concrete');
 */
export async function readSignedDevicePost<D extends SignedDevice>(c: Context<AppEnv>, device: D | null, purpose: string): Promise<{ device: D; body: string }> {
  const deps = c.get('deps');
  const body = await c.req.text();
  const ts = Number(c.req.header('x-cl-timestamp'));
  const nonce = c.req.header('x-cl-nonce') ?? '';
  const sig = c.req.header('x-cl-signature') ?? '';
  const refused = (why: string) => {
    c.get('log').warn('device post refused', { deviceId: c.req.param('deviceId'), why });
    return unauthenticated('设备未登记、已停用或签名校验失败', 'device_signature_invalid');
  };
  if (!device || !device.enabled || device.revokedAt) throw refused(device ? 'revoked' : 'unknown device');
  const key = openDeviceKey(deps.config.codeSecret, device, purpose);
  if (!key) throw refused('device key unreadable (CODE_SECRET changed?): rotate the key');
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(nonce) || !Number.isInteger(ts)) throw refused('signature headers missing or malformed');
  if (!verifyDevicePost(key, ts, nonce, body, sig)) throw refused('bad signature');
  const nowSec = Math.floor(deps.now().getTime() / 1000);
  if (Math.abs(nowSec - ts) > DEVICE_SKEW_SEC) throw unauthenticated('请求时间与服务器相差超过 5 分钟，请校准设备时钟', 'device_timestamp_skew');
  if (!(await recordNonce(deps.db, device._id, nonce, deps.now()))) throw unauthenticated('重复的请求（重放）已拒绝', 'device_replay');
  return { device, body };
}
