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
import { APPEAL_STATUS_LABELS, canAppeal, canFix, durationText } from '../../../../services/plaque/view-model';
import { SHOP_PAGES, type ShopComplaint } from '../../../../services/plaque/api';
import { validateAppeal, validateFix } from '../../../../services/plaque/form-rules';
import { navigateTo, toast } from '../../../../services/adapters/taro';
import { scrollToTop } from '../../../../services/adapters/pit-media';
import { LoginGate } from '../../../plaque/components/LoginGate';
import { LinkedPhotos, type PhotoUrls } from '../../../plaque/components/LinkedPhotos';
import { PhotoPicker, type PhotoItem } from '../../../citizen/components/PhotoPicker';
import { plaqueApi } from '../../../plaque/plaqueApi';
import { Deadline } from '../../components/ComplaintRow';
import { WholeText } from '../../../../components/WholeText';
import '../../shop.scss';
import './index.scss';
import { APPEAL_REASON_MAX, PLAQUE_NOTE_MAX } from '@cityloop/shared/plaques/plaque.limits';

/** What the state means for the shop, in one line. */
const STATE_HINTS: Record<string, string> = {
  open: '请在时限内整改，并上传整改后的照片。按期自行整改只扣一半分数；逾期未整改将转城管执法并全额扣分。',
  fixed: '已提交整改，等待投诉人确认。',
  confirmed: '投诉人已确认整改，已按规则计入评分。如认为投诉不属实，可在 7 日内申诉。',
  disputed: '投诉人对整改有异议，已转城管执法。',
  escalated: '已转城管执法处理。如认为投诉不属实，可在 7 日内申诉。',
};

/** One complaint for the shop owner (the inbox link of 您有新的门前三包投诉): details, live deadline, fix with an after photo, appeal. */
export default function ShopComplaintPage() {
  const id = pageParam(useRouter().params.id);
  const [c, setComplaint] = useState<ShopComplaint | null>(null);
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [uploading, setUploading] = useState(false);
  const [reason, setReason] = useState('');
  const { error, load } = useRecordLoader(id, '缺少投诉编号', async (key) => setComplaint(await plaqueApi.complaint(key)));
  // The complaint may have moved on meanwhile (any 409, e.g. escalated at the deadline): the page then shows the fresh state.
  const { busy, formError, setFormError, send, edited } = useFormSubmit<'fix' | 'appeal'>(load, { anyConflict: true });

  const submitFix = async () => {
    if (!c || busy) return;
    if (uploading) {
      setFormError('照片仍在上传，请稍候');
      return;
    }
    const invalid = validateFix(note, photos.length);
    if (invalid) {
      setFormError(invalid);
      return;
    }
    await send('fix', async () => {
      await plaqueApi.fix(c.id, { photos: photos.map((x) => x.sha256), note: note.trim(), version: c.version });
      toast('整改已提交', 'success');
      setNote('');
      setPhotos([]);
      await load();
      scrollToTop();
    });
  };

  const submitAppeal = async () => {
    if (!c || busy) return;
    const invalid = validateAppeal(reason);
    if (invalid) {
      setFormError(invalid);
      return;
    }
    await send('appeal', async () => {
      await plaqueApi.appeal(c.id, reason.trim());
      toast('申诉已提交', 'success');
      setReason('');
      await load();
    });
  };

  const nowDate = new Date();

  return (
    <Page className='shop-complaint-page'>
      <LoginGate why='商户登录后可处理投诉'>
        <LoadState error={error} loaded={!!c} onRetry={id ? () => void load() : undefined} />
        {c ? (
          <View>
            <View className='card' id='shop-complaint-card' data-id={c.id} data-state={c.state}>
              <View className='row'>
                <Text className='plaque-record-class'>{c.className}</Text>
                <ComplaintStatePill id='shop-complaint-state' state={c.state} label={c.stateLabel} />
              </View>
              <View className='plaque-record-text shop-complaint-description'>{c.description}</View>
              {c.state === 'open' ? (
                <View className='shop-complaint-deadline-row'>
                  <Deadline id='shop-complaint-deadline' deadline={c.deadline} />
                </View>
              ) : null}
              <View className='shop-hint'>{STATE_HINTS[c.state] ?? ''}</View>
              <View className='plaque-kv'>
                <KvItem classPrefix='plaque' label='投诉时间'>{formatTime(c.createdAt, nowDate)}</KvItem>
                <KvItem classPrefix='plaque' label='整改时限'>{formatTime(c.deadline, nowDate)}</KvItem>
                <KvItem classPrefix='plaque' label='现场照片' id='shop-complaint-photos' data-count={c.photos.length}>
                  {c.photos.length} 张
                </KvItem>
                {c.fixedAt ? (
                  <KvItem classPrefix='plaque' label='整改' id='shop-complaint-fix' data-in-time={String(c.fixInTime)} style={{ color: c.fixInTime ? '#2ba471' : '#c4281c' }}>
                    <WholeText text={`${c.fixInTime ? '按期' : '逾期'} · 用时 ${durationText(c.fixMinutes ?? (Date.parse(c.fixedAt) - Date.parse(c.createdAt)) / 60_000)}`} />
                  </KvItem>
                ) : null}
                {c.fixPhotos.length ? (
                  <KvItem classPrefix='plaque' label='整改照片' id='shop-complaint-fix-photos' data-count={c.fixPhotos.length}>
                    {c.fixPhotos.length} 张
                  </KvItem>
                ) : null}
              </View>
              <LinkedPhotos id='shop-complaint-photo-list' label={`投诉照片（${c.photos.length} 张）`} urls={(c as PhotoUrls).photoUrls} small />
              <LinkedPhotos id='shop-complaint-fix-photo-list' label={`整改后照片${(c as { fixNote?: string | null }).fixNote ? `（${(c as { fixNote?: string | null }).fixNote}）` : ''}`} urls={(c as PhotoUrls).fixPhotoUrls} small />
              {c.deduction ? (
                <View id='shop-complaint-deduction' className='shop-deduction' data-points={c.deduction.points}>
                  本投诉扣 {c.deduction.points} 分 · {c.deduction.why}
                </View>
              ) : null}
              {c.disputeReason ? (
                <View id='shop-complaint-dispute' className='shop-complaint-dispute'>
                  市民对整改有异议：{c.disputeReason}
                </View>
              ) : null}
            </View>

            {canFix(c) ? (
              <View id='fix-form' className='card'>
                <View className='plaque-chart-title shop-form-title'>提交整改</View>
                <View className='plaque-form-label'>整改情况</View>
                <FormTextarea id='fix-note' className='plaque-textarea' value={note} maxlength={PLAQUE_NOTE_MAX} placeholder='如：已收回店外货架，门前已清扫干净' onChange={edited(setNote)} />
                <View className='plaque-form-label'>整改后照片（必传）</View>
                <PhotoPicker idPrefix='fix-photo' api={plaqueApi} tileClass='plaque-photo-thumb' items={photos} onChange={edited(setPhotos)} onBusyChange={setUploading} addText='拍整改后照片' />
                <ErrorText id='shop-form-error' message={formError} />
                <Button id='fix-submit' className='btn-block' type='primary' size='large' block loading={busy === 'fix'} disabled={uploading || !!busy} onClick={() => void submitFix()}>
                  提交整改
                </Button>
              </View>
            ) : null}

            {c.appeal ? (
              <View id='shop-appeal' className='card' data-status={c.appeal.status}>
                <View className='plaque-chart-title shop-form-title'>申诉</View>
                <View id='shop-appeal-status' className='plaque-kv-value'>
                  {APPEAL_STATUS_LABELS[c.appeal.status] ?? c.appeal.status}
                </View>
                <View className='plaque-record-text'>申诉理由：{c.appeal.reason}</View>
                {c.appeal.note ? <View className='plaque-record-text'>片长意见：{c.appeal.note}</View> : null}
              </View>
            ) : null}

            {canAppeal(c) ? (
              <View id='appeal-form' className='card'>
                <View className='plaque-chart-title shop-form-title'>申诉（投诉不属实时）</View>
                <View className='muted'>由所在网格片长审核；申诉成立则不计扣分。每件投诉只能申诉一次。</View>
                {c.appealBy ? (
                  <View id='shop-appeal-by' className='shop-appeal-by' data-at={c.appealBy}>
                    申诉截止：{formatTime(c.appealBy, nowDate)}
                  </View>
                ) : null}
                <View className='plaque-form-label'>申诉理由</View>
                <FormTextarea id='appeal-reason' className='plaque-textarea' value={reason} maxlength={APPEAL_REASON_MAX} placeholder='如：门口货架属于隔壁商户，不在本店责任区内' onChange={edited(setReason)} />
                <ErrorText message={canFix(c) ? null : formError} />
                <Button id='appeal-submit' className='btn-block' type='primary' fill='outline' block loading={busy === 'appeal'} disabled={!!busy} onClick={() => void submitAppeal()}>
                  提交申诉
                </Button>
              </View>
            ) : !canFix(c) ? (
              <ErrorText message={formError} />
            ) : null}

            <Button id='shop-back-mine' className='btn-block' fill='outline' onClick={() => void navigateTo(SHOP_PAGES.mine).catch(() => undefined)}>
              我的责任牌
            </Button>
          </View>
        ) : null}
      </LoginGate>
    </Page>
  );
}
