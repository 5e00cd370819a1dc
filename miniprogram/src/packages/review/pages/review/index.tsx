import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../../../components/Page';
import { errorMessage } from '../../../../services/api';
import { formatTime } from '../../../../services/format';
import { pageParam } from '../../../../services/links';
import { session } from '../../../../services/client';
import { stopPullDownRefresh } from '../../../../services/adapters/taro';
import type { ReviewDetail, ReviewPublic } from '../../../../services/review/api';
import { REVIEW_ACTION_LABELS } from '@cityloop/shared/dangerous-works/review.limits';
import { reviewApi } from '../../reviewApi';
import { ConsultOpinion, ExpertActions } from '../../components/ExpertActions';
import { ReviewFollowUp } from '../../components/ReviewFollowUp';
import '../../review.scss';

/**
 * One review and its trail: for its parties and regulators the draw (commitment before, seed after the meeting),
 * the experts (names from the meeting day), sign-ins, opinions, the report and the archive with its hashes; for
 * an invited expert their invitation to answer; for anyone else who scanned the board, the public part only.
 */
export default function ReviewPage() {
  const id = pageParam(useRouter().params.id);
  const [r, setR] = useState<ReviewDetail | null>(null);
  const [pub, setPub] = useState<ReviewPublic | null>(null);
  const [policies, setPolicies] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    if (!id) return setError('缺少论证编号，请重新扫码');
    setError(null);
    try {
      // signed out (a citizen who scanned the board): the public part, without a detour to the login page
      if (!session.isLoggedIn()) return setPub(await reviewApi.publicPart(id));
      const x = await reviewApi.detail(id).catch(() => null);
      if (x) {
        setR(x.data);
        setPolicies(x.policies);
      } else setPub(await reviewApi.publicPart(id));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));

  const act = async (f: () => Promise<{ data: ReviewDetail; policies: Record<string, boolean> }>) => {
    setBusy(true);
    setError(null);
    try {
      const x = await f();
      setR(x.data);
      setPolicies(x.policies);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const head = r ?? pub;
  return (
    <Page className='review-page'>
      <ErrorText id='review-error' message={error} />
      {!head && !error ? <View className='loading-text'>正在加载…</View> : null}
      {head ? (
        <View className='card' id='review-card' data-state={head.state}>
          <View className='review-title'>{head.projectName}</View>
          <View className='review-sub'>
            {head.itemName} · {head.category}
          </View>
          <Text id='review-state' className={`review-state review-state--${head.state}`}>
            {head.stateLabel}
          </Text>
          {head.conclusion ? <Text className='review-conclusion'>论证结论：{head.conclusion}</Text> : null}
          {!r ? <View className='muted review-section'>仅显示公开信息（项目、分项、状态）</View> : null}
        </View>
      ) : null}
      {r ? (
        <View>
          <View className='card'>
            <View>
              论证会：{formatTime(r.meetingAt, new Date())} · {r.venue}
            </View>
            <View className='muted'>专业：{r.specialty}</View>
            {policies['review.draw'] && r.state === 'committed' ? (
              <Button id='review-draw' type='primary' className='btn-block' disabled={busy} onClick={() => void act(() => reviewApi.draw(r.id))}>
                抽取专家
              </Button>
            ) : null}
          </View>
          <ExpertActions r={r} busy={busy} act={act} />
          <ConsultOpinion r={r} busy={busy} act={act} />
          <View className='card'>
            <View className='review-section'>随机抽取（可复核）</View>
            <View className='muted'>抽取前公布的承诺值：</View>
            <View id='review-commitment' className='review-hash'>{r.draw.commitment}</View>
            <View className='muted'>随机种子：</View>
            <View id='review-seed' className='review-hash'>{r.draw.seed ?? '论证会结束后公开'}</View>
            {r.draw.drawnAt ? (
              <View className='muted'>
                符合条件 {r.draw.eligibleCount} 名，回避/不符合 {r.draw.excludedCount} 名
              </View>
            ) : null}
          </View>
          {r.invitations.length ? (
            <View className='card' id='review-experts'>
              <View className='review-section'>论证专家{r.namesVisible ? '' : '（姓名于会议当日公布）'}</View>
              {r.invitations.map((i) => (
                <View key={i.n} className='row'>
                  <Text>{i.name}</Text>
                  <View className='spacer' />
                  <Text className='muted'>{i.statusLabel}</Text>
                </View>
              ))}
              {r.signIns.length ? <View className='muted'>已签到 {r.signIns.length} 名</View> : null}
            </View>
          ) : null}
          {r.opinions.length ? (
            <View className='card'>
              <View className='review-section'>专家意见</View>
              {r.opinions.map((o) => (
                <View key={o.name} className='review-sub'>
                  {o.name}（{o.conclusion}
                  {o.signed ? '，已签字' : ''}）：{o.text}
                </View>
              ))}
            </View>
          ) : null}
          {r.report ? (
            <View className='card' id='review-report'>
              <View className='review-section'>论证报告：{r.report.conclusion}</View>
              <View className='review-sub'>{r.report.summary}</View>
              <View className='muted'>签字专家：{r.report.signers.join('、')}</View>
              <View>下一步：{r.report.nextStep}</View>
            </View>
          ) : null}
          {r.consultations.map((c) => (
            <View key={c.id} className='card review-consultation' id={`consultation-${c.id}`}>
              <View className='review-section consult-head'>基坑报警专家研判（{c.experts.join('、')}）</View>
              {c.notInvited || c.supplementary ? <View className='muted'>原论证专家不再符合条件 {c.notInvited} 名，补充抽取 {c.supplementary} 名</View> : null}
              <View className='review-sub'>{c.opinion ? c.opinion.text : '等待专家联合意见'}</View>
            </View>
          ))}
          {r.archive ? (
            <View className='card' id='review-archive'>
              <View className='review-section'>归档（{r.archive.documents.length} 份文件）</View>
              {r.archive.documents.map((d) => (
                <View key={`${d.label}${d.sha256}`} className='review-sub'>
                  {d.label}
                  <View className='review-hash'>{d.sha256}</View>
                </View>
              ))}
              <View className='muted'>全过程校验值：</View>
              <View className='review-hash'>{r.archive.trailHash}</View>
            </View>
          ) : null}
          <ReviewFollowUp r={r} policies={policies} busy={busy} act={act} onError={setError} />
          {r.history.length ? (
            <View className='card' id='review-history'>
              <View className='review-section'>全过程记录</View>
              {r.history.map((e, i) => (
                <View key={i} className='muted'>
                  {formatTime(e.at, new Date())} {REVIEW_ACTION_LABELS[e.action] ?? e.action}
                  {e.reason ? `：${e.reason}` : ''}
                </View>
              ))}
            </View>
          ) : null}
        </View>
      ) : null}
    </Page>
  );
}
