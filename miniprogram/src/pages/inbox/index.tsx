import { useRef, useState } from 'react';
import { View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { Page } from '../../components/Page';
import { LoadState } from '../../components/LoadState';
import { useSessionUser } from '../../components/hooks';
import { WholeText } from '../../components/WholeText';
import { api, session } from '../../services/client';
import { errorMessage } from '../../services/api';
import { formatTime } from '../../services/format';
import { markItemRead, mergePage } from '../../services/inbox';
import { LOGIN_PAGE, resolveLink } from '../../services/links';
import { navigateTo, openExternal, stopPullDownRefresh, toast } from '../../services/adapters/taro';
import type { InboxItem } from '../../services/types';
import './index.scss';

export default function Inbox() {
  const user = useSessionUser();
  const [items, setItems] = useState<InboxItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const generation = useRef(0);

  const load = async (more: boolean) => {
    if (!session.isLoggedIn()) return;
    const gen = more ? generation.current : ++generation.current;
    setError(null);
    if (more) setLoadingMore(true);
    try {
      const page = await api.inbox(more ? cursor : null);
      if (gen !== generation.current) return; // a refresh superseded this load
      setItems((prev) => mergePage(more ? prev : null, page.items));
      setCursor(page.nextCursor ?? null);
    } catch (e) {
      if (gen === generation.current) setError(errorMessage(e));
    } finally {
      if (more) setLoadingMore(false);
    }
  };

  useDidShow(() => void load(false));
  usePullDownRefresh(() => {
    void load(false).finally(stopPullDownRefresh);
  });
  useReachBottom(() => {
    if (cursor && !loadingMore) void load(true);
  });

  const open = async (item: InboxItem) => {
    if (!item.read) {
      setItems((prev) => (prev ? markItemRead(prev, item.id, true) : prev));
      // Wait for the server before leaving: the next page reads the inbox again and must see it read.
      try {
        await api.markRead(item.id);
      } catch (e) {
        setItems((prev) => (prev ? markItemRead(prev, item.id, false) : prev));
        toast(errorMessage(e));
        return;
      }
    }
    const action = resolveLink(item.link);
    // A message that links to the inbox itself has nothing more to open (and must not stack inbox pages).
    if (action.type === 'page' && action.url.split('?')[0] === '/pages/inbox/index') return;
    if (action.type === 'page') void navigateTo(action.url).catch(() => toast('页面打开失败'));
    else if (action.type === 'external') openExternal(action.url);
  };

  if (!user) {
    return (
      <Page className='inbox'>
        <View id='inbox-login-prompt' className='card inbox-login'>
          <View className='inbox-login-title'>登录后查看消息</View>
          <View className='muted'>案件进展、巡查提醒等通知都会发到这里</View>
          <Button id='inbox-login' className='btn-block' type='primary' block onClick={() => void navigateTo(LOGIN_PAGE)}>
            去登录
          </Button>
        </View>
      </Page>
    );
  }

  const now = new Date();

  return (
    <Page className='inbox'>
      <LoadState error={error} loaded={items !== null} onRetry={() => void load(false)} />

      {items !== null && items.length === 0 ? (
        <View id='inbox-empty' className='inbox-empty'>
          暂无消息
        </View>
      ) : null}

      {items !== null && items.length > 0 ? (
        <View id='inbox-list' className='inbox-list'>
          {items.map((item) => (
            <View
              key={item.id}
              className={`inbox-item card${item.read ? ' inbox-item--read' : ''}`}
              data-id={item.id}
              hoverClass='inbox-item--active'
              onClick={() => void open(item)}
            >
              <View className='row'>
                {item.read ? null : <View className='inbox-unread' />}
                <View className='inbox-item-title'><WholeText text={item.title} /></View>
                <View className='muted inbox-item-time'>{formatTime(item.createdAt, now)}</View>
              </View>
              <View className='inbox-item-body'><WholeText text={item.body} /></View>
            </View>
          ))}
          {loadingMore ? <View className='loading-text'>正在加载…</View> : null}
          {!cursor && items.length > 0 ? <View className='muted inbox-end'>没有更多了</View> : null}
        </View>
      ) : null}
    </Page>
  );
}
