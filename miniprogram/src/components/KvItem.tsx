import type { CSSProperties, ReactNode } from 'react';
import { View } from '@tarojs/components';

/** What a KvItem puts on its value: an id and `data-*` attributes for tests, a style. */
type ValueAttributes = { id?: string; style?: CSSProperties } & { [name: `data-${string}`]: string | number | undefined };

/**
 * One cell of a key-value grid: the label over the value (the children). Classes `<classPrefix>-kv-item` (with
 * `--wide` for a whole row), `-kv-label` and `-kv-value` (the SCSS mixin `kv`); the other props go on the value.
 */
export function KvItem({
  classPrefix,
  label,
  wide,
  children,
  ...value
}: { classPrefix: string; label: ReactNode; wide?: boolean; children?: ReactNode } & ValueAttributes) {
  return (
    <View className={`${classPrefix}-kv-item${wide ? ` ${classPrefix}-kv-item--wide` : ''}`}>
      <View className={`${classPrefix}-kv-label`}>{label}</View>
      <View className={`${classPrefix}-kv-value`} {...value}>
        {children}
      </View>
    </View>
  );
}
