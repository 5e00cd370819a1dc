import { useCallback, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { session } from '../../../../services/client';
import { errorMessage, isApiError } from '../../../../services/api';
import { SCORE_RULE, sortShopComplaints } from '../../../../services/plaque/view-model';
import { SHOP_PAGES, type ShopComplaint, type ShopMine } from '../../../../services/plaque/api';
import { scoreHistoryChart, scorePoints } from '../../../../services/plaque/chart';
import type { ChartBox } from '../../../../charts/draw';
import { navigateTo, stopPullDownRefresh, toast } from '../../../../services/adapters/taro';
import { askSubscribe } from '../../../../services/adapters/subscribe';
import { subscribeToast } from '../../../../services/subscribe';
import { GradeBadge } from '../../../plaque/components/GradeBadge';
import { LoginGate } from '../../../plaque/components/LoginGate';
import { ScoreChart } from '../../../plaque/components/ScoreChart';
import { plaqueApi } from '../../../plaque/plaqueApi';
import { ComplaintRow } from '../../components/ComplaintRow';
import '../../shop.scss';
import './index.scss';

/** 我的责任牌: the shop owner's grade, score history and patrol frequency, and the complaints to fix (with live deadlines). */
export default function ShopMinePage() {
  const [shop, setShop] = useState<ShopMine | null>(null);
  const [complaints, setComplaints] = useState<ShopComplaint[] | null>(null);
  const [noShop, setNoShop] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drawnAt, setDrawnAt] = useState(() => Date.now());

  const load = async () => {
    if (!session.isLoggedIn()) return;
    setError(null);
    try {
      const [mine, rows] = await Promise.all([plaqueApi.shopMine(), plaqueApi.shopComplaints()]);
      setShop(mine);
      setComplaints(sortShopComplaints(rows));
      setNoShop(null);
      setDrawnAt(Date.now());
    } catch (e) {
      if (isApiError(e) && e.status === 404) setNoShop(errorMessage(e));
      else setError(errorMessage(e));
    }
  };

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));

  // Redrawn on new data only (the countdowns tick inside their own component).
  const chart = useCallback((box: ChartBox) => scoreHistoryChart({ points: scorePoints(shop?.history), now: drawnAt }, box), [shop, drawnAt]);

  const s = shop;
  const open = (complaints ?? []).filter((c) => c.state === 'open');
  const now = new Date();

  return (
    <Page className='shop-mine-page'>
      <LoginGate why='商户登录后可查看责任牌评分和待整改投诉'>
        <LoadState error={error} onRetry={() => void load()} />
        {noShop ? (
          <View id='shop-none' className='card plaque-empty'>
            <View className='plaque-empty-title'>{noShop}</View>
            <View className='muted'>请联系所在街道办理门前三包责任登记</View>
          </View>
        ) : null}
        {!s && !error && !noShop ? <View className='loading-text'>正在加载…</View> : null}
        {s ? (
          <View>
            <View className='card plaque-head' id='shop-card' data-id={s.id}>
              <View className='plaque-head-label'>门前三包责任牌</View>
              <View id='shop-name' className='plaque-title'>
                {s.name}
              </View>
              <View className='plaque-score-row'>
                <Text id='shop-score' className='plaque-score' data-score={s.score}>
                  {s.score}
                </Text>
                <Text className='plaque-score-unit'>分</Text>
                <GradeBadge id='shop-grade' grade={s.grade} large />
              </View>
              <View id='shop-patrol' className='plaque-patrol'>
                巡查频次：{s.patrol}
              </View>
            </View>
            {open.length ? (
              <View id='shop-pending' className='card plaque-list shop-pending' data-count={open.length}>
                <View className='plaque-chart-title shop-pending-title'>待整改投诉（{open.length} 件）</View>
                {open.map((c) => (
                  <ComplaintRow key={c.id} c={c} now={now} onOpen={() => void navigateTo(SHOP_PAGES.complaint(c.id)).catch(() => undefined)} />
                ))}
              </View>
            ) : null}
            <Button id='shop-subscribe' className='btn-block' fill='outline' type='primary' onClick={() => void askSubscribe(['progress']).then((o) => toast(subscribeToast(o)))}>
              接收投诉提醒
            </Button>

            <View className='card plaque-chart-card'>
              <View className='plaque-chart-title'>评分变化</View>
              <ScoreChart id='shop-score-canvas' build={chart} />
              <View className='plaque-note'>{SCORE_RULE}</View>
            </View>

            <View className='section-title'>
              投诉处理
              {open.length ? (
                <Text id='shop-open-count' className='shop-open-count' data-count={open.length}>
                  {`（${open.length} 件待整改）`}
                </Text>
              ) : null}
            </View>
            <View id='shop-complaints' className='card plaque-list'>
              {(complaints ?? []).filter((c) => c.state !== 'open').map((c) => (
                <ComplaintRow key={c.id} c={c} now={now} onOpen={() => void navigateTo(SHOP_PAGES.complaint(c.id)).catch(() => undefined)} />
              ))}
              {complaints && complaints.length === open.length ? (
                <View id='shop-complaints-empty' className='plaque-empty'>
                  {open.length ? '没有已处理的投诉' : '暂无投诉，继续保持'}
                </View>
              ) : null}
            </View>
          </View>
        ) : null}
      </LoginGate>
    </Page>
  );
}
