import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useDidShow } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { errorMessage } from '../../../services/api';
import { whole } from '../../../components/WholeText';
import { LoadState } from '../../../components/LoadState';

/** A card with a title. */
export function Card({ title, children, id }: { title?: ReactNode; children?: ReactNode; id?: string }) {
  return (
    <View className='cc-card' id={id}>
      {title ? <View className='cc-title'>{whole(title)}</View> : null}
      {children}
    </View>
  );
}

/** A label and its value on one row; tappable when `onClick` is given. */
export function Row({ label, children, id, className, onClick }: { label: ReactNode; children?: ReactNode; id?: string; className?: string; onClick?: () => void }) {
  return (
    <View className={`cc-row ${className ?? ''}`} id={id} onClick={onClick}>
      <Text>{whole(label)}</Text>
      <Text>{whole(children)}</Text>
    </View>
  );
}

/** A text field (plain Input: works in H5 tests and in large-text mode). */
export function Field({ id, placeholder, value, onInput, type = 'text' }: { id: string; placeholder: string; value: string; onInput: (v: string) => void; type?: 'text' | 'digit' }) {
  return <Input id={id} className='cc-input' type={type} placeholder={placeholder} value={value} onInput={(e) => onInput(e.detail.value)} />;
}

/** One of a few choices as tappable chips; ids `#<idPrefix>-<value>`. */
export function Choices<T extends string>({ idPrefix, options, value, onChange }: { idPrefix: string; options: { value: T; label: string }[]; value: T | T[]; onChange: (v: T) => void }) {
  const on = (v: T) => (Array.isArray(value) ? value.includes(v) : value === v);
  return (
    <View>
      {options.map((o) => (
        <Text key={o.value} id={`${idPrefix}-${o.value}`} className={`cc-choice${on(o.value) ? ' cc-choice--on' : ''}`} onClick={() => onChange(o.value)}>
          {o.label}
        </Text>
      ))}
    </View>
  );
}

export function ActionButton({ id, children, onClick, busy, type = 'primary' }: { id: string; children: ReactNode; onClick: () => void; busy?: boolean; type?: 'primary' | 'default' | 'danger' }) {
  return (
    <Button id={id} className='btn-block' type={type} loading={busy} onClick={onClick}>
      {children}
    </Button>
  );
}

/** Loads on mount and on every later show (and on `reload` after a write); `data` null until it arrived, `error` for LoadState. */
export function useLoaded<T>(fetch: () => Promise<T>) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = async () => {
    setError(null);
    try {
      setData(await fetch());
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  // first load on mount (a component mounted after its page was shown gets no show event); again on each later show
  const shown = useRef(false);
  useEffect(() => void reload(), []);
  useDidShow(() => {
    if (shown.current) void reload();
    shown.current = true;
  });
  return { data, error, reload };
}

/** The empty state of a list. */
export function Empty({ text }: { text: string }) {
  return <View className='cc-sub'>{text}</View>;
}

/** A loaded list's state above its rows: 正在加载… or the request's error, then `empty` once it arrived with no rows. */
export function ListState({ of, empty = '暂无' }: { of: { data: readonly unknown[] | null; error: string | null }; empty?: string }) {
  return (
    <>
      <LoadState error={of.error} loaded={!!of.data} />
      {of.data?.length === 0 ? <Empty text={empty} /> : null}
    </>
  );
}
