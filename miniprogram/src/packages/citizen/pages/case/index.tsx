import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { useDidShow, useLoad, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { session } from '../../../../services/client';
import { errorMessage, isApiError } from '../../../../services/api';
import {
  CASE_RATING_LABELS,
  DISPUTE_WINDOW_DAYS,
  RATING_OPTIONS,
  STATE_EXPLANATIONS,
  pageParam,
  validateDispute,
  type CaseDetail,
  type CaseRating,
  type CaseState,
} from '../../../../services/city';
import { stopPullDownRefresh, toast } from '../../../../services/adapters/taro';
import { scrollToTop } from '../../../../services/adapters/pit-media';
import { resetScroll } from '../../../../services/adapters/city-device';
import { CaseHeader, CaseTimeline, ProgressBar, StateBadge } from '../../components/CaseParts';
import { CityLoginGate } from '../../components/CityLoginGate';
import { cityApi } from '../../cityApi';
import '../../city.scss';
import './index.scss';

/**
 * 问题进度 for the reporter (and followers): the honest state, every step of the loop with who and when,
 * then 评价 once closed and, within 7 days, one 复议 if the problem is still there.
 */
export default function CitizenCase() {
  const id = pageParam(useRouter().params.id);
  const [c, setCase] = useState<CaseDetail | null>(null);
  const [policies, setPolicies] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [disputing, setDisputing] = useState(false);
  const [reason, setReason] = useState('');

  const load = async () => {
    if (!session.isLoggedIn()) return;
    if (!id) {
      setError('缺少问题编号');
      return;
    }
    setError(null);
    try {
      const r = await cityApi.case(id);
      setCase(r.data);
      setPolicies(r.policies);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  useLoad(resetScroll);
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));

  const act = async (body: { action: 'rate'; rating: CaseRating } | { action: 'dispute'; reason: string }) => {
    if (!c || busy) return;
    setBusy(body.action === 'rate' ? body.rating : 'dispute');
    setActionError(null);
    try {
      const r = await cityApi.act(c.id, { ...body, version: c.version });
      setCase(r.data);
      setPolicies(r.policies);
      toast(body.action === 'rate' ? '感谢您的评价' : '已申请复议，将重新现场核查', 'success');
      setDisputing(false);
      setReason('');
      scrollToTop();
    } catch (e) {
      setActionError(errorMessage(e));
      if (isApiError(e) && (e.code === 'stale_version' || e.code === 'invalid_transition')) void load();
    } finally {
      setBusy(null);
    }
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
            </View>

            {c.rating ? (
              <View id='case-rating' className='card case-rating' data-rating={c.rating}>
                您的评价：<Text className='case-rating-value'>{CASE_RATING_LABELS[c.rating] ?? c.rating}</Text>
              </View>
            ) : null}

            {policies.rate ? (
              <View id='case-rate' className='card'>
                <View className='city-form-title'>问题解决了吗？请评价</View>
                <View className='muted'>您的评价计入责任单位的满意率考核</View>
                <View className='case-rate-buttons'>
                  {RATING_OPTIONS.map((o) => (
                    <Button
                      key={o.rating}
                      id={`case-rate-${o.rating}`}
                      className='case-rate-button'
                      type={o.rating === 'dissatisfied' ? 'default' : 'primary'}
                      fill={o.rating === 'satisfied' ? 'solid' : 'outline'}
                      loading={busy === o.rating}
                      disabled={!!busy}
                      onClick={() => void act({ action: 'rate', rating: o.rating })}
                    >
                      {o.label}
                    </Button>
                  ))}
                </View>
              </View>
            ) : null}

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
                    <Textarea
                      id='case-dispute-reason'
                      className='city-textarea'
                      value={reason}
                      maxlength={500}
                      placeholder='请写明问题仍然存在的情况（至少 4 个字）'
                      onInput={(e) => {
                        setReason(e.detail.value);
                        setActionError(null);
                      }}
                    />
                    <View className='city-form-buttons'>
                      <Button className='city-form-button' fill='outline' onClick={() => setDisputing(false)}>
                        取消
                      </Button>
                      <Button id='case-dispute-submit' className='city-form-button' type='primary' loading={busy === 'dispute'} onClick={submitDispute}>
                        提交复议
                      </Button>
                    </View>
                  </View>
                )}
              </View>
            ) : null}
            <ErrorText id='case-action-error' message={actionError} />

            <View className='card'>
              <CaseHeader c={c} now={now} />
            </View>

            <View className='section-title'>处理记录</View>
            <CaseTimeline entries={c.timeline} now={now} />
          </View>
        ) : null}
      </CityLoginGate>
    </Page>
  );
}
