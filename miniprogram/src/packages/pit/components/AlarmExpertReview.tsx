import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText } from '../../../components/Page';
import { api } from '../../../services/client';
import { errorMessage } from '../../../services/api';
import { navigateTo } from '../../../services/adapters/taro';
import { createReviewApi, reviewPage, type ReviewDetail } from '../../../services/review/api';

const reviewApi = createReviewApi(api);

/**
 * On an orange or red alarm of a pit with a 深基坑 expert review: the regulator opens the review's trail and may
 * invite its original experts (those still eligible, plus a supplementary draw when short) to give a joint opinion
 * on the handling, which then appears in this alarm's trail. Hidden when the pit has no review the caller may read.
 */
export function AlarmExpertReview({ alarmId, level, onConsulted }: { alarmId: string; level: string; onConsulted: () => void }) {
  const [r, setR] = useState<ReviewDetail | null>(null);
  const [policies, setPolicies] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const serious = level === 'orange' || level === 'red';
  useEffect(() => {
    if (!serious) return;
    reviewApi.alarmReview(alarmId).then((x) => {
      setR(x.data);
      setPolicies(x.policies);
    }, () => setR(null));
  }, [alarmId, serious]);
  if (!serious || !r) return null;
  const mine = r.consultations.find((c) => c.alarmId === alarmId);
  const consult = async () => {
    setBusy(true);
    setError(null);
    try {
      const x = await reviewApi.consult(alarmId, '');
      setR(x.data);
      onConsulted();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className='card' id='alarm-expert-review'>
      <View className='section-title'>专项方案专家论证</View>
      <View id='alarm-review-open' className='alarm-description' onClick={() => void navigateTo(reviewPage(r.id))}>
        {r.itemName}：{r.conclusion ?? r.stateLabel}（查看论证全过程 ›）
      </View>
      {mine ? (
        <View id='alarm-consultation' className='alarm-description'>
          已邀请专家研判：{mine.experts.join('、')}
          {mine.notInvited ? `（${mine.notInvited} 名原论证专家已不符合回避条件，未邀请；补充抽取 ${mine.supplementary} 名）` : ''}
          {mine.opinion ? `。联合意见：${mine.opinion.text}` : '，等待联合意见'}
        </View>
      ) : policies['review.consult'] ? (
        <Button id='alarm-consult' type='primary' className='btn-block' disabled={busy} onClick={() => void consult()}>
          邀请原论证专家研判处置措施
        </Button>
      ) : null}
      <ErrorText id='alarm-consult-error' message={error} />
    </View>
  );
}
