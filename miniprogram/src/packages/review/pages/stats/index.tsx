import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { ErrorText, Page } from '../../../../components/Page';
import { errorMessage } from '../../../../services/api';
import type { ReviewStats } from '../../../../services/review/api';
import { reviewApi } from '../../reviewApi';
import '../../review.scss';

/** One table of counts with a CSS bar per row (widths relative to the largest). */
function Bars({ id, title, rows }: { id: string; title: string; rows: { label: string; n: number }[] }) {
  const max = Math.max(1, ...rows.map((r) => r.n));
  return (
    <View className='card' id={id}>
      <View className='review-section'>{title}</View>
      {rows.length === 0 ? <View className='muted'>暂无数据</View> : null}
      {rows.map((r) => (
        <View key={r.label} className='row stats-row' data-label={r.label} data-n={r.n}>
          <Text className='stats-label'>{r.label}</Text>
          <View className='spacer' />
          <View className='review-bar' style={{ width: `${Math.round((r.n / max) * 120)}px` }} />
          <Text>{r.n}</Text>
        </View>
      ))}
    </View>
  );
}

/** 论证统计 for 住建 and emergency management: reviews by category, town, state and outcome; experts by specialty and load. */
export default function ReviewStatsPage() {
  const [s, setS] = useState<ReviewStats | null>(null);
  const [towns, setTowns] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  useDidShow(() => {
    // together, so the town rows never show before their names do
    Promise.all([reviewApi.stats(), reviewApi.towns()]).then(
      ([stats, t]) => {
        setTowns(Object.fromEntries(t.map((x) => [x.id, x.name])));
        setS(stats);
        setError(null);
      },
      (e) => setError(errorMessage(e)),
    );
  });
  return (
    <Page className='review-stats-page'>
      <ErrorText id='stats-error' message={error} />
      {!s && !error ? <View className='loading-text'>正在加载…</View> : null}
      {s ? (
        <View>
          <View className='card'>
            <Text id='stats-total' className='review-title'>专家论证 {s.reviews} 项</Text>
          </View>
          <Bars id='stats-category' title='按类别' rows={s.byCategory.map((x) => ({ label: x.label, n: x.n }))} />
          <Bars id='stats-town' title='按镇街' rows={s.byTown.map((x) => ({ label: towns[x.key] ?? x.key, n: x.n }))} />
          <Bars id='stats-outcome' title='按论证结论' rows={s.byOutcome.map((x) => ({ label: x.key, n: x.n }))} />
          <Bars id='stats-state' title='按办理状态' rows={s.byState.map((x) => ({ label: x.label, n: x.n }))} />
          <Bars id='stats-specialty' title='在库专家（按专业）' rows={s.expertsBySpecialty.map((x) => ({ label: x.label, n: x.active }))} />
          <Bars id='stats-load' title='专家参加论证次数' rows={s.expertLoad.map((x) => ({ label: x.name, n: x.reviewsSat }))} />
        </View>
      ) : null}
    </Page>
  );
}
