import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** Serves the H5 build; unknown paths fall back to index.html (hash router). */
/**
 * The build's content-hashed scripts and styles (`js/app.373aed2d.js`) never change under their name: the
 * browser keeps them, so a reload or the next page of a subpackage does not fetch and wait for them again
 * (page loads, issue 17). index.html and everything else is checked every time.
 */
export function cacheControl(root: string, file: string): string {
  const rel = path.relative(root, file).split(path.sep).join('/');
  return /^(js|css|static)\/.+\.[0-9a-f]{8,}\.(js|css|png|jpe?g|svg|woff2?|ttf)$/.test(rel) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

export async function serveStatic(root: string, urlPath: string, res: ServerResponse): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    // `GET /%` and other malformed escapes: a bad request, not a crash of the whole local system
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('地址格式有误');
    return;
  }
  const clean = path.normalize(decoded).replace(/^(\.\.[/\\])+/, '');
  let file = path.join(root, clean);
  if (!file.startsWith(root)) file = path.join(root, 'index.html');
  try {
    const st = await stat(file);
    if (st.isDirectory()) file = path.join(file, 'index.html');
    await stat(file);
  } catch {
    file = path.join(root, 'index.html');
    try {
      await stat(file);
    } catch {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('H5 build missing: run `npm run build` (npm start does it for you).');
      return;
    }
  }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': cacheControl(root, file) });
  createReadStream(file).pipe(res);
}
