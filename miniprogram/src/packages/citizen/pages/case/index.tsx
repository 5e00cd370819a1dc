import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useLoad, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { FormButtons } from '../../../../components/FormButtons';
import { FormTextarea } from '../../../../components/FormTextarea';
import { useFormSubmit } from '../../../../components/useFormSubmit';
import { useRecordWithPolicies } from '../../../../components/useRecordLoader';
import { CASE_RATING_LABELS, DISPUTE_WINDOW_DAYS, STATE_EXPLANATIONS } from '../../../../services/city/view-model';
import { validateDispute, validateSupplement } from '../../../../services/city/form-rules';
import { pageParam } from '../../../../services/links';
import { type CaseDetail, type CaseRating, type CaseState } from '../../../../services/city/api';
import { toast } from '../../../../services/adapters/taro';
import { scrollToTop } from '../../../../services/adapters/pit-media';
import { resetScroll } from '../../../../services/adapters/city-device';
import { CaseHeader, CaseTimeline, ProgressBar, StateBadge } from '../../components/CaseParts';
import { SupervisionNote } from '../../components/SupervisionNote';
import { CityLoginGate } from '../../components/CityLoginGate';
import { RatePanel } from '../../components/RatePanel';
import { CaseNumberAndDeadline, SupplementPanel, WithdrawPanel } from '../../components/CaseFollowUp';
import { cityApi } from '../../cityApi';
import '../../city.scss';
import './index.scss';
import { CASE_REASON_MAX } from '@cityloop/shared/city/case.limits';

/** The comment the citizen left with the rating (the 评价 step's note). */
const ratingComment = (c: CaseDetail): string | null => c.timeline.find((e) => e.action === 'case.rate')?.note?.trim() || null;

/**
 * 问题进度 for the reporter (and followers): the honest state, every step of the loop with who and when,
 * then 评价 once closed and, within 7 days, one 复议 if the problem is still there.
 */
export default function CitizenCase() {
  const id = pageParam(useRouter().params.id);
  useLoad(resetScroll);
  const { data: c, policies, error, load, show } = useRecordWithPolicies<CaseDetail>(id, '缺少问题编号', (key) => cityApi.case(key));
  const { busy, formError: actionError, setFormError: setActionError, send, edited } = useFormSubmit<'rate' | 'dispute' | 'supplement' | 'withdraw'>(load);
  const [disputing, setDisputing] = useState(false);
  const [reason, setReason] = useState('');

  const act = async (body: { action: 'rate'; rating: CaseRating; reason?: string } | { action: 'dispute'; reason: string }) => {
    if (!c || busy) return;
    await send(body.action === 'rate' ? 'rate' : 'dispute', async () => {
      show(await cityApi.act(c.id, { ...body, version: c.version }));
      toast(body.action === 'rate' ? '感谢您的评价' : '已申请复议，将重新现场核查', 'success');
      setDisputing(false);
      setReason('');
      scrollToTop();
    });
  };

  /** 补充 and 撤回: true when the write went through (the panel then closes). */
  const followUp = async (body: { action: 'supplement'; reason?: string; photos?: string[] } | { action: 'withdraw'; reason?: string }): Promise<boolean> => {
    if (!c || busy) return false;
    let done = false;
    await send(body.action, async () => {
      show(await cityApi.act(c.id, { ...body, version: c.version }));
      toast(body.action === 'supplement' ? '已补充，处理人员会看到' : '已撤回上报', 'success');
      done = true;
      scrollToTop();
    });
    return done;
  };

  const submitDispute = () => {
    const invalid = validateDispute(reason);
    if (invalid) {
      setActionError(invalid);
      return;
    }
    void act({ action: 'dispute', reason: reason.trim() });
  };

  const now = new Date();

  return (
    <Page className='city-case-page'>
      <CityLoginGate why='登录后查看问题处理进度'>
        <LoadState error={error} loaded={!!c} onRetry={() => void load()} />
        {c ? (
          <View>
            <View id='case-status-card' className='card' data-state={c.state}>
              <View className='row'>
                <Text className='muted'>当前状态</Text>
                <View className='spacer' />
                <StateBadge id='case-state' state={c.state} label={c.stateLabel} />
              </View>
              <View id='case-state-text' className='case-state-text'>
                {STATE_EXPLANATIONS[c.state as CaseState] ?? ''}
              </View>
              <ProgressBar state={c.state} />
              <CaseNumberAndDeadline c={c} now={now} />
            </View>

            {c.rating ? (
              <View id='case-rating' className='card case-rating' data-rating={c.rating}>
                您的评价：<Text className='case-rating-value'>{CASE_RATING_LABELS[c.rating] ?? c.rating}</Text>
                {ratingComment(c) ? <View id='case-rating-comment' className='case-rating-comment'>{ratingComment(c)}</View> : null}
              </View>
            ) : null}

            {policies.rate ? <RatePanel busy={busy === 'rate'} onSubmit={(rating, comment) => void act({ action: 'rate', rating, ...(comment ? { reason: comment } : {}) })} /> : null}

            {policies.dispute ? (
              <View id='case-dispute' className='card'>
                {!disputing ? (
                  <View className='row'>
                    <View className='case-dispute-text'>问题仍然存在？结案 {DISPUTE_WINDOW_DAYS} 天内可申请复议一次，将重新派人现场核查。</View>
                    <Button id='case-dispute-open' size='small' fill='outline' type='primary' onClick={() => setDisputing(true)}>
                      申请复议
                    </Button>
                  </View>
                ) : (
                  <View>
                    <View className='city-form-title'>申请复议</View>
                    <FormTextarea id='case-dispute-reason' className='city-textarea' value={reason} maxlength={CASE_REASON_MAX} placeholder='请写明问题仍然存在的情况（至少 4 个字）' onChange={edited(setReason)} />
                    <FormButtons classPrefix='city' submitId='case-dispute-submit' submitting={busy === 'dispute'} onCancel={() => setDisputing(false)} onSubmit={submitDispute}>
                      提交复议
                    </FormButtons>
                  </View>
                )}
              </View>
            ) : null}
            {policies.supplement ? <SupplementPanel busy={busy === 'supplement'} validate={validateSupplement} onSubmit={(note, photos) => followUp({ action: 'supplement', ...(note ? { reason: note } : {}), ...(photos.length ? { photos } : {}) })} /> : null}
            {policies.withdraw ? <WithdrawPanel busy={busy === 'withdraw'} onConfirm={(reason) => void followUp({ action: 'withdraw', ...(reason ? { reason } : {}) })} /> : null}
            <ErrorText id='case-action-error' message={actionError} />

            <View className='card'>
              <CaseHeader c={c} now={now} />
              <SupervisionNote supervision={c.supervision} now={now} />
            </View>

            <View className='section-title'>处理记录</View>
            <CaseTimeline entries={c.timeline} now={now} />
          </View>
        ) : null}
      </CityLoginGate>
    </Page>
  );
}
