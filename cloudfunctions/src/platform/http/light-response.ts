/**
 * A `Response` that keeps a string body as a string until something needs the real (undici) Response.
 * Every JSON answer goes `c.json()` → `new Response(text)` → the SCF result, which only needs the text,
 * status and headers; a real Response builds a ReadableStream per call and reading it back costs more
 * again (a tenth of the CPU of a cached `GET /api/codes/:token`). @hono/node-server installs the same
 * kind of global for the same reason. Anything else (streams, buffers, `.body`, `.clone()`…) gets the
 * real Response, built on first use.
 */
const NativeResponse = globalThis.Response;

type Parts = { body: string | null; status: number; statusText: string; headers: Headers };
const PARTS = Symbol('parts');
const REAL = Symbol('real');

function realOf(self: LightResponse): Response {
  if (!self[REAL]) {
    const p = self[PARTS]!;
    self[REAL] = new NativeResponse(p.body, { status: p.status, statusText: p.statusText, headers: p.headers });
  }
  return self[REAL];
}

export class LightResponse {
  [PARTS]?: Parts;
  [REAL]?: Response;

  constructor(body?: BodyInit | null, init?: ResponseInit) {
    if (body == null || typeof body === 'string') {
      const h = init?.headers;
      this[PARTS] = { body: body ?? null, status: init?.status ?? 200, statusText: init?.statusText ?? '', headers: h instanceof Headers ? h : new Headers(h) };
    } else {
      this[REAL] = new NativeResponse(body, init);
    }
  }

  /** The string body, status and headers, if no real Response was needed. */
  static parts(res: Response): Parts | undefined {
    const light = res as unknown as LightResponse;
    return light[REAL] ? undefined : light[PARTS];
  }

  static [Symbol.hasInstance](x: unknown): boolean {
    return x instanceof NativeResponse;
  }

  get status(): number { return this[REAL] ? this[REAL].status : this[PARTS]!.status; }
  get statusText(): string { return this[REAL] ? this[REAL].statusText : this[PARTS]!.statusText; }
  get ok(): boolean { const s = this.status; return s >= 200 && s < 300; }
  get headers(): Headers { return this[REAL] ? this[REAL].headers : this[PARTS]!.headers; }

  static json(data: unknown, init?: ResponseInit) { return NativeResponse.json(data, init); }
  static error() { return NativeResponse.error(); }
  static redirect(url: string | URL, status?: number) { return NativeResponse.redirect(url, status); }
}

const OWN = new Set(['constructor', 'status', 'statusText', 'ok', 'headers']);
for (const key of Object.getOwnPropertyNames(NativeResponse.prototype)) {
  if (OWN.has(key)) continue;
  const d = Object.getOwnPropertyDescriptor(NativeResponse.prototype, key)!;
  if (typeof d.value === 'function') {
    Object.defineProperty(LightResponse.prototype, key, { value(this: LightResponse, ...args: unknown[]) { return (realOf(this) as unknown as Record<string, (...a: unknown[]) => unknown>)[key](...args); } });
  } else if (d.get) {
    Object.defineProperty(LightResponse.prototype, key, { get(this: LightResponse) { return (realOf(this) as unknown as Record<string, unknown>)[key]; } });
  }
}
Object.setPrototypeOf(LightResponse.prototype, NativeResponse.prototype);

/** Makes `new Response(…)` light in this process (once); `fetch` still returns real Responses. */
export function installLightResponse(): void {
  if (globalThis.Response !== (LightResponse as unknown as typeof Response)) globalThis.Response = LightResponse as unknown as typeof Response;
}
