/**
 * Page-load times in the journeys: navigation → content visible, measured in the page itself and appended
 * to `e2e/page-loads/loads.jsonl` (ignored by git); `npm run page-loads` prints the p95 and the slowest pages.
 *
 * "Navigation" is the document's start for a full load, or the moment the hash route changes (Taro's
 * navigateTo / redirectTo / navigateBack). "Content visible" is the first moment the route's own page element
 * (`.taro_page.taro_page_show`, its id the page path) has a `.cl-page` with text and no 正在加载… / 加载中 in it.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';

export const PAGE_LOAD_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'page-loads');
export const PAGE_LOAD_FILE = path.join(PAGE_LOAD_DIR, 'loads.jsonl');
const TAG = '[cl-load]';

/** Runs in every document of the context, before the app's scripts (kept free of named inner functions for tsx). */
export const IN_PAGE = `(() => {
  if (window.__clLoad) return;
  window.__clLoad = true;
  let t0 = 0;
  let route = location.hash;
  let done = false;
  const start = () => {
    if (location.hash === route) return;
    t0 = performance.now();
    route = location.hash;
    done = false;
  };
  for (const k of ['pushState', 'replaceState']) {
    const orig = history[k];
    history[k] = function (...args) { const r = orig.apply(this, args); start(); return r; };
  }
  window.addEventListener('hashchange', start);
  window.addEventListener('popstate', start);
  setInterval(() => {
    if (done) return;
    // the page element of this route (Taro gives it the page path as its id), shown
    const want = route.replace(/^#/, '').split('?')[0].replace(/^\\//, '') || 'pages/index/index';
    const pages = Array.from(document.querySelectorAll('.taro_page.taro_page_show')).filter((p) => (p.id.split('?')[0].replace(/^\\//, '') || 'pages/index/index') === want && p.getBoundingClientRect().width > 0);
    const shown = pages[pages.length - 1];
    const page = shown && shown.querySelector('.cl-page');
    if (!page) return;
    const text = page.innerText || '';
    if (!text.trim() || /正在加载|加载中/.test(text)) return;
    done = true;
    console.debug('${TAG}' + JSON.stringify({ route, ms: Math.round(performance.now() - t0), full: t0 === 0 }));
  }, 25);
})();`;

/** The route without its query (`/packages/pit/pages/alarm/index`): one row per page, whatever record it shows. */
export const routeKey = (hash: string) => (hash.replace(/^#/, '').split('?')[0] || '/pages/index/index');

/** Records every page load of the context's pages into PAGE_LOAD_FILE, tagged with the running test file. */
export async function recordPageLoads(context: BrowserContext, source = path.basename(process.argv[1] ?? 'unknown')): Promise<void> {
  mkdirSync(PAGE_LOAD_DIR, { recursive: true });
  await context.addInitScript({ content: IN_PAGE });
  context.on('console', (m) => {
    if (m.type() !== 'debug' || !m.text().startsWith(TAG)) return;
    try {
      const r = JSON.parse(m.text().slice(TAG.length)) as { route: string; ms: number; full: boolean };
      appendFileSync(PAGE_LOAD_FILE, `${JSON.stringify({ source, page: routeKey(r.route), ms: r.ms, full: r.full })}\n`);
    } catch {
      /* not ours */
    }
  });
}

export type PageLoad = { source: string; page: string; ms: number; full: boolean };

/** p-th percentile (nearest rank) of `xs`. */
export function percentile(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
