import { useState } from 'react';
import { Input, Switch, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { FormTextarea } from '../../../components/FormTextarea';
import { formatTime } from '../../../services/format';
import { navigateTo } from '../../../services/adapters/taro';
import { venueCheckinPage, type ReviewDetail } from '../../../services/review/api';
import { reviewApi } from '../reviewApi';

type Act = (f: () => Promise<{ data: ReviewDetail; policies: Record<string, boolean> }>) => Promise<void>;
const CONCLUSIONS = [
  { key: 'pass', label: '通过' },
  { key: 'revise', label: '修改后通过' },
  { key: 'fail', label: '不通过' },
] as const;
type Conclusion = (typeof CONCLUSIONS)[number]['label'];

function ConclusionChips({ id, value, onChange }: { id: string; value: Conclusion; onChange: (c: Conclusion) => void }) {
  return (
    <View className='review-chips'>
      {CONCLUSIONS.map((c) => (
        <Text key={c.key} id={`${id}-${c.key}`} className={`review-chip${value === c.label ? ' review-chip--on' : ''}`} onClick={() => onChange(c.label)}>
          {c.label}
        </Text>
      ))}
    </View>
  );
}

/**
 * What an invited expert does on the review: answer the invitation; on the meeting day check in at the venue
 * (face + GPS on the one check-in page) and sign in; give their opinion and conclusion and sign it; file the
 * report (one of the panel, once the signatures are there: the server checks ≥ 5 and one conclusion).
 */
export function ExpertActions({ r, busy, act }: { r: ReviewDetail; busy: boolean; act: Act }) {
  const [reason, setReason] = useState('');
  const [text, setText] = useState('');
  const [mine, setMine] = useState<Conclusion>('通过');
  const [sign, setSign] = useState(true);
  const [summary, setSummary] = useState('');
  const [final, setFinal] = useState<Conclusion>('通过');
  const inv = r.myInvitation;
  if (!inv) return null;
  if (inv.status === 'invited')
    return (
      <View className='card review-actions' id='review-invitation'>
        <View>请于 {formatTime(inv.deadline, new Date())} 前回复邀请</View>
        <Button id='review-accept' type='primary' className='btn-block' disabled={busy} onClick={() => void act(() => reviewApi.respond(r.id, true))}>
          接受邀请
        </Button>
        <Input id='review-decline-reason' className='text-input' placeholder='谢绝原因（选填）' value={reason} onInput={(e) => setReason(e.detail.value)} />
        <Button id='review-decline' fill='outline' className='btn-block' disabled={busy} onClick={() => void act(() => reviewApi.respond(r.id, false, reason))}>
          谢绝
        </Button>
      </View>
    );
  if (inv.status !== 'accepted' || r.report) return null;
  if (!inv.signedIn)
    return (
      <View className='card review-actions' id='review-meeting'>
        <View className='muted'>论证会开始前 2 小时起，请在会场完成人脸签到（会场 500 米内），再确认签到。</View>
        <Button id='review-checkin' fill='outline' className='btn-block' onClick={() => void navigateTo(venueCheckinPage(r.id))}>
          到会场人脸签到
        </Button>
        <Button id='review-sign-in' type='primary' className='btn-block' disabled={busy} onClick={() => void act(() => reviewApi.signIn(r.id))}>
          确认论证会签到
        </Button>
      </View>
    );
  return (
    <View>
      <View className='card review-actions' id='review-opinion-form'>
        <View className='review-section'>我的论证意见</View>
        <FormTextarea id='opinion-text' className='review-input' value={text} maxlength={2000} placeholder='对方案的审查意见' onChange={setText} />
        <ConclusionChips id='opinion-c' value={mine} onChange={setMine} />
        <View className='row'>
          <Text>在论证结论上签字</Text>
          <View className='spacer' />
          <Switch id='opinion-sign' checked={sign} onChange={(e) => setSign(e.detail.value)} />
        </View>
        <Button id='opinion-submit' type='primary' className='btn-block' disabled={busy} onClick={() => void act(() => reviewApi.opinion(r.id, { text, conclusion: mine, sign }))}>
          提交意见
        </Button>
      </View>
      <View className='card review-actions' id='review-report-form'>
        <View className='review-section'>出具论证报告（专家组一致结论，不少于 5 名专家签字）</View>
        <ConclusionChips id='report-c' value={final} onChange={setFinal} />
        <FormTextarea id='report-summary' className='review-input' value={summary} maxlength={2000} placeholder='专家组意见汇总' onChange={setSummary} />
        <Button id='report-submit' type='primary' className='btn-block' disabled={busy} onClick={() => void act(() => reviewApi.report(r.id, { conclusion: final, summary, version: r.version }))}>
          出具论证报告
        </Button>
      </View>
    </View>
  );
}

/** An expert invited to an alarm consultation: the panel's joint opinion on the handling measures. */
export function ConsultOpinion({ r, busy, act }: { r: ReviewDetail; busy: boolean; act: Act }) {
  const [text, setText] = useState('');
  const open = r.consultations.filter((c) => !c.opinion && (r.myConsultations ?? []).includes(c.id));
  return (
    <View>
      {open.map((c) => (
        <View key={c.id} className='card review-actions' id={`consult-${c.id}`}>
          <View className='review-section'>基坑报警研判：请提交专家联合意见</View>
          <View className='muted'>研判专家：{c.experts.join('、')}</View>
          <FormTextarea id='consult-text' className='review-input' value={text} maxlength={2000} placeholder='对处置措施的联合意见' onChange={setText} />
          <Button id='consult-submit' type='primary' className='btn-block' disabled={busy} onClick={() => void act(() => reviewApi.consultOpinion(r.id, c.id, text))}>
            提交联合意见
          </Button>
        </View>
      ))}
    </View>
  );
}
