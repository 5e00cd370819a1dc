import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, useLoad, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../../../components/Page';
import { useSessionUser } from '../../../../components/hooks';
import { errorMessage } from '../../../../services/api';
import { formatTime, groupCode } from '../../../../services/format';
import { CITY_PAGES, recallCode } from '../../../../services/city-access';
import { facilityFromCode, type FacilityView } from '../../../../services/city/facility-view';
import { pageParam } from '../../../../services/links';
import { navigateTo, stopPullDownRefresh, toast } from '../../../../services/adapters/taro';
import { canOpenMap, openMap, resetScroll } from '../../../../services/adapters/city-device';
import { StateBadge } from '../../components/CaseParts';
import { cityApi } from '../../cityApi';
import '../../city.scss';
import './index.scss';

/**
 * 城市服务码 landing (a scanned facility code): what this is, who maintains it, the problems already being
 * handled here, and one big button to report. Public: signing in is asked for only when reporting.
 */
export default function FacilityLanding() {
  const params = useRouter().params;
  const id = pageParam(params.id);
  const token = pageParam(params.c);
  const user = useSessionUser();
  const [facility, setFacility] = useState<FacilityView | null>(() => facilityFromCode(recallCode(token)));
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    if (!token) {
      setError('请重新扫描设施上的二维码');
      return;
    }
    setError(null);
    try {
      const f = facilityFromCode(await cityApi.code(token));
      if (!f || (id && f.id !== id)) {
        setError('该码不是设施码，请重新扫码');
        return;
      }
      setFacility(f);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  // Fresh open cases each time (e.g. back from reporting).
  useLoad(resetScroll);
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));

  const open = (url: string) => void navigateTo(url).catch(() => toast('页面打开失败'));
  const f = facility;
  const now = new Date();

  return (
    <Page className='city-facility-page'>
      {!f && !error ? <View className='loading-text'>正在加载…</View> : null}
      <ErrorText message={error} />
      {f ? (
        <View>
          <View id='facility-card' className='card facility-card' data-id={f.id}>
            <View className='row'>
              <Text className='city-kind-tag'>城市设施</Text>
              {f.className ? <Text className='muted'>{f.className}</Text> : null}
            </View>
            <View id='facility-name' className='facility-name'>
              {f.name}
            </View>
            <View className='city-kv'>
              <View className='city-kv-item city-kv-item--wide'>
                <View className='city-kv-label'>养护单位</View>
                <View id='facility-maintainer' className='city-kv-value'>
                  {f.maintainer || '—'}
                </View>
              </View>
              <View className='city-kv-item city-kv-item--wide'>
                <View className='city-kv-label'>设施编码</View>
                <View className='city-kv-value facility-code cl-nowrap'>{f.componentId ? groupCode(f.componentId) : '—'}</View>
              </View>
              <View className='city-kv-item'>
                <View className='city-kv-label'>所属网格</View>
                <View id='facility-grid' className='city-kv-value' data-grid={f.gridId}>
                  {f.gridName || '—'}
                </View>
              </View>
            </View>
            {f.location && canOpenMap() ? (
              <Text className='city-link facility-map' onClick={() => openMap(f.location!, f.name)}>
                在地图中查看 ›
              </Text>
            ) : null}
          </View>

          <Button id='report-open' className='btn-block facility-report' type='primary' size='large' block onClick={() => open(CITY_PAGES.report(f.id, token))}>
            我要上报问题
          </Button>
          <View className='muted facility-report-hint'>拍照描述问题，处理进展会通过消息通知您</View>

          <View className='section-title'>该设施正在处理的问题</View>
          {f.openCases.length ? (
            <View id='facility-open-cases' className='card facility-cases' data-count={f.openCases.length}>
              {f.openCases.map((c) => (
                <View key={c.id} className='facility-case row' data-id={c.id} data-class={c.classCode}>
                  <View className='facility-case-main'>
                    <View className='facility-case-name'>{c.className}</View>
                    <View className='muted'>上报于 {formatTime(c.createdAt, now)}</View>
                  </View>
                  <StateBadge state={c.state} />
                </View>
              ))}
              <View className='city-note'>如果您要反映的是同一问题，上报时可选择“关注”，不必重复上报。</View>
            </View>
          ) : (
            <View id='facility-open-cases' className='card muted' data-count={0}>
              暂无正在处理的问题
            </View>
          )}

          {user ? (
            <View id='facility-my-cases' className='card row facility-mine' hoverClass='city-pressed' onClick={() => open(CITY_PAGES.myCases)}>
              <Text className='facility-mine-label'>我的上报</Text>
              <View className='spacer' />
              <Text className='muted'>›</Text>
            </View>
          ) : null}
        </View>
      ) : null}
    </Page>
  );
}
