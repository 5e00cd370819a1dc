import { Fragment, type ReactNode } from 'react';
import { Text } from '@tarojs/components';
import { wholeRuns } from '../services/format';

/** Server text whose codes, dates, times and quantities never break across lines (the rest wraps as usual). */
export function WholeText({ text }: { text: string }) {
  return (
    <>
      {wholeRuns(text).map((r, i) => (r.whole ? <Text key={i} className='cl-nowrap'>{r.text}</Text> : <Fragment key={i}>{r.text}</Fragment>))}
    </>
  );
}

/** `WholeText` for a string; any other node as it is. */
export const whole = (node: ReactNode): ReactNode => (typeof node === 'string' ? <WholeText text={node} /> : node);
