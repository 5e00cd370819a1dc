import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText } from './Page';

/**
 * Above loaded content: the error with a retry button (none without `onRetry`: nothing to retry, e.g. no id in
 * the link), or 正在加载… until the data has arrived (`loaded` omitted: the page shows its own state).
 */
export function LoadState({ error, loaded = true, onRetry }: { error?: string | null; loaded?: boolean; onRetry?: () => void }) {
  return (
    <>
      <ErrorText message={error} />
      {error && onRetry ? (
        <Button className='btn-block' fill='outline' onClick={onRetry}>
          重试
        </Button>
      ) : null}
      {!loaded && !error ? <View className='loading-text'>正在加载…</View> : null}
    </>
  );
}
