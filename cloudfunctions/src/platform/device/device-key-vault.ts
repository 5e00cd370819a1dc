import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Device keys at rest (docs/domain/pit.md §7.5): the HMAC check needs the key itself, so it cannot be hashed;
 * it is stored encrypted with AES-256-GCM under a key derived from the server secret (`CODE_SECRET`) and the
 * device family (`purpose`: 'pit' stations, 'concrete' batching systems and presses). A database dump alone does
 * not let anyone sign readings. Changing `CODE_SECRET` makes every device's key unreadable: rotate each key after it.
 */
const vaultKey = (secret: string, purpose: string) => createHash('sha256').update(`cityloop:${purpose}-device-key:${secret}`).digest();

/** A fresh device key: 32 random bytes, base64url (43 characters). */
export const newDeviceKey = () => randomBytes(32).toString('base64url');

export function sealDeviceKey(secret: string, key: string, purpose = 'pit'): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', vaultKey(secret, purpose), iv);
  const body = Buffer.concat([c.update(key, 'utf8'), c.final()]);
  return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join(':');
}

/** The device's key, or null when it cannot be read (another secret, a damaged record). */
export function openDeviceKey(secret: string, device: { keyEnc?: string; key?: string }, purpose = 'pit'): string | null {
  if (!device.keyEnc) return device.key ?? null;
  const [v, iv, tag, body] = device.keyEnc.split(':');
  if (v !== 'v1' || !iv || !tag || !body) return null;
  try {
    const d = createDecipheriv('aes-256-gcm', vaultKey(secret, purpose), Buffer.from(iv, 'base64url'));
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8');
  } catch {
    return null;
  }
}
