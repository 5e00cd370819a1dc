import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro';
import { ErrorText, Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { runWrite } from '../../../../components/useFormSubmit';
import { session } from '../../../../services/client';
import { useSessionUser } from '../../../../components/hooks';
import { canManageCityData } from '../../../../services/city-access';
import { errorMessage, joinUrl } from '../../../../services/api';
import { apiBaseFor } from '../../../../services/config';
import { METRICS_BY, METRIC_COLUMNS, metricKeyLabel, metricParts } from '../../../../services/city/view-model';
import { customRangeProblem, exportFileName, metricsQueryString, type PeriodChoice } from '../../../../services/city/stats-view';
import { metricsExportPath, type MetricsBy, type MetricsResult } from '../../../../services/city/api';
import { isH5, navigateTo, stopPullDownRefresh, taroEnv, toast } from '../../../../services/adapters/taro';
import { resetScroll } from '../../../../services/adapters/city-device';
import { openDocument } from '../../../../services/adapters/pit-files';
import { CityLoginGate } from '../../../citizen/components/CityLoginGate';
import { cityApi } from '../../../citizen/cityApi';
import { PeriodFilter, PeriodLabel } from '../../components/PeriodFilter';
import { TrendBars } from '../../components/TrendBars';
import '../../../citizen/city.scss';
import './index.scss';

const base = apiBaseFor(taroEnv(), process.env.TARO_APP_API_BASE);
const SHOPS_PAGE = '/packages/chief/pages/shops/index';
const PIT_STATS_PAGE = '/packages/chief/pages/pit-stats/index';

/**
 * 办理统计: the five published numbers per town / grid / unit / class over a period (本周, 本月, 本季度, 自定义),
 * every group of the caller's area (zeros included), the trend per week or month, an xlsx export, and their
 * formulas (docs/domain/city.md §5).
 */
export default function Metrics() {
  const [by, setBy] = useState<MetricsBy>('town');
  const [period, setPeriod] = useState<PeriodChoice>({ period: 'month' });
  const [result, setResult] = useState<MetricsResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'export' | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const regulator = canManageCityData(useSessionUser());

  const load = async (b = by, p = period) => {
    if (!session.isLoggedIn()) return;
    const problem = customRangeProblem(p);
    if (problem) return setError(problem);
    setError(null);
    try {
      setResult(await cityApi.metrics(b, p));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  useLoad(resetScroll);
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));

  const choose = (b: MetricsBy) => {
    setBy(b);
    setResult(null);
    void load(b);
  };
  const choosePeriod = (p: PeriodChoice) => {
    setPeriod(p);
    setResult(null);
    void load(by, p);
  };
  const byLabel = METRICS_BY.find((m) => m.by === by)?.label ?? '';
  const download = () =>
    runWrite('export', { setBusy, setError: setExportError }, async () => {
      await openDocument(joinUrl(base, metricsExportPath(metricsQueryString(by, period))), session.getToken(), exportFileName(byLabel, result ?? { period: { period: 'all', from: null, to: null } }), 'xlsx');
      if (isH5()) toast('统计表已下载');
    });

  return (
    <Page className='city-metrics-page'>
      <CityLoginGate why='办理统计仅向片长和监管部门开放'>
        {regulator ? (
          <View id='metrics-tools' className='city-tools'>
            <View id='metrics-shops' className='city-tool' hoverClass='city-pressed' onClick={() => navigateTo(SHOPS_PAGE)}>
              商户等级总览
            </View>
            <View id='metrics-pit' className='city-tool' hoverClass='city-pressed' onClick={() => navigateTo(PIT_STATS_PAGE)}>
              基坑报警统计
            </View>
          </View>
        ) : null}
        <PeriodFilter value={period} onChange={choosePeriod} />
        <View className='city-tabs'>
          {METRICS_BY.map((m) => (
            <View key={m.by} className={`city-tab metrics-by${m.by === by ? ' is-active' : ''}`} data-by={m.by} onClick={() => choose(m.by)}>
              {m.label}
            </View>
          ))}
        </View>
        <LoadState error={error} loaded={!!result} onRetry={() => void load()} />
        {result ? (
          <View className='row metrics-period'>
            <PeriodLabel id='metrics-period' from={result.period.from} to={result.period.to} />
            <View className='spacer' />
            <Button id='metrics-export' size='small' loading={busy !== null} onClick={() => void download()}>
              {isH5() ? '导出 Excel' : '打开 Excel'}
            </Button>
          </View>
        ) : null}
        <ErrorText id='metrics-export-error' message={exportError} />
        {result ? <TrendBars trend={result.trend} /> : null}
        {result && result.rows.length === 0 ? (
          <View id='metrics-empty' className='card city-empty'>
            该时段暂无已立案的案件
          </View>
        ) : null}
        {result?.rows.map((row) => (
          <View key={row.key ?? '(none)'} className={`card metrics-row${row.counts.filed ? '' : ' is-empty'}`} data-key={row.key ?? ''} data-filed={row.counts.filed ?? 0}>
            <View className='metrics-key'>{metricKeyLabel(by, row.key, row.name)}</View>
            <View className='metrics-grid'>
              {METRIC_COLUMNS.map((m) => {
                const v = metricParts(m.key, row);
                return (
                  <View key={m.key} className='metric' data-metric={m.key} data-value={row[m.key] ?? ''}>
                    <View className='metric-value'>
                      {v.value}
                      {v.unit ? <Text className='metric-unit'>{v.unit}</Text> : null}
                    </View>
                    <View className='metric-label'>{m.label}</View>
                  </View>
                );
              })}
            </View>
            <View className='muted metrics-counts'>
              立案 {row.counts.filed ?? 0} · 应结案 {row.counts.due ?? 0} · 结案 {row.counts.closed ?? 0} · 按期 {row.counts.closedOnTime ?? 0} · 返工 {row.counts.reworked ?? 0} · 评价 {row.counts.rated ?? 0}
            </View>
          </View>
        ))}
        {result ? (
          <View id='metrics-definitions' className='card metrics-definitions'>
            <View className='city-form-title'>指标口径</View>
            <View className='metrics-definition'>
              <Text>统计对象为所选时段内上报并立案的案件；趋势按上报时间计立案数、按结案时间计结案数。</Text>
            </View>
            {METRIC_COLUMNS.map((m) =>
              result.definitions[m.key] ? (
                <View key={m.key} className='metrics-definition' data-metric={m.key}>
                  <Text>{result.definitions[m.key].zh}</Text>
                </View>
              ) : null,
            )}
          </View>
        ) : null}
      </CityLoginGate>
    </Page>
  );
}
