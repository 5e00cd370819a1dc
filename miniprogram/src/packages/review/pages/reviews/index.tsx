import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { ErrorText, Page } from '../../../../components/Page';
import { errorMessage } from '../../../../services/api';
import { formatTime } from '../../../../services/format';
import { navigateTo, stopPullDownRefresh } from '../../../../services/adapters/taro';
import { EXPERTS_PAGE, LIBRARY_PAGE, PROJECTS_PAGE, STATS_PAGE, reviewPage, type ReviewSummary } from '../../../../services/review/api';
import { session } from '../../../../services/client';
import { reviewApi } from '../../reviewApi';
import '../../review.scss';

/**
 * The reviews the person may see: a contractor's and supervisor's projects, a regulator's area, an expert's
 * invitations (the server decides). Each opens the review with its trail.
 */
export default function ReviewListPage() {
  const [rows, setRows] = useState<ReviewSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    setError(null);
    try {
      setRows(await reviewApi.list());
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));

  return (
    <Page className='review-list-page'>
      <ErrorText id='review-error' message={error} />
      {!rows && !error ? <View className='loading-text'>正在加载…</View> : null}
      {rows && rows.length === 0 ? <View className='muted review-empty'>暂无专家论证</View> : null}
      {(rows ?? []).map((r) => (
        <View key={r.id} className='card review-row' data-state={r.state} onClick={() => void navigateTo(reviewPage(r.id))}>
          <View className='review-title'>{r.projectName}</View>
          <View className='review-sub'>
            {r.itemName} · {r.category}
          </View>
          <View className='row'>
            <Text className={`review-state review-state--${r.state}`}>{r.stateLabel}</Text>
            {r.conclusion ? <Text className='review-conclusion'>结论：{r.conclusion}</Text> : null}
          </View>
          <View className='muted'>
            论证会 {formatTime(r.meetingAt, new Date())} · {r.venue}
          </View>
        </View>
      ))}
      <View id='review-projects-link' className='review-link' onClick={() => void navigateTo(PROJECTS_PAGE)}>
        危大工程登记与专项方案 ›
      </View>
      {session.getUser()?.roles?.some((b) => b.role === 'regulator') ? (
        <View id='review-stats-link' className='review-link' onClick={() => void navigateTo(STATS_PAGE)}>
          论证统计 ›
        </View>
      ) : null}
      {session.getUser()?.roles?.some((b) => b.role === 'regulator' && b.level === 'city') ? (
        <View id='review-library-link' className='review-link' onClick={() => void navigateTo(LIBRARY_PAGE)}>
          专家库管理（入库审核、暂停、出库、批量导入） ›
        </View>
      ) : null}
      <View className='review-link' onClick={() => void navigateTo(EXPERTS_PAGE)}>
        查看专家库公示 ›
      </View>
    </Page>
  );
}
