import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { Button, Switch } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../components/Page';
import { useLargeText, useSessionUser } from '../../components/hooks';
import { api, refreshUser, session, setLargeText } from '../../services/client';
import { userRoleLabel } from '../../services/user';
import { PIT_PARTY_ROLES, PIT_PROJECTS_PAGE, canSeePit } from '../../services/pit-access';
import { CHECKIN_PAGE } from '../../services/checkin/view-model';
import { EXPERT_WORK_PAGE, REVIEW_HOME_PAGE, canSeeReviews, isReviewExpert } from '../../services/review-access';
import { SHOP_HOME_PAGE, SHOP_NEW_PAGE, canRegisterShop, canSeeShop } from '../../services/plaque-access';
import { CONCRETE_HUB_PAGE, canSeeConcrete } from '../../services/concrete-access';
import { FIRE_EVENTS_PAGE, FIRE_PROJECTS_PAGE, canSeeFireEvents, canSeeFireProjects } from '../../services/fire-access';
import { ADMIN_PAGES, CITY_DATA_PAGE, CITY_PAGES, canManageCityData, isAreaChief, isCityAdmin, isPatroller, showsCaseWorkEntry } from '../../services/city-access';
import { INBOX_PAGE, LOGIN_PAGE, PROFILE_PAGE, routeScanResult } from '../../services/links';
import { isH5, navigateTo, scanQrCode } from '../../services/adapters/taro';
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

  return (
    <Page className='home'>
      <View className='card home-user-card row'>
        {user ? (
          <View className='home-user-info'>
            <View id='home-user' className='home-user-name'>
              {user.name}
            </View>
            <View id='home-user-role' className='muted'>
              {userRoleLabel(user)}
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
        <View id='home-inbox' className='home-shortcut row' hoverClass='home-shortcut--active' onClick={() => go(INBOX_PAGE)}>
          <View className='home-shortcut-icon'>
            <Text>信</Text>
          </View>
          <View className='home-shortcut-label'>我的消息</View>
          <View className='spacer' />
          {user && unread > 0 ? (
            <Text id='home-inbox-unread' className='home-badge' aria-label={`${unread} 条未读消息`}>
              {unread > 99 ? '99+' : unread}
            </Text>
          ) : null}
          <Text className='muted'>›</Text>
        </View>
        {user ? (
          <View id='home-profile' className='home-shortcut row' hoverClass='home-shortcut--active' onClick={() => go(PROFILE_PAGE)}>
            <View className='home-shortcut-icon'>
              <Text>我</Text>
            </View>
            <View className='home-shortcut-label'>我的（个人资料）</View>
            <View className='spacer' />
            <Text className='muted'>›</Text>
          </View>
        ) : null}
        {user ? (
          <View id='home-my-cases' className='home-shortcut row' hoverClass='home-shortcut--active' onClick={() => go(CITY_PAGES.myCases)}>
            <View className='home-shortcut-icon'>
              <Text>报</Text>
            </View>
            <View className='home-shortcut-label'>我的上报</View>
            <View className='spacer' />
            <Text className='muted'>›</Text>
          </View>
        ) : null}
        <View id='home-report-here' className='home-shortcut row' hoverClass='home-shortcut--active' onClick={() => go(CITY_PAGES.reportByLocation)}>
          <View className='home-shortcut-icon'>
            <Text>拍</Text>
          </View>
          <View className='home-shortcut-label'>随手拍（无码按位置上报）</View>
          <View className='spacer' />
          <Text className='muted'>›</Text>
        </View>
        {isPatroller(user) ? (
          <View id='home-patrol' className='home-shortcut row' hoverClass='home-shortcut--active' onClick={() => go(CITY_PAGES.patrolToday)}>
            <View className='home-shortcut-icon'>
              <Text>巡</Text>
            </View>
            <View className='home-shortcut-label'>今日巡查</View>
            <View className='spacer' />
            <Text className='muted'>›</Text>
          </View>
        ) : null}
        {isAreaChief(user) ? (
          <View id='home-chief' className='home-shortcut row' hoverClass='home-shortcut--active' onClick={() => go(CITY_PAGES.queue())}>
            <View className='home-shortcut-icon'>
              <Text>片</Text>
            </View>
            <View className='home-shortcut-label'>片长工作台</View>
            <View className='spacer' />
            <Text className='muted'>›</Text>
          </View>
        ) : null}
        {showsCaseWorkEntry(user) ? (
          <View id='home-case-work' className='home-shortcut row' hoverClass='home-shortcut--active' onClick={() => go(CITY_PAGES.queue())}>
            <View className='home-shortcut-icon'>
              <Text>办</Text>
            </View>
            <View className='home-shortcut-label'>案件办理</View>
            <View className='spacer' />
            <Text className='muted'>›</Text>
          </View>
        ) : null}
        {isCityAdmin(user) ? (
          <View id='home-admin-classes' className='home-shortcut row' hoverClass='home-shortcut--active' onClick={() => go(ADMIN_PAGES.classes)}>
            <View className='home-shortcut-icon'>
              <Text>类</Text>
            </View>
            <View className='home-shortcut-label'>分类与时限</View>
            <View className='spacer' />
            <Text className='muted'>›</Text>
          </View>
        ) : null}
        {isCityAdmin(user) ? (
          <View id='home-admin-calendar' className='home-shortcut row' hoverClass='home-shortcut--active' onClick={() => go(ADMIN_PAGES.calendar)}>
            <View className='home-shortcut-icon'>
              <Text>历</Text>
            </View>
            <View className='home-shortcut-label'>工作日历</View>
            <View className='spacer' />
            <Text className='muted'>›</Text>
          </View>
        ) : null}
        {canManageCityData(user) ? (
          <View id='home-city-data' className='home-shortcut row' hoverClass='home-shortcut--active' onClick={() => go(CITY_DATA_PAGE)}>
            <View className='home-shortcut-icon'>
              <Text>数</Text>
            </View>
            <View className='home-shortcut-label'>网格、片长与设施</View>
            <View className='spacer' />
            <Text className='muted'>›</Text>
          </View>
        ) : null}
        {canSeePit(user) ? (
          <View id='home-pit' className='home-shortcut row' hoverClass='home-shortcut--active' onClick={() => go(PIT_PROJECTS_PAGE)}>
            <View className='home-shortcut-icon'>
              <Text>坑</Text>
            </View>
            <View className='home-shortcut-label'>基坑监测</View>
            <View className='spacer' />
            <Text className='muted'>›</Text>
          </View>
        ) : null}
        {user?.roles?.some((r) => (PIT_PARTY_ROLES as readonly string[]).includes(r.role)) ? (
          <View id='home-checkin' className='home-shortcut row' hoverClass='home-shortcut--active' onClick={() => go(CHECKIN_PAGE)}>
            <View className='home-shortcut-icon'>
              <Text>签</Text>
            </View>
            <View className='home-shortcut-label'>现场签到人脸登记</View>
            <View className='spacer' />
            <Text className='muted'>›</Text>
          </View>
        ) : null}
        {canSeeFireProjects(user) ? (
          <View id='home-fire' className='home-shortcut row' hoverClass='home-shortcut--active' onClick={() => go(FIRE_PROJECTS_PAGE)}>
            <View className='home-shortcut-icon'>
              <Text>消</Text>
            </View>
            <View className='home-shortcut-label'>消防检测</View>
            <View className='spacer' />
            <Text className='muted'>›</Text>
          </View>
        ) : null}
        {canSeeFireEvents(user) ? (
          <View id='home-fire-events' className='home-shortcut row' hoverClass='home-shortcut--active' onClick={() => go(FIRE_EVENTS_PAGE)}>
            <View className='home-shortcut-icon'>
              <Text>警</Text>
            </View>
            <View className='home-shortcut-label'>消防检测预警</View>
            <View className='spacer' />
            <Text className='muted'>›</Text>
          </View>
        ) : null}
        {canSeeConcrete(user) ? (
          <View id='home-concrete' className='home-shortcut row' hoverClass='home-shortcut--active' onClick={() => go(CONCRETE_HUB_PAGE)}>
            <View className='home-shortcut-icon'>
              <Text>砼</Text>
            </View>
            <View className='home-shortcut-label'>预拌混凝土</View>
            <View className='spacer' />
            <Text className='muted'>›</Text>
          </View>
        ) : null}
        {canSeeReviews(user) ? (
          <View id='home-review' className='home-shortcut row' hoverClass='home-shortcut--active' onClick={() => go(REVIEW_HOME_PAGE)}>
            <View className='home-shortcut-icon'>
              <Text>危</Text>
            </View>
            <View className='home-shortcut-label'>危大工程专家论证</View>
            <View className='spacer' />
            <Text className='muted'>›</Text>
          </View>
        ) : null}
        {user && expert ? (
          <View id='home-expert' className='home-shortcut row' hoverClass='home-shortcut--active' onClick={() => go(EXPERT_WORK_PAGE)}>
            <View className='home-shortcut-icon'>
              <Text>专</Text>
            </View>
            <View className='home-shortcut-label'>我的论证邀请</View>
            <View className='spacer' />
            <Text className='muted'>›</Text>
          </View>
        ) : null}
        {canRegisterShop(user) ? (
          <View id='home-shop-new' className='home-shortcut row' hoverClass='home-shortcut--active' onClick={() => go(SHOP_NEW_PAGE)}>
            <View className='home-shortcut-icon'>
              <Text>登</Text>
            </View>
            <View className='home-shortcut-label'>登记商户</View>
            <View className='spacer' />
            <Text className='muted'>›</Text>
          </View>
        ) : null}
        {canSeeShop(user) ? (
          <View id='home-shop' className='home-shortcut row' hoverClass='home-shortcut--active' onClick={() => go(SHOP_HOME_PAGE)}>
            <View className='home-shortcut-icon'>
              <Text>牌</Text>
            </View>
            <View className='home-shortcut-label'>我的责任牌</View>
            <View className='spacer' />
            <Text className='muted'>›</Text>
          </View>
        ) : null}
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
