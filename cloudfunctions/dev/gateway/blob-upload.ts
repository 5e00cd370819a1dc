import { createHash } from 'node:crypto';
import type { createLocalStore } from '../../src/platform/blob/local-store';

/**
 * Local stand-in for a presigned COS PUT: checks the signature and expiry, and — because the key ends in the
 * content's SHA-256 — that the bytes really hash to it.
 */
export function blobUploadHandler(store: ReturnType<typeof createLocalStore>) {
  return async (key: string, q: URLSearchParams, body: Buffer) => {
    const contentType = q.get('ct') ?? '';
    if (!store.verifyUpload(key, contentType, Number(q.get('exp')), q.get('sig') ?? '')) return { status: 403, message: '上传链接无效或已过期' };
    const m = /^(?:sha256|staging\/[\w-]+)\/([0-9a-f]{64})$/.exec(key);
    if (m && createHash('sha256').update(body).digest('hex') !== m[1]) return { status: 400, message: '文件内容与校验值不符' };
    await store.put(key, body, contentType);
    return { status: 200, message: 'stored' };
  };
}
