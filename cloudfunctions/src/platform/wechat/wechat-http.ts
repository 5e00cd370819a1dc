import { WechatApiError } from './wechat-api-error';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;
export type WechatReply = { body: Record<string, unknown>; text: string };

/**
 * One call to the WeChat API. WeChat answers HTTP 200 with `errcode` in the body even on errors, so
 * the caller inspects `body.errcode`; transport failures (network, non-200, non-JSON) throw
 * WechatApiError with errcode -1, which WeChat itself uses for "system busy, retry".
 */
export async function callWechat(fetchFn: FetchLike, api: string, url: string, init: RequestInit, timeoutMs: number): Promise<WechatReply> {
  let res: Response;
  try {
    res = await fetchFn(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    throw new WechatApiError(-1, `request failed: ${(e as Error).message}`, api);
  }
  const text = await res.text().catch(() => '');
  if (res.status !== 200) throw new WechatApiError(-1, `HTTP ${res.status}`, api);
  try {
    const body = JSON.parse(text) as unknown;
    if (typeof body !== 'object' || body === null) throw new Error('not an object');
    return { body: body as Record<string, unknown>, text };
  } catch {
    throw new WechatApiError(-1, `unexpected response: ${text.slice(0, 120)}`, api);
  }
}

/** The numeric errcode of a reply, 0 when absent (success replies often omit it). */
export const errcodeOf = (body: Record<string, unknown>): number => (typeof body.errcode === 'number' ? body.errcode : 0);
export const errmsgOf = (body: Record<string, unknown>): string => (typeof body.errmsg === 'string' ? body.errmsg : '');
