import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { Button, Switch } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../components/Page';
import { useLargeText, useSessionUser } from '../../components/hooks';
import { api, refreshUser, session, setLargeText } from '../../services/client';
import { userRoleLabel } from '../../services/user';
import { isReviewExpert } from '../../services/review-access';
import { INBOX_PAGE, LOGIN_PAGE, routeScanResult } from '../../services/links';
import { isH5, navigateTo, scanQrCode } from '../../services/adapters/taro';
import { Shortcut } from './Shortcut';
import { homeShortcuts } from './home-shortcuts';
import './index.scss';

export default function Home() {
  const user = useSessionUser();
  const large = useLargeText();
  const [error, setError] = useState<string | null>(null);
  const [manualLink, setManualLink] = useState('');
  const h5 = isH5();

  const [unread, setUnread] = useState(0);
  const [expert, setExpert] = useState(false);
  useDidShow(() => {
    void refreshUser();
    // 我的消息 carries the unread count (read again each time home is shown: reading a message lowers it)
    if (session.isLoggedIn()) void api.inbox().then((p) => setUnread(p.unread), () => undefined);
    else setUnread(0);
    const me = session.isLoggedIn() ? session.getUser() : null;
    if (me) void isReviewExpert(me.id, () => api.get<{ expert: unknown; items: unknown[] }>('/api/experts/me')).then(setExpert, () => setExpert(false));
    else setExpert(false);
  });

  const go = (url: string) => {
    setError(null);
    void navigateTo(url).catch(() => setError('页面打开失败，请重试'));
  };

  const openScanned = (res: { result?: string; path?: string }) => {
    const route = routeScanResult(res);
    if (route.type === 'page') go(route.url);
    else setError(route.message);
  };

  const onScan = async () => {
    setError(null);
    if (h5) {
      setError('浏览器中无法调用扫码，请在下方输入码上的链接');
      return;
    }
    try {
      openScanned(await scanQrCode());
    } catch (e) {
      const msg = String((e as { errMsg?: string })?.errMsg ?? e);
      if (!/cancel/i.test(msg)) setError('扫码失败，请重试');
    }
  };

  const shortcuts = homeShortcuts(user, expert);

  return (
    <Page className='home'>
      <View className='card home-user-card row'>
        {user ? (
          <View className='home-user-info'>
            <View id='home-user' className='home-user-name'>
              {user.name}
            </View>
            <View id='home-user-role' className='muted'>
              {userRoleLabel(user, { expert })}
            </View>
          </View>
        ) : (
          <View className='home-user-info'>
            <View className='home-user-name'>您好</View>
            <View className='muted'>登录后可上报问题、查看消息</View>
          </View>
        )}
        <View className='spacer' />
        <Button id='home-login' size='small' fill='outline' type='primary' onClick={() => go(LOGIN_PAGE)}>
          {user ? '账号' : '登录'}
        </Button>
      </View>

      <View id='home-scan' className='home-scan' hoverClass='home-scan--active' onClick={onScan}>
        <View className='home-scan-icon'>
          <View className='home-scan-corner tl' />
          <View className='home-scan-corner tr' />
          <View className='home-scan-corner bl' />
          <View className='home-scan-corner br' />
        </View>
        <View className='home-scan-title'>扫一扫</View>
        <View className='home-scan-sub'>扫描工地、商户、设施上的二维码</View>
      </View>

      {h5 ? (
        <View className='card home-manual'>
          <View className='muted'>输入码上的链接</View>
          <View className='row home-manual-row'>
            <Input
              id='home-link-input'
              className='text-input home-manual-input'
              placeholder='https://…/c/…'
              value={manualLink}
              onInput={(e) => setManualLink(e.detail.value)}
            />
            <Button id='home-link-submit' type='primary' onClick={() => openScanned({ result: manualLink })}>
              打开
            </Button>
          </View>
        </View>
      ) : null}

      <ErrorText message={error} />

      <View className='section-title'>常用</View>
      <View className='card home-shortcuts'>
        <Shortcut id='home-inbox' icon='信' label='我的消息' onOpen={() => go(INBOX_PAGE)}>
          {user && unread > 0 ? (
            <Text id='home-inbox-unread' className='home-badge' aria-label={`${unread} 条未读消息`}>
              {unread > 99 ? '99+' : unread}
            </Text>
          ) : null}
        </Shortcut>
        {shortcuts.map((s) => (
          <Shortcut key={s.id} id={s.id} icon={s.icon} label={s.label} onOpen={() => go(s.url)} />
        ))}
      </View>

      <View className='card row home-large'>
        <View>
          <View className='home-large-label'>大字模式</View>
          <View className='muted'>放大页面文字，看得更清楚</View>
        </View>
        <View className='spacer' />
        <Switch id='home-large-text' checked={large} onChange={(v) => setLargeText(v)} />
      </View>
    </Page>
  );
}
