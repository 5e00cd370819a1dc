import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export class BodyTooLarge extends Error {}

/** The raw request body bytes (signatures are computed over exactly these). */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new BodyTooLarge(`body over ${limitBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, rawText?: string): void {
  const text = rawText ?? JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Starts a server on 127.0.0.1 (port 0 = a free one). Handler errors become HTTP 500 so a stand-in
 * bug shows up as a failed call, never as a hang.
 */
export async function listenLoopback(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>, port = 0): Promise<{ server: Server; port: number }> {
  const listener: RequestListener = (req, res) => {
    handler(req, res).catch((e: unknown) => {
      console.error(JSON.stringify({ level: 'error', msg: 'stand-in handler failed', url: req.url, error: String((e as Error)?.stack ?? e) }));
      if (!res.headersSent) sendJson(res, 500, { error: 'stand-in internal error' });
      else res.destroy();
    });
  };
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

/** Closes the server and any keep-alive connections the SDKs hold open. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
