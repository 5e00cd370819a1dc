import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText } from './Page';

/** Above loaded content: the error with a retry button, or 正在加载… until the data has arrived. */
export function LoadState({ error, loaded, onRetry }: { error?: string | null; loaded: boolean; onRetry: () => void }) {
  return (
    <>
      <ErrorText message={error} />
      {error ? (
        <Button className='btn-block' fill='outline' onClick={onRetry}>
          重试
        </Button>
      ) : null}
      {!loaded && !error ? <View className='loading-text'>正在加载…</View> : null}
    </>
  );
}
