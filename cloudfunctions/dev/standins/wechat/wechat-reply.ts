import { randomBytes } from 'node:crypto';

export type WxReply = { errcode: number; errmsg: string } & Record<string, unknown>;

/** WeChat appends a request id to every error message: `invalid code, rid: 65f1c2d3-1a2b3c4d-5e6f7a8b`. */
const rid = () => [4, 4, 4].map((n) => randomBytes(n).toString('hex')).join('-');

export const wxError = (errcode: number, errmsg: string): WxReply => ({ errcode, errmsg: `${errmsg} rid: ${rid()}` });

export function parseJsonObject(body: Buffer): Record<string, unknown> | null {
  try {
    const v = JSON.parse(body.toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
