import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { ErrorText, Page } from '../../../../components/Page';
import { errorMessage } from '../../../../services/api';
import type { ExpertPublic } from '../../../../services/review/api';
import { reviewApi } from '../../reviewApi';
import '../../review.scss';

/** 危大工程专家库公示: the city's active experts (name, title, specialties, employer); no phone, no record notes. */
export default function ExpertListPage() {
  const [rows, setRows] = useState<ExpertPublic[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useDidShow(() => {
    reviewApi.experts().then(setRows, (e) => setError(errorMessage(e)));
  });
  return (
    <Page className='expert-list-page'>
      <ErrorText id='experts-error' message={error} />
      {rows ? <View className='muted review-count'>在库专家 {rows.length} 名</View> : <View className='loading-text'>正在加载…</View>}
      {(rows ?? []).map((e) => (
        <View key={e.id} className='card review-row expert-row'>
          <View className='row'>
            <Text className='review-title'>{e.name}</Text>
            <Text className='review-state'>{e.title}</Text>
          </View>
          <View className='review-sub'>{e.specialties.join('、')}</View>
          <View className='muted'>{e.employer ?? '—'}</View>
        </View>
      ))}
    </Page>
  );
}
