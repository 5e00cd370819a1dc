import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { ComplaintStatePill } from '../../../../components/ComplaintStatePill';
import { FormTextarea } from '../../../../components/FormTextarea';
import { KvItem } from '../../../../components/KvItem';
import { useFormSubmit } from '../../../../components/useFormSubmit';
import { useRecordLoader } from '../../../../components/useRecordLoader';
import { formatTime } from '../../../../services/format';
import { pageParam } from '../../../../services/links';
import { PLAQUE_PAGES, type PlaqueView, type ShopComplaint } from '../../../../services/plaque/api';
import { canAnswer, countdown, durationText, formatScore } from '../../../../services/plaque/view-model';
import { validateDispute } from '../../../../services/plaque/form-rules';
import { navigateTo, toast } from '../../../../services/adapters/taro';
import { scrollToTop } from '../../../../services/adapters/pit-media';
import { GradeBadge } from '../../components/GradeBadge';
import { LoginGate } from '../../components/LoginGate';
import { LinkedPhotos, type PhotoUrls } from '../../components/LinkedPhotos';
import { plaqueApi } from '../../plaqueApi';
import '../../plaque.scss';
import './index.scss';
import { PLAQUE_NOTE_MAX } from '@cityloop/shared/plaques/plaque.limits';

/** What the state means for the complainant, in one line. */
const STATE_HINTS: Record<string, string> = {
  open: '已通知商户限时整改，逾期未整改将自动转城管执法',
  fixed: '商户已整改，请核对后确认；如仍未解决，请提出异议（将转城管执法）',
  confirmed: '您已确认整改，已按规则计入商户评分。感谢您的监督！',
  disputed: '您对整改有异议，已转城管执法处理',
  escalated: '已转城管执法处理，处理进展将通过消息通知您',
};

/**
 * The complainant's view of their complaint (the inbox link of 商户已整改，请确认): its state, the shop's
 * fix (time and photo count), and confirm or dispute. The shop's score is shown so the effect is visible.
 */
export default function PlaqueComplaintPage() {
  const id = pageParam(useRouter().params.id);
  const [complaint, setComplaint] = useState<(ShopComplaint & PhotoUrls & { fixNote?: string | null }) | null>(null);
  const [shop, setShop] = useState<PlaqueView | null>(null);
  const [reason, setReason] = useState('');
  const { error, load } = useRecordLoader(id, '缺少投诉编号', async (key) => {
    const c = await plaqueApi.complaint(key);
    setComplaint(c);
    if (c.shopId) setShop(await plaqueApi.view(c.shopId).catch(() => null));
  });
  // The shop or the system may have acted meanwhile (any 409): the page then shows the fresh state.
  const { busy, formError, setFormError, send, edited } = useFormSubmit<'confirm' | 'dispute'>(load, { anyConflict: true });

  const answer = async (kind: 'confirm' | 'dispute') => {
    if (!complaint || busy) return;
    if (kind === 'dispute') {
      const invalid = validateDispute(reason);
      if (invalid) {
        setFormError(invalid);
        return;
      }
    }
    await send(kind, async () => {
      await plaqueApi.answer(complaint.id, kind === 'confirm' ? { answer: 'confirm', version: complaint.version } : { answer: 'dispute', reason: reason.trim(), version: complaint.version });
      toast(kind === 'confirm' ? '已确认整改' : '异议已提交，转城管执法', 'success');
      setReason('');
      await load();
      scrollToTop();
    });
  };

  const c = complaint;
  const now = new Date();
  const left = c && c.state === 'open' ? countdown(c.deadline, now.getTime()) : null;

  return (
    <Page className='plaque-complaint-page'>
      <LoginGate why='登录后查看您的投诉进展'>
        <LoadState error={error} loaded={!!c} onRetry={id ? () => void load() : undefined} />
        {c ? (
          <View>
            <View className='card' id='complaint-card' data-id={c.id} data-state={c.state}>
              <View className='row'>
                <Text className='plaque-record-class'>{c.className}</Text>
                <ComplaintStatePill id='complaint-state' state={c.state} label={c.stateLabel} />
              </View>
              <View id='complaint-hint' className='complaint-hint'>
                {STATE_HINTS[c.state] ?? ''}
              </View>
              <View className='plaque-record-text'>{c.description}</View>
              <View className='plaque-kv'>
                <KvItem classPrefix='plaque' label='投诉时间'>{formatTime(c.createdAt, now)}</KvItem>
                <KvItem classPrefix='plaque' label='我的照片' id='complaint-photos' data-count={c.photos.length}>
                  {c.photos.length} 张
                </KvItem>
                <KvItem classPrefix='plaque' label='整改时限'>{formatTime(c.deadline, now)}</KvItem>
                <KvItem classPrefix='plaque' label={left ? '剩余时间' : '整改用时'}>
                  {left ? left.text : c.fixedAt ? durationText(c.fixMinutes ?? (Date.parse(c.fixedAt) - Date.parse(c.createdAt)) / 60_000) : '—'}
                </KvItem>
              </View>
              <LinkedPhotos id='complaint-photo-list' label='投诉照片' urls={c.photoUrls} small />
            </View>

            {c.fixedAt ? (
              <View id='complaint-fix' className='card' data-in-time={String(c.fixInTime)}>
                <View className='plaque-chart-title complaint-fix-title'>商户整改情况</View>
                <View className='plaque-kv'>
                  <KvItem classPrefix='plaque' label='整改时间'>{formatTime(c.fixedAt, now)}</KvItem>
                  <KvItem classPrefix='plaque' label='是否按期' style={{ color: c.fixInTime ? '#2ba471' : '#c4281c' }}>
                    {c.fixInTime ? '按期整改' : '逾期整改'}
                  </KvItem>
                  <KvItem classPrefix='plaque' label='整改后照片' wide id='complaint-fix-photos' data-count={c.fixPhotos.length}>
                    商户已上传 {c.fixPhotos.length} 张整改后照片
                  </KvItem>
                </View>
                <LinkedPhotos id='complaint-fix-photo-list' urls={c.fixPhotoUrls} />
                {c.fixNote ? <View className='plaque-record-text'>整改说明：{c.fixNote}</View> : null}
              </View>
            ) : null}

            {canAnswer(c) ? (
              <View id='complaint-answer' className='card'>
                <View className='plaque-chart-title complaint-fix-title'>问题解决了吗？</View>
                <Button id='complaint-confirm' className='btn-block' type='primary' size='large' block loading={busy === 'confirm'} disabled={!!busy} onClick={() => void answer('confirm')}>
                  已解决，确认整改
                </Button>
                <View className='plaque-form-label'>仍未解决？请说明原因</View>
                <FormTextarea id='complaint-dispute-reason' className='plaque-textarea' value={reason} maxlength={PLAQUE_NOTE_MAX} placeholder='如：货架只是挪了位置，仍占用人行道' onChange={edited(setReason)} />
                <ErrorText id='complaint-form-error' message={formError} />
                <View className='plaque-danger-btn'>
                  <Button id='complaint-dispute' className='btn-block' type='primary' fill='outline' block loading={busy === 'dispute'} disabled={!!busy} onClick={() => void answer('dispute')}>
                    有异议，转城管执法
                  </Button>
                </View>
              </View>
            ) : (
              <ErrorText message={formError} />
            )}

            {shop ? (
              <View id='complaint-shop' className='card' hoverClass='plaque-pressed' onClick={() => void navigateTo(PLAQUE_PAGES.view(shop.id)).catch(() => undefined)}>
                <View className='row'>
                  <View className='spacer'>
                    <View className='plaque-kv-label'>被投诉商户</View>
                    <View className='plaque-kv-value'>{shop.name}</View>
                  </View>
                  <View className='complaint-shop-score'>
                    <Text id='complaint-shop-score' data-score={shop.score}>
                      {formatScore(shop.score)}
                    </Text>
                  </View>
                  <GradeBadge id='complaint-shop-grade' grade={shop.grade} />
                </View>
                <View className='muted complaint-shop-link'>查看责任牌 ›</View>
              </View>
            ) : null}
          </View>
        ) : null}
      </LoginGate>
    </Page>
  );
}
