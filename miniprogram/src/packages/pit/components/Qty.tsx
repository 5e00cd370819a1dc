import { Text } from '@tarojs/components';

/**
 * A value with its unit (`-460.00 mm`), and an optional note after it (a rate's `（未判定）`), each kept on one
 * line: a narrow cell in large-text mode wraps between them, never inside a number, a unit or a word.
 */
export function Qty({ text, note }: { text: string; note?: string | null }) {
  return (
    <>
      <Text className='pit-nowrap'>{text}</Text>
      {note ? <Text className='pit-nowrap'>{note}</Text> : null}
    </>
  );
}
