import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { navigateTo } from '../../../../services/adapters/taro';
import { FIRE_PAGES, type FireEventView } from '../../../../services/fire/api';
import { Card } from '../../components/FireBits';
import { fireApi } from '../../fireApi';
import '../../fire.scss';

/** 预警事件: most severe first — the regulator's queue, and an agency's notices to answer. */
export default function FireEventsPage() {
  const [state, setState] = useState<'open' | 'closed'>('open');
  const [events, setEvents] = useState<FireEventView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = (s: 'open' | 'closed') => fireApi.events(s).then(setEvents).catch((e) => setError((e as Error).message));
  useDidShow(() => void load(state));
  return (
    <Page>
      <View className='fire-actions' style={{ padding: '0 24px' }}>
        <Button id='fire-events-open' type={state === 'open' ? 'primary' : 'default'} onClick={() => { setState('open'); void load('open'); }}>待办结</Button>
        <Button id='fire-events-closed' type={state === 'closed' ? 'primary' : 'default'} onClick={() => { setState('closed'); void load('closed'); }}>已办结</Button>
        <Button onClick={() => navigateTo(FIRE_PAGES.projects)}>检测项目</Button>
      </View>
      <LoadState error={error} loaded={!!events} />
      <Card title='预警事件'>
        {events?.length === 0 ? <View className='fire-sub'>暂无事件</View> : null}
        {events?.map((e) => (
          <View key={e.id} className='fire-row fire-event-row' onClick={() => navigateTo(FIRE_PAGES.event(e.id))}>
            <View>
              <View>{e.title}</View>
              <View className='fire-sub'>{`${e.buildingName ?? ''} ${e.agencyName}`}</View>
            </View>
            <View>
              <Text className={`fire-pill fire-sev-${e.severity}`}>{e.severityLabel}</Text>
              <Text className='fire-pill'>{e.stateLabel}</Text>
            </View>
          </View>
        ))}
      </Card>
    </Page>
  );
}
