import { View } from '@tarojs/components';

/** A row of choices (chips); the active one highlighted. */
export function Options<T extends string | number>(props: { id: string; value: T; options: { value: T; label: string }[]; onChange: (v: T) => void }) {
  return (
    <View id={props.id} className='pit-option-row'>
      {props.options.map((o) => (
        <View key={String(o.value)} className={`pit-tag pit-option${o.value === props.value ? ' is-active' : ''}`} data-value={String(o.value)} onClick={() => props.onChange(o.value)}>
          {o.label}
        </View>
      ))}
    </View>
  );
}
