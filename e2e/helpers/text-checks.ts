/**
 * What a person must never read on a page, checked in the page shown last: a time, date, long code or
 * quantity with its unit broken over two lines ("05:4 / 9", "±2.45 m / m/d"); text cut off with an
 * ellipsis; raw ids; English words; doubled punctuation ("。。").
 */
import type { Page } from 'playwright-core';

export type TextProblem = { kind: 'broken' | 'cut' | 'raw-id' | 'english' | 'punctuation'; text: string };

// Plain JS run in the page (a string: tsx would wrap named functions in a `__name` the browser lacks).
const IN_PAGE = `(() => {
  const shown = Array.from(document.querySelectorAll('.taro_page.taro_page_show:not(.taro_page_shade)')).filter((p) => p.getBoundingClientRect().width > 0);
  const root = (shown[shown.length - 1] || document).querySelector('.cl-page') || document.body;
  const out = [];
  const TOKENS = /[±+-]?\\d+(?:\\.\\d+)?\\s?(?:mm\\/d|mm|kN|‰|%|°|m|米|小时|分钟|天)(?![a-zA-Z])|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}:\\d{2}|\\d{2}-\\d{2}|\\d{6,}/g;
  const RAW = /\\b(?:fc|pj|cs|shop|sh|pl|al|up|usr|u|ft|dw|ct)_[a-z0-9]{6,}\\b|\\borg-[a-z-]+\\b|\\b(?:nc|dc)-\\d\\d\\b|\\bo[A-Za-z0-9_-]{26,}\\b/g;
  const ENGLISH = /\\b[A-Za-z]{4,}\\b/g;
  // DiNi: a levelling instrument brand; Excel: the file kind offered for export.
  const ALLOWED_EN = /^(?:DINI|DiNi|GSI|CSV|XLSX|Excel|JPEG|HTTP|HTTPS|Open|WeChat)$/;
  // An upper-case code prefix before "-digits" is part of a number (report ZHXJ-2026-0002), not a word.
  const codePrefix = (s, m) => /^[A-Z]+$/.test(m[0]) && /^-\\d/.test(s.slice(m.index + m[0].length));
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('input,textarea,[aria-hidden="true"],.taro-input-core,.weui-input') ) continue;
    const r0 = el.getBoundingClientRect();
    if (r0.width === 0 || r0.height === 0) continue;
    const s = n.textContent || '';
    for (const m of s.matchAll(TOKENS)) {
      const range = document.createRange();
      range.setStart(n, m.index);
      range.setEnd(n, m.index + m[0].length);
      const tops = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0.5).map((r) => Math.round(r.top / 4)));
      if (tops.size > 1) out.push({ kind: 'broken', text: m[0] + ' in “' + s.trim().slice(0, 60) + '”' });
    }
    // .cl-code: an identifier the reader keeps themselves (an admin's grid code), shown labelled as a code.
    if (!el.closest('.cl-code')) for (const m of s.matchAll(RAW)) out.push({ kind: 'raw-id', text: m[0] });
    for (const m of s.matchAll(ENGLISH)) if (!ALLOWED_EN.test(m[0]) && !codePrefix(s, m)) out.push({ kind: 'english', text: m[0] + ' in “' + s.trim().slice(0, 60) + '”' });
    if (/[。！？][。，！？]|，。|；。/.test(s)) out.push({ kind: 'punctuation', text: s.trim().slice(0, 80) });
  }
  for (const el of Array.from(root.querySelectorAll('*'))) {
    const st = getComputedStyle(el);
    if (st.textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1) out.push({ kind: 'cut', text: (el.textContent || '').trim().slice(0, 80) });
  }
  return out;
})()`;

/** Every problem on the page shown last (see the module comment). */
export async function textProblems(page: Page): Promise<TextProblem[]> {
  return (await page.evaluate(IN_PAGE)) as TextProblem[];
}

/** The problems of some kinds only, as lines for an assertion message. */
export async function problemsOf(page: Page, kinds: TextProblem['kind'][]): Promise<string[]> {
  return (await textProblems(page)).filter((p) => kinds.includes(p.kind)).map((p) => `${p.kind}: ${p.text}`);
}
