import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useSessionUser } from '../../../components/hooks';
import { LOGIN_PAGE } from '../../../services/links';
import { navigateTo } from '../../../services/adapters/taro';

/** City pages that need a signed-in user say why instead of failing; login comes back here. */
export function CityLoginGate({ children, why }: { children: ReactNode; why: string }) {
  const user = useSessionUser();
  if (user) return <>{children}</>;
  return (
    <View id='city-login-prompt' className='card city-empty'>
      <View className='city-empty-title'>请先登录</View>
      <View className='muted'>{why}</View>
      <Button id='city-login' className='btn-block' type='primary' block onClick={() => void navigateTo(LOGIN_PAGE)}>
        去登录
      </Button>
    </View>
  );
}
