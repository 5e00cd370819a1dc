import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { session } from '../../../../services/client';
import { errorMessage } from '../../../../services/api';
import { formatTime } from '../../../../services/format';
import { CITY_PAGES } from '../../../../services/city-access';
import { CASE_RATING_LABELS } from '../../../../services/city/view-model';
import { type MyCase } from '../../../../services/city/api';
import { navigateTo, stopPullDownRefresh, toast } from '../../../../services/adapters/taro';
import { resetScroll } from '../../../../services/adapters/city-device';
import { DeadlineLine, StateBadge } from '../../components/CaseParts';
import { CityLoginGate } from '../../components/CityLoginGate';
import { cityApi } from '../../cityApi';
import { api } from '../../../../services/client';
import { plaqueComplaintPage } from '../../../../services/plaque-access';
import { ComplaintStatePill } from '../../../../components/ComplaintStatePill';
import type { MyComplaint } from '@cityloop/shared/plaques/plaque.contract';
import '../../city.scss';

/**
 * 我的上报: own reports and the ones followed, newest first, each with its honest state; below them the complaints
 * made on shops' responsibility plaques (门前三包投诉), which live in their own loop.
 */
export default function MyCases() {
  const [items, setItems] = useState<MyCase[] | null>(null);
  const [complaints, setComplaints] = useState<MyComplaint[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    if (!session.isLoggedIn()) return;
    setError(null);
    try {
      const [cases, mine] = await Promise.all([cityApi.mine(), api.get<MyComplaint[]>('/api/plaque-complaints/mine')]);
      setItems(cases);
      setComplaints(mine);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  useLoad(resetScroll);
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));
  const now = new Date();

  return (
    <Page className='city-cases-page'>
      <CityLoginGate why='登录后查看您上报和关注的问题'>
        <LoadState error={error} loaded={items !== null} onRetry={() => void load()} />
        {items !== null && items.length === 0 && !complaints?.length ? (
          <View id='cases-empty' className='card city-empty'>
            <View className='city-empty-title'>还没有上报过问题</View>
            <View>看到井盖破损、路灯不亮等问题，扫描设施上的二维码即可上报；商户门前问题请扫描门前的责任牌</View>
          </View>
        ) : null}
        {items?.map((c) => (
          <View
            key={c.id}
            className='card city-list-item case-item'
            data-id={c.id}
            data-state={c.state}
            data-following={c.following ? '1' : '0'}
            hoverClass='city-pressed'
            onClick={() => void navigateTo(CITY_PAGES.case(c.id)).catch(() => toast('页面打开失败'))}
          >
            <View className='row'>
              <View className='city-list-title'>
                {c.className}
                {c.following ? <Text className='city-tag'>关注</Text> : null}
              </View>
              <StateBadge state={c.state} label={c.stateLabel} />
            </View>
            {c.facilityName || c.placeName ? <View className='city-list-sub'>{c.facilityName || c.placeName}</View> : null}
            <View className='city-list-sub row'>
              <Text>上报于 {formatTime(c.createdAt, now)}</Text>
              <View className='spacer' />
              {c.rating ? <Text>已评价：{CASE_RATING_LABELS[c.rating] ?? c.rating}</Text> : <DeadlineLine c={c} now={now} />}
            </View>
          </View>
        ))}
        {complaints?.length ? (
          <View id='my-complaints' data-count={complaints.length}>
            <View className='section-title'>门前三包投诉</View>
            {complaints.map((x) => (
              <View
                key={x.id}
                className='card city-list-item complaint-item'
                data-id={x.id}
                data-state={x.state}
                hoverClass='city-pressed'
                onClick={() => void navigateTo(plaqueComplaintPage(x.id)).catch(() => toast('页面打开失败'))}
              >
                <View className='row'>
                  <View className='city-list-title complaint-item-title'>{x.className}</View>
                  <ComplaintStatePill id={`my-complaint-state-${x.id}`} state={x.state} label={x.stateLabel} />
                </View>
                <View className='city-list-sub complaint-item-shop'>{x.shopName}</View>
                <View className='city-list-sub row'>
                  <Text>投诉于 {formatTime(x.createdAt, now)}</Text>
                  <View className='spacer' />
                  {x.escalationReason ? <Text>已转城管执法</Text> : x.state === 'open' && x.deadline ? <Text>整改时限 {formatTime(x.deadline, now)}</Text> : null}
                </View>
              </View>
            ))}
          </View>
        ) : null}
      </CityLoginGate>
    </Page>
  );
}
