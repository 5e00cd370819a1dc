import { Text, View } from '@tarojs/components';
import { trendBars } from '../../../services/city/stats-view';
import type { MetricsResult } from '../../../services/city/api';
import './stats.scss';

/**
 * 趋势: reported (立案) and closed (结案) cases per week or month as CSS bars — a handful of buckets needs no canvas.
 * Every bucket of the period is drawn, empty ones flat. Ids for tests: `#stats-trend`, `.trend-bucket[data-key]`
 * with `data-filed` / `data-closed`.
 */
export function TrendBars({ trend, labels = ['立案', '结案'] }: { trend: MetricsResult['trend']; labels?: [string, string] }) {
  const bars = trendBars(trend);
  return (
    <View id='stats-trend' className='card stats-trend' data-unit={trend.unit}>
      <View className='row stats-trend-head'>
        <Text className='city-form-title'>{trend.unit === 'week' ? '每周趋势' : '每月趋势'}</Text>
        <View className='spacer' />
        <Text className='trend-key trend-key-filed'>{labels[0]}</Text>
        <Text className='trend-key trend-key-closed'>{labels[1]}</Text>
      </View>
      <View className='trend-chart'>
        {bars.map((b) => (
          <View key={b.key} className='trend-bucket' data-key={b.key} data-filed={b.filed} data-closed={b.closed}>
            <View className='trend-values'>
              {b.filed}/{b.closed}
            </View>
            <View className='trend-bars'>
              <View className='trend-bar trend-bar-filed' style={{ height: `${Math.max(b.filedPct, 2)}%` }} />
              <View className='trend-bar trend-bar-closed' style={{ height: `${Math.max(b.closedPct, 2)}%` }} />
            </View>
            <View className='trend-label'>{b.label}</View>
          </View>
        ))}
      </View>
    </View>
  );
}
