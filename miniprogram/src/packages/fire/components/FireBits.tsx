import type { ReactNode } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { WholeText } from '../../../components/WholeText';

/** A card with a title. */
export function Card({ title, children, id }: { title?: ReactNode; children?: ReactNode; id?: string }) {
  return (
    <View className='fire-card' id={id}>
      {title ? <View className='fire-title'>{title}</View> : null}
      {children}
    </View>
  );
}

/** A label and its value on one row. */
export function Row({ label, children, id }: { label: ReactNode; children?: ReactNode; id?: string }) {
  return (
    <View className='fire-row' id={id}>
      <Text className='fire-row-label'>{typeof label === 'string' ? <WholeText text={label} /> : label}</Text>
      <Text className='fire-row-value'>{typeof children === 'string' ? <WholeText text={children} /> : children}</Text>
    </View>
  );
}

/** A text field (plain Input: works in H5 tests and in large-text mode). */
export function Field({ id, placeholder, value, onInput }: { id: string; placeholder: string; value: string; onInput: (v: string) => void }) {
  return <Input id={id} className='fire-input' placeholder={placeholder} value={value} onInput={(e) => onInput(e.detail.value)} />;
}

export function ActionButton({ id, children, onClick, busy, type = 'primary' }: { id: string; children: ReactNode; onClick: () => void; busy?: boolean; type?: 'primary' | 'default' | 'danger' }) {
  return (
    <Button id={id} className='btn-block' type={type} loading={busy} onClick={onClick}>
      {children}
    </Button>
  );
}

/**
 * Options as small buttons (ids `<id>-<key>`): picked ones primary; a `refused` one (the server's gate named it)
 * danger, with the class `fire-chip--refused`.
 */
export function Chips({ id, options, picked, onTap, refused = [] }: { id: string; options: readonly { key: string; label: string }[]; picked: readonly string[]; onTap: (key: string) => void; refused?: readonly string[] }) {
  return (
    <View className='fire-actions' id={id}>
      {options.map((o) => {
        const bad = refused.includes(o.key);
        return (
          <Button key={o.key} id={`${id}-${o.key}`} className={bad ? 'fire-chip fire-chip--refused' : 'fire-chip'} size='small' type={bad ? 'danger' : picked.includes(o.key) ? 'primary' : 'default'} onClick={() => onTap(o.key)}>
            <WholeText text={`${picked.includes(o.key) ? '✓ ' : ''}${o.label}`} />
          </Button>
        );
      })}
    </View>
  );
}
