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
import { customRangeProblem, periodQueryString, type PeriodChoice } from '../../../../services/city/stats-view';
import { pitAlarmExportPath, type PitAlarmStats } from '../../../../services/city/api';
import { isH5, stopPullDownRefresh, taroEnv, toast } from '../../../../services/adapters/taro';
import { resetScroll } from '../../../../services/adapters/city-device';
import { openDocument } from '../../../../services/adapters/pit-files';
import { CityLoginGate } from '../../../citizen/components/CityLoginGate';
import { cityApi } from '../../../citizen/cityApi';
import { PeriodFilter, PeriodLabel } from '../../components/PeriodFilter';
import { TrendBars } from '../../components/TrendBars';
import '../../../citizen/city.scss';
import '../shops/index.scss';

const base = apiBaseFor(taroEnv(), process.env.TARO_APP_API_BASE);

/**
 * 基坑报警统计 (regulators, admins): the alarms about the pits raised in a period, per project of the area (projects
 * without an alarm as zeros; the most red first), the trend and an Excel export. Ids for tests: `#pit-stats-period`,
 * `.pit-stats-row[data-id]` (`data-raised`, `data-red`), `#pit-stats-export`.
 */
export default function PitStats() {
  const [period, setPeriod] = useState<PeriodChoice>({ period: 'month' });
  const [data, setData] = useState<PitAlarmStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'export' | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  const load = async (p = period) => {
    if (!session.isLoggedIn()) return;
    const problem = customRangeProblem(p);
    if (problem) return setError(problem);
    setError(null);
    try {
      setData(await cityApi.pitAlarmStats(p));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useLoad(resetScroll);
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));
  const choose = (p: PeriodChoice) => {
    setPeriod(p);
    setData(null);
    void load(p);
  };
  const download = () =>
    runWrite('export', { setBusy, setError: setExportError }, async () => {
      const span = data?.period.from ? `${data.period.from}至${data.period.to}` : '全部';
      await openDocument(joinUrl(base, pitAlarmExportPath(periodQueryString(period))), session.getToken(), `基坑报警统计-${span}.xlsx`, 'xlsx');
      if (isH5()) toast('统计表已下载');
    });

  return (
    <Page className='city-pit-stats-page'>
      <CityLoginGate why='基坑报警统计仅向监管部门和平台管理员开放'>
        <PeriodFilter value={period} onChange={choose} />
        <LoadState error={error} loaded={!!data} onRetry={() => void load()} />
        {data ? (
          <View className='row metrics-period'>
            <PeriodLabel id='pit-stats-period' from={data.period.from} to={data.period.to} />
            <View className='spacer' />
            <Button id='pit-stats-export' size='small' loading={busy !== null} onClick={() => void download()}>
              {isH5() ? '导出 Excel' : '打开 Excel'}
            </Button>
          </View>
        ) : null}
        <ErrorText id='pit-stats-export-error' message={exportError} />
        {data ? <TrendBars trend={data.trend} labels={['报警', '销警']} /> : null}
        {data && data.rows.length === 0 ? (
          <View id='pit-stats-empty' className='card city-empty'>
            辖区内尚无基坑项目
          </View>
        ) : null}
        {data?.rows.length ? (
          <View className='card'>
            <View className='city-form-title'>按项目</View>
            {data.rows.map((r) => (
              <View key={r.projectId} className='shops-town pit-stats-row' data-id={r.projectId} data-raised={r.raised} data-red={r.red}>
                <View className='shops-town-name'>
                  {r.projectName}
                  {r.townName ? <Text className='muted'> · {r.townName}</Text> : null}
                </View>
                <View className='muted'>
                  报警 {r.raised}（红 {r.red} · 橙 {r.orange} · 黄 {r.yellow}） · 已销警 {r.archived} · 未闭合 {r.open}
                </View>
              </View>
            ))}
          </View>
        ) : null}
      </CityLoginGate>
    </Page>
  );
}
