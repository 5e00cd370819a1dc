import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../../../components/Page';
import { errorMessage } from '../../../../services/api';
import { formatTime } from '../../../../services/format';
import { navigateTo, stopPullDownRefresh } from '../../../../services/adapters/taro';
import { EXPERTS_PAGE, reviewPage, venueCheckinPage, type MyExpertWork } from '../../../../services/review/api';
import { reviewApi } from '../../reviewApi';
import '../../review.scss';

type Item = MyExpertWork['items'][number];
const NEXT_LABELS: Record<Item['next'], string> = { reply: '待回复邀请', sign_in: '待会场签到', opinion: '待提交论证意见', report: '待出具论证报告', none: '' };

/** One invitation: answer it here (accept, or decline with a reason), or go on to the venue check-in or the opinion. */
function InvitationCard({ it, busy, respond }: { it: Item; busy: boolean; respond: (accept: boolean, reason: string) => void }) {
  const [reason, setReason] = useState('');
  const now = new Date();
  return (
    <View className='card review-row expert-work' data-review={it.reviewId} data-next={it.next}>
      <View className='review-title'>{it.projectName}</View>
      <View className='review-sub'>
        {it.itemName} · {it.category}
      </View>
      <View className='row'>
        <Text className={`review-state review-state--${it.reviewState}`}>{NEXT_LABELS[it.next] || it.invitation.statusLabel}</Text>
      </View>
      <View className='muted'>
        论证会 <Text className='review-nowrap'>{formatTime(it.meetingAt, now)}</Text> · {it.venue}
      </View>
      {it.next === 'reply' ? (
        <View className='review-actions'>
          <View className='expert-work-deadline'>
            请于 <Text className='review-nowrap'>{formatTime(it.invitation.deadline, now)}</Text> 前回复，逾期视为谢绝
          </View>
          <Button className='btn-block expert-work-accept' type='primary' disabled={busy} onClick={() => respond(true, '')}>
            接受邀请
          </Button>
          <Input className='text-input expert-work-reason' placeholder='谢绝原因（选填）' value={reason} onInput={(e) => setReason(e.detail.value)} />
          <Button className='btn-block expert-work-decline' fill='outline' disabled={busy} onClick={() => respond(false, reason)}>
            谢绝
          </Button>
        </View>
      ) : null}
      {it.next === 'sign_in' ? (
        <Button className='btn-block expert-work-checkin' type='primary' onClick={() => void navigateTo(venueCheckinPage(it.reviewId))}>
          到会场人脸签到
        </Button>
      ) : null}
      {it.next === 'opinion' || it.next === 'report' ? (
        <Button className='btn-block expert-work-opinion' type='primary' onClick={() => void navigateTo(reviewPage(it.reviewId))}>
          {it.next === 'opinion' ? '填写论证意见' : '查看并出具论证报告'}
        </Button>
      ) : null}
      <View className='review-link expert-work-open' onClick={() => void navigateTo(reviewPage(it.reviewId))}>
        查看论证详情 ›
      </View>
    </View>
  );
}

/**
 * 我的论证邀请: a library expert's way in (experts hold no role binding). Invitations to answer before their
 * deadline, meetings to sign in at (the one check-in page at the venue), opinions to write, alarm consultations.
 */
export default function ExpertWorkPage() {
  const [work, setWork] = useState<MyExpertWork | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = async () => {
    setError(null);
    try {
      setWork(await reviewApi.myWork());
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));
  const respond = async (reviewId: string, accept: boolean, reason: string) => {
    setBusy(true);
    setError(null);
    try {
      await reviewApi.respond(reviewId, accept, reason);
      await load();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const open = (work?.items ?? []).filter((i) => i.next !== 'none');
  const past = (work?.items ?? []).filter((i) => i.next === 'none');
  return (
    <Page className='expert-work-page'>
      <ErrorText id='expert-work-error' message={error} />
      {!work && !error ? <View className='loading-text'>正在加载…</View> : null}
      {work?.expert ? (
        <View id='expert-work-me' className='muted review-count'>
          {work.expert.name} · 专家库状态：{work.expert.stateLabel}
        </View>
      ) : null}
      {work && !open.length && !work.consultations.length ? <View id='expert-work-empty' className='muted review-empty'>暂无待办的论证邀请</View> : null}
      {open.map((it) => (
        <InvitationCard key={it.reviewId} it={it} busy={busy} respond={(a, r) => void respond(it.reviewId, a, r)} />
      ))}
      {(work?.consultations ?? []).map((c) => (
        <View key={c.consultationId} className='card review-row expert-consult' onClick={() => void navigateTo(reviewPage(c.reviewId))}>
          <View className='review-title'>基坑报警研判：{c.projectName}</View>
          <View className='review-sub'>{c.itemName} · 请提交专家联合意见 ›</View>
        </View>
      ))}
      {past.length ? <View className='review-section'>已结束的邀请</View> : null}
      {past.map((it) => (
        <View key={it.reviewId} className='card review-row expert-work-past' data-review={it.reviewId} onClick={() => void navigateTo(reviewPage(it.reviewId))}>
          <View className='review-title'>{it.projectName}</View>
          <View className='review-sub'>
            {it.itemName} · {it.invitation.statusLabel}
          </View>
        </View>
      ))}
      <View className='review-link' onClick={() => void navigateTo(EXPERTS_PAGE)}>
        查看专家库公示 ›
      </View>
    </Page>
  );
}
