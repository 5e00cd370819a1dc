/**
 * Printed codes are plain links `https://<domain>/c/<token>` (docs/ARCHITECTURE.md §7, docs/domain/platform.md §1.3).
 * Pure parsing only: no Taro, no `URL` global (older WeChat base libraries lack it).
 */

export const SCAN_PAGE = '/pages/scan/index';
export const HOME_PAGE = '/pages/index/index';
export const LOGIN_PAGE = '/pages/login/index';
export const INBOX_PAGE = '/pages/inbox/index';
export const PROFILE_PAGE = '/pages/profile/index';
export const SHOP_BIND_PAGE = '/packages/shop/pages/bind/index';
export const SHOP_MINE_PAGE = '/packages/shop/pages/mine/index';

/** Characters a code token may contain (URL-safe, as the server issues them). */
const TOKEN_RE = /^[A-Za-z0-9._~-]{1,256}$/;

export function isValidToken(token: string): boolean {
  return TOKEN_RE.test(token) && token !== '.' && token !== '..';
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/**
 * The code token of a link, or null when it is not one of our code links.
 * Accepts `http(s)://host[:port]/…/c/<token>[/][?…][#…]` and a bare path `/c/<token>`.
 */
export function extractCodeToken(link: string | null | undefined): string | null {
  if (!link) return null;
  const trimmed = link.trim();
  let path: string;
  const abs = /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?(?:[?#].*)?$/i.exec(trimmed);
  if (abs) path = abs[1] || '/';
  else if (trimmed.startsWith('/')) path = trimmed.split(/[?#]/)[0];
  else return null;
  const m = /\/c\/([^/]+)\/?$/.exec(path);
  if (!m) return null;
  const token = safeDecode(m[1]);
  return token && isValidToken(token) ? token : null;
}

export interface ScanTarget {
  /** The token to look up, or null if none could be read. */
  token: string | null;
  /** The full link, when the page was opened with one. */
  link: string | null;
}

/**
 * Reads the scan page's options:
 * - `q`: the full link, URL-encoded once (WeChat plain-link QR entry, and our own navigation);
 * - `c`: a token directly;
 * - `scene`: a token from a wxacode (`decodeURIComponent` once).
 */
export function readScanOptions(options: Record<string, string | undefined> | null | undefined): ScanTarget {
  const o = options ?? {};
  if (o.q) {
    const decoded = safeDecode(o.q);
    // Tolerate a platform that already decoded it: a raw `q` that parses wins only if the decoded one does not.
    const link = decoded && extractCodeToken(decoded) ? decoded : extractCodeToken(o.q) ? o.q : (decoded ?? o.q);
    return { token: extractCodeToken(link), link };
  }
  for (const key of ['c', 'scene'] as const) {
    const raw = o[key];
    if (raw) {
      const token = safeDecode(raw);
      return { token: token && isValidToken(token) ? token : null, link: null };
    }
  }
  return { token: null, link: null };
}

/** The scan page URL for a scanned link. */
export function scanPageUrl(link: string): string {
  return `${SCAN_PAGE}?q=${encodeURIComponent(link)}`;
}

export type ScanRoute =
  | { type: 'page'; url: string }
  | { type: 'unknown'; message: string };

/**
 * Where to go after `scanCode`. `result` is the content; `path` is set only for this app's own
 * mini-program codes (then it is a page path to open directly).
 */
export function routeScanResult(res: { result?: string; path?: string }): ScanRoute {
  if (res.path) {
    const p = res.path.startsWith('/') ? res.path : `/${res.path}`;
    return { type: 'page', url: p };
  }
  const content = (res.result ?? '').trim();
  if (extractCodeToken(content)) return { type: 'page', url: scanPageUrl(content) };
  return { type: 'unknown', message: '不是本系统的二维码' };
}

export type LinkAction =
  | { type: 'page'; url: string }
  | { type: 'external'; url: string }
  | { type: 'none' };

/** What tapping an inbox item's `link` does. */
export function resolveLink(link: string | null | undefined): LinkAction {
  const l = (link ?? '').trim();
  if (!l) return { type: 'none' };
  if (extractCodeToken(l)) return { type: 'page', url: scanPageUrl(l) };
  if (/^\/(pages|packages)\//.test(l)) return { type: 'page', url: l };
  if (/^(pages|packages)\//.test(l)) return { type: 'page', url: `/${l}` };
  if (/^https?:\/\//i.test(l)) return { type: 'external', url: l };
  return { type: 'none' };
}

/** Page options arrive URL-encoded on some platforms and decoded on others. */
export function pageParam(v: string | undefined): string {
  if (!v) return '';
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

