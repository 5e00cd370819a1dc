import type COS from 'cos-nodejs-sdk-v5';
import type { BlobStore } from './blob-store';

export type CosStoreOptions = {
  secretId: string;
  secretKey: string;
  /** `<name>-<appid>`, e.g. cityloop-evidence-1250000000. */
  bucket: string;
  region: string;
  /**
   * Request host instead of `<bucket>.cos.<region>.myqcloud.com`, e.g. the stand-in's `127.0.0.1:PORT`.
   * The SDK only speaks virtual-hosted style (ForcePathStyle throws), so a custom domain serves one bucket.
   */
  domain?: string;
  /** 'https:' (default) or 'http:' for the stand-in. */
  protocol?: 'http' | 'http:' | 'https' | 'https:';
  timeoutMs?: number;
};

const isNotFound = (e: unknown) => {
  const err = e as { statusCode?: number; code?: string } | null;
  return err?.statusCode === 404 || err?.code === 'NoSuchKey';
};

function checkKey(key: string): string {
  if (!key || key.startsWith('/') || key.includes('..')) throw new Error(`invalid blob key ${JSON.stringify(key)}`);
  return key;
}

/**
 * The SDK (with its HTTP stack, ~1.3 MB minified) is loaded on the first blob operation, not at cold start; the
 * bundles ship it beside themselves as one pre-bundled file (scripts/functions/lazy-packages.ts).
 */
const loadCosSdk = async (): Promise<typeof COS> => {
  const sdk = (await import('cos-nodejs-sdk-v5')) as unknown as { default: typeof COS };
  return sdk.default;
};

/** Evidence storage on Tencent COS through the official SDK (q-sign-algorithm=sha1 signatures). */
export function createCosStore(opts: CosStoreOptions): BlobStore {
  let client: Promise<COS> | undefined;
  const sdk = () =>
    (client ??= loadCosSdk().then(
      (Cos) =>
        new Cos({
          SecretId: opts.secretId,
          SecretKey: opts.secretKey,
          ...(opts.domain ? { Domain: opts.domain } : {}),
          ...(opts.protocol ? { Protocol: opts.protocol } : {}),
          Timeout: opts.timeoutMs ?? 30_000,
        }),
      (e: unknown) => {
        client = undefined;
        throw e;
      },
    ));
  const at = (key: string) => ({ Bucket: opts.bucket, Region: opts.region, Key: checkKey(key) });

  return {
    async put(key, data, contentType) {
      await (await sdk()).putObject({ ...at(key), Body: data, ContentType: contentType, ContentLength: data.length });
    },
    async get(key) {
      try {
        const r = await (await sdk()).getObject(at(key));
        return Buffer.isBuffer(r.Body) ? r.Body : Buffer.from(r.Body as unknown as string);
      } catch (e) {
        if (isNotFound(e)) return null;
        throw e;
      }
    },
    async exists(key) {
      try {
        await (await sdk()).headObject(at(key));
        return true;
      } catch (e) {
        if (isNotFound(e)) return false;
        throw e;
      }
    },
    async presignPut(key, contentType, expiresSec) {
      const cos = await sdk();
      // Content-Type is signed, so the uploader must send exactly this type.
      return new Promise((resolve, reject) => {
        cos.getObjectUrl(
          { ...at(key), Method: 'PUT', Sign: true, Expires: expiresSec, Headers: { 'Content-Type': contentType } },
          (err, data) => (err ? reject(err) : resolve(data.Url)),
        );
      });
    },
  };
}
