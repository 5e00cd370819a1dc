import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Page } from '../../../components/Page';
import { LoadState } from '../../../components/LoadState';
import { LoginGate } from './LoginGate';

/**
 * A pit page about one record (a project, a point, an alarm): for signed-in users only, 正在加载… or the error
 * (with a retry when trying again can help), then `children` with the record once it has arrived.
 */
export function RecordPage<T>({
  className,
  record,
  error,
  onRetry,
  children,
}: {
  className: string;
  record: T | null;
  error: string | null;
  onRetry?: () => void;
  children: (record: T) => ReactNode;
}) {
  return (
    <Page className={className}>
      <LoginGate>
        <LoadState error={error} loaded={record !== null} onRetry={onRetry} />
        {record !== null ? <View>{children(record)}</View> : null}
      </LoginGate>
    </Page>
  );
}
