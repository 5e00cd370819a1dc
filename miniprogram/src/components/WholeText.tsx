import { Text } from '@tarojs/components';
import { wholeRuns } from '../services/format';

/** Server text (a message title or body) with numbers kept with their units and codes never broken at a hyphen. */
export function WholeText({ text }: { text: string }) {
  return (
    <>
      {wholeRuns(text).map((r, i) => (r.whole ? <Text key={i} className='cl-nowrap'>{r.text}</Text> : r.text))}
    </>
  );
}
