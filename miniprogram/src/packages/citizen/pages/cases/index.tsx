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
import '../../city.scss';

/** 我的上报: own reports and the ones followed, newest first, each with its honest state. */
export default function MyCases() {
  const [items, setItems] = useState<MyCase[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    if (!session.isLoggedIn()) return;
    setError(null);
    try {
      setItems(await cityApi.mine());
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
        {items !== null && items.length === 0 ? (
          <View id='cases-empty' className='card city-empty'>
            <View className='city-empty-title'>还没有上报过问题</View>
            <View>看到井盖破损、路灯不亮等问题，扫描设施上的二维码即可上报</View>
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
            {c.facilityName ? <View className='city-list-sub'>{c.facilityName}</View> : null}
            <View className='city-list-sub row'>
              <Text>上报于 {formatTime(c.createdAt, now)}</Text>
              <View className='spacer' />
              {c.rating ? <Text>已评价：{CASE_RATING_LABELS[c.rating] ?? c.rating}</Text> : <DeadlineLine c={c} now={now} />}
            </View>
          </View>
        ))}
      </CityLoginGate>
    </Page>
  );
}
