/** The JSON envelope every API response uses. */
export type Ok<T> = { ok: true; data: T; policies?: Record<string, boolean>; requestId: string };
export type Err = { ok: false; error: string; message: string; data?: unknown; requestId: string };
export type Envelope<T> = Ok<T> | Err;
