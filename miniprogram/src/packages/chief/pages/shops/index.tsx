import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro';
import { ErrorText, Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { runWrite } from '../../../../components/useFormSubmit';
import { session } from '../../../../services/client';
import { errorMessage, joinUrl } from '../../../../services/api';
import { apiBaseFor } from '../../../../services/config';
import { GRADES, GRADE_LABELS } from '../../../../services/city/stats-view';
import { shopGradesExportPath, type ShopOverview } from '../../../../services/city/api';
import { isH5, stopPullDownRefresh, taroEnv, toast } from '../../../../services/adapters/taro';
import { openDocument } from '../../../../services/adapters/pit-files';
import { resetScroll } from '../../../../services/adapters/city-device';
import { CityLoginGate } from '../../../citizen/components/CityLoginGate';
import { cityApi } from '../../../citizen/cityApi';
import '../../../citizen/city.scss';
import './index.scss';

const base = apiBaseFor(taroEnv(), process.env.TARO_APP_API_BASE);

/**
 * 商户等级总览 (regulators, admins): the shops with a 责任牌 by grade A–D, by town (every town of the area, zeros
 * included; the towns with the most D and C shops first), and the worst shops first. Ids for tests: `#shops-grades`
 * (`.shops-grade[data-grade][data-count]`), `.shops-town[data-town]`, `.shops-worst[data-id]`, `#shops-export`.
 */
export default function Shops() {
  const [data, setData] = useState<ShopOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'export' | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  const load = async () => {
    if (!session.isLoggedIn()) return;
    setError(null);
    try {
      setData(await cityApi.shopOverview());
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useLoad(resetScroll);
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));
  const download = () =>
    runWrite('export', { setBusy, setError: setExportError }, async () => {
      await openDocument(joinUrl(base, shopGradesExportPath), session.getToken(), '商户等级总览.xlsx', 'xlsx');
      if (isH5()) toast('总览表已下载');
    });

  return (
    <Page className='city-shops-page'>
      <CityLoginGate why='商户等级总览仅向监管部门和平台管理员开放'>
        <LoadState error={error} loaded={!!data} onRetry={() => void load()} />
        {data ? (
          <View id='shops-grades' className='card shops-grades' data-total={data.total}>
            <View className='row'>
              <View className='city-form-title'>责任户 {data.total} 户</View>
              <View className='spacer' />
              <Button id='shops-export' size='small' loading={busy !== null} onClick={() => void download()}>
                {isH5() ? '导出 Excel' : '打开 Excel'}
              </Button>
            </View>
            <ErrorText id='shops-export-error' message={exportError} />
            <View className='shops-grade-row'>
              {GRADES.map((g) => (
                <View key={g} className={`shops-grade grade-${g}`} data-grade={g} data-count={data.grades[g]}>
                  <View className='shops-grade-count'>{data.grades[g]}</View>
                  <View className='shops-grade-label'>{GRADE_LABELS[g]}</View>
                </View>
              ))}
            </View>
          </View>
        ) : null}
        {data && data.total === 0 ? (
          <View id='shops-empty' className='card city-empty'>
            辖区内尚无登记的责任户
          </View>
        ) : null}
        {data?.worst.length ? (
          <View id='shops-worst' className='card'>
            <View className='city-form-title'>等级最低的商户</View>
            {data.worst.map((s) => (
              <View key={s.id} className='shops-worst' data-id={s.id} data-grade={s.grade}>
                <Text className={`shops-badge grade-${s.grade}`}>{s.grade}</Text>
                <View className='shops-worst-main'>
                  <View className='shops-worst-name'>{s.name}</View>
                  <View className='muted shops-worst-place'>
                    {[s.townName, s.gridName].filter(Boolean).join(' · ')}
                    {s.address ? ` · ${s.address}` : ''}
                  </View>
                </View>
                <Text className='shops-score'>{s.score} 分</Text>
              </View>
            ))}
          </View>
        ) : null}
        {data?.towns.length ? (
          <View id='shops-towns' className='card'>
            <View className='city-form-title'>按街道（镇）</View>
            {data.towns.map((t) => (
              <View key={t.townId} className='shops-town' data-town={t.townId} data-total={t.total}>
                <View className='shops-town-name'>
                  {t.townName}
                  <Text className='muted'> · {t.total} 户</Text>
                </View>
                <View className='muted shops-town-grades'>{GRADES.map((g) => `${g} ${t.grades[g]}`).join(' · ')}</View>
              </View>
            ))}
          </View>
        ) : null}
      </CityLoginGate>
    </Page>
  );
}
