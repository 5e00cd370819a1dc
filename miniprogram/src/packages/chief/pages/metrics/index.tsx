import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { session } from '../../../../services/client';
import { errorMessage } from '../../../../services/api';
import { METRICS_BY, METRIC_COLUMNS, metricKeyLabel, metricParts } from '../../../../services/city/view-model';
import { type MetricsBy, type MetricsResult } from '../../../../services/city/api';
import { stopPullDownRefresh } from '../../../../services/adapters/taro';
import { resetScroll } from '../../../../services/adapters/city-device';
import { CityLoginGate } from '../../../citizen/components/CityLoginGate';
import { cityApi } from '../../../citizen/cityApi';
import '../../../citizen/city.scss';
import './index.scss';

/** 办理统计: the five published numbers per town / grid / unit / class, with their formulas (docs/domain/city.md §5). */
export default function Metrics() {
  const [by, setBy] = useState<MetricsBy>('town');
  const [result, setResult] = useState<MetricsResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (b = by) => {
    if (!session.isLoggedIn()) return;
    setError(null);
    try {
      setResult(await cityApi.metrics(b));
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

  return (
    <Page className='city-metrics-page'>
      <CityLoginGate why='办理统计仅向片长和监管部门开放'>
        <View className='city-tabs'>
          {METRICS_BY.map((m) => (
            <View key={m.by} className={`city-tab metrics-by${m.by === by ? ' is-active' : ''}`} data-by={m.by} onClick={() => choose(m.by)}>
              {m.label}
            </View>
          ))}
        </View>
        <LoadState error={error} loaded={!!result} onRetry={() => void load()} />
        {result && result.rows.length === 0 ? (
          <View id='metrics-empty' className='card city-empty'>
            暂无已立案的案件
          </View>
        ) : null}
        {result?.rows.map((row) => (
          <View key={row.key ?? '(none)'} className='card metrics-row' data-key={row.key ?? ''}>
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
