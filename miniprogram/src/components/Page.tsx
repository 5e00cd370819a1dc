import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { useLargeText } from './hooks';

/** Root of every page: carries the theme and the elder-friendly large-text class. */
export function Page({ className, children }: { className?: string; children?: ReactNode }) {
  const large = useLargeText();
  const cls = ['cl-page', large ? 'cl-large' : '', className ?? ''].filter(Boolean).join(' ');
  return <View className={cls}>{children}</View>;
}

/** Inline error text (the Chinese `message` from the server, or a network error). */
export function ErrorText({ id, message }: { id?: string; message?: string | null }) {
  if (!message) return null;
  return (
    <View id={id} className='error-message' role='alert'>
      {message}
    </View>
  );
}
