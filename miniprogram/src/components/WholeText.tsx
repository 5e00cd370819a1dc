import { Fragment, type ReactNode } from 'react';
import { Text } from '@tarojs/components';

// A date/time ("12-07 21:08", "2026-12-07"), a clock time, or a number with its unit ("4 m³", "35.2 MPa"):
// shown on one line, so a narrow row in large-text mode wraps around them, never inside them.
const WHOLE = /\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?|\d{2}-\d{2}(?: \d{2}:\d{2})?|\d{1,2}:\d{2}|[±+-]?\d+(?:\.\d+)?\s?(?:kg\/m³|m³|MPa|mm|kN|%|‰|°|m|米|小时|分钟|天|组|盘|分)(?![a-zA-Z])/g;

/** Text whose times, dates and quantities never break across lines (the rest wraps as usual). */
export function WholeText({ text }: { text: string }) {
  const parts: (string | { whole: string })[] = [];
  let at = 0;
  for (const m of text.matchAll(WHOLE)) {
    if (m.index! > at) parts.push(text.slice(at, m.index));
    parts.push({ whole: m[0] });
    at = m.index! + m[0].length;
  }
  if (!parts.length) return <>{text}</>;
  if (at < text.length) parts.push(text.slice(at));
  return (
    <>
      {parts.map((p, i) => (typeof p === 'string' ? <Fragment key={i}>{p}</Fragment> : <Text key={i} className='cl-nowrap'>{p.whole}</Text>))}
    </>
  );
}

/** `WholeText` for a string; any other node as it is. */
export const whole = (node: ReactNode): ReactNode => (typeof node === 'string' ? <WholeText text={node} /> : node);
