/**
 * A `Request` for one SCF event that builds the real (undici) Request only when something needs more than
 * method, url, headers or "is there a body". Constructing a real Request costs an AbortSignal and a stream
 * per call, which was a quarter of the CPU of a cached `GET /api/codes/:token` (the busiest public route);
 * @hono/node-server does the same for Node's IncomingMessage.
 */
type Init = { method: string; url: string; headers: Headers; body?: string | Buffer };

const INIT = Symbol('init');
const REAL = Symbol('real');
type Light = { [INIT]: Init; [REAL]?: Request };

function real(self: Light): Request {
  const i = self[INIT];
  return (self[REAL] ??= new Request(i.url, { method: i.method, headers: i.headers, body: i.body as BodyInit | undefined }));
}

const proto: object = Object.create(Request.prototype, {
  method: { get(this: Light) { return this[INIT].method; } },
  url: { get(this: Light) { return this[INIT].url; } },
  headers: { get(this: Light) { return this[INIT].headers; } },
  // Hono's body limit asks for `body` on every request; a GET has none, so no Request is built for it.
  body: { get(this: Light) { return this[INIT].body === undefined ? null : real(this).body; } },
});
for (const key of Object.getOwnPropertyNames(Request.prototype)) {
  if (key === 'constructor' || Object.prototype.hasOwnProperty.call(proto, key)) continue;
  const d = Object.getOwnPropertyDescriptor(Request.prototype, key)!;
  if (typeof d.value === 'function') {
    Object.defineProperty(proto, key, { value(this: Light, ...args: unknown[]) { return (real(this) as unknown as Record<string, (...a: unknown[]) => unknown>)[key](...args); } });
  } else if (d.get) {
    Object.defineProperty(proto, key, { get(this: Light) { return (real(this) as unknown as Record<string, unknown>)[key]; } });
  }
}

export function lightRequest(init: Init): Request {
  const self = Object.create(proto) as Light;
  self[INIT] = init;
  return self as unknown as Request;
}
