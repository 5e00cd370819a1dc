import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useSessionUser } from '../../../components/hooks';
import { LOGIN_PAGE } from '../../../services/links';
import { navigateTo } from '../../../services/adapters/taro';

/** Complaining, answering and the shop pages need a signed-in user; signed out, they say why. */
export function LoginGate({ children, why }: { children: ReactNode; why: string }) {
  const user = useSessionUser();
  if (user) return <>{children}</>;
  return (
    <View id='plaque-login-prompt' className='card plaque-empty'>
      <View className='plaque-empty-title'>请先登录</View>
      <View className='muted'>{why}</View>
      <Button id='plaque-login' className='btn-block' type='primary' block onClick={() => void navigateTo(LOGIN_PAGE)}>
        去登录
      </Button>
    </View>
  );
}
