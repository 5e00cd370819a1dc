import { Picker, Text, View } from '@tarojs/components';
import { beijingDate } from '../../../services/format';
import { STATS_PERIODS, type PeriodChoice } from '../../../services/city/stats-view';
import './stats.scss';

/**
 * 统计时段: 本周 / 本月 / 本季度 / 自定义 (two date pickers, Beijing days, both inclusive). Ids for tests:
 * `#stats-periods` (`data-period`), `.stats-period[data-period]`, `#stats-from`, `#stats-to`.
 */
export function PeriodFilter({ value, onChange }: { value: PeriodChoice; onChange: (p: PeriodChoice) => void }) {
  const today = beijingDate(new Date());
  return (
    <View className='stats-period-filter'>
      <View id='stats-periods' className='city-tabs stats-periods' data-period={value.period}>
        {STATS_PERIODS.map((p) => (
          <View key={p.period} className={`city-tab stats-period${p.period === value.period ? ' is-active' : ''}`} data-period={p.period} onClick={() => onChange(p.period === 'custom' ? { period: 'custom', from: value.from, to: value.to } : { period: p.period })}>
            {p.label}
          </View>
        ))}
      </View>
      {value.period === 'custom' ? (
        <View className='row stats-range'>
          <Picker mode='date' value={value.from ?? today} end={today} onChange={(e) => onChange({ ...value, from: e.detail.value })}>
            <View id='stats-from' className='stats-date' data-date={value.from ?? ''}>
              <Text>{value.from ?? '开始日期'}</Text>
            </View>
          </Picker>
          <Text className='stats-range-sep'>至</Text>
          <Picker mode='date' value={value.to ?? today} end={today} onChange={(e) => onChange({ ...value, to: e.detail.value })}>
            <View id='stats-to' className='stats-date' data-date={value.to ?? ''}>
              <Text>{value.to ?? '结束日期'}</Text>
            </View>
          </Picker>
        </View>
      ) : null}
    </View>
  );
}

/** 统计时段：2026-10-01 至 2026-12-07 — a date never split across lines (each is one unbreakable piece). */
export function PeriodLabel({ id, from, to }: { id: string; from: string | null; to: string | null }) {
  return (
    <View id={id} className='muted stats-period-label' data-from={from ?? ''} data-to={to ?? ''}>
      统计时段：
      {from ? (
        <>
          <Text className='stats-nowrap'>{from}</Text> 至 <Text className='stats-nowrap'>{to}</Text>
        </>
      ) : (
        '全部时间'
      )}
    </View>
  );
}
