import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useSessionUser } from '../../../components/hooks';
import { LOGIN_PAGE } from '../../../services/links';
import { navigateTo } from '../../../services/adapters/taro';

/** Pit pages need a signed-in party or regulator; signed out, they say so instead of failing. */
export function LoginGate({ children }: { children: ReactNode }) {
  const user = useSessionUser();
  if (user) return <>{children}</>;
  return (
    <View id='pit-login-prompt' className='card pit-empty'>
      <View className='pit-empty-title'>请先登录</View>
      <View className='muted'>基坑监测信息仅向项目参建单位和监管部门开放</View>
      <Button className='btn-block' type='primary' block onClick={() => void navigateTo(LOGIN_PAGE)}>
        去登录
      </Button>
    </View>
  );
}
