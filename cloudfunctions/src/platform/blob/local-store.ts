import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BlobStore } from './blob-store';

/**
 * Blobs on local disk (dev and tests). Presigned uploads go to the gateway's `/blob-upload/<key>` route,
 * signed with HMAC over key + content type + expiry, mirroring what COS does in production.
 */
export function createLocalStore(opts: { dir: string; publicBaseUrl: string; secret: string; now?: () => number }): BlobStore & {
  verifyUpload(key: string, contentType: string, expires: number, sig: string): boolean;
} {
  const now = opts.now ?? Date.now;
  const file = (key: string) => {
    if (!/^[a-z0-9/_.-]+$/i.test(key) || key.includes('..')) throw new Error(`invalid blob key ${key}`);
    return path.join(opts.dir, key);
  };
  const sign = (key: string, contentType: string, expires: number) =>
    createHmac('sha256', opts.secret).update(`${key}\n${contentType}\n${expires}`).digest('hex');
  return {
    async put(key, data) {
      const f = file(key);
      await mkdir(path.dirname(f), { recursive: true });
      const tmp = `${f}.${process.pid}.${Date.now()}.tmp`;
      await writeFile(tmp, data);
      await rename(tmp, f); // atomic: a reader never sees half a file
    },
    async get(key) {
      try {
        return await readFile(file(key));
      } catch {
        return null;
      }
    },
    async exists(key) {
      try {
        await stat(file(key));
        return true;
      } catch {
        return false;
      }
    },
    async presignPut(key, contentType, expiresSec) {
      const expires = Math.floor(now() / 1000) + expiresSec;
      const q = new URLSearchParams({ ct: contentType, exp: String(expires), sig: sign(key, contentType, expires) });
      return `${opts.publicBaseUrl}/blob-upload/${key}?${q}`;
    },
    verifyUpload(key, contentType, expires, sig) {
      if (!Number.isFinite(expires) || expires < now() / 1000) return false;
      const want = Buffer.from(sign(key, contentType, expires));
      const got = Buffer.from(sig);
      return want.length === got.length && timingSafeEqual(want, got);
    },
  };
}
