import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatTime } from '../../../services/format';
import type { ExpertFull } from '../../../services/review/api';

export type LibraryAct = (f: () => Promise<ExpertFull>) => Promise<void>;
export type LibraryOps = {
  action: (b: { action: 'admit' | 'suspend' | 'reinstate' | 'remove' | 'yearly_review'; note: string; pass?: boolean }) => Promise<ExpertFull>;
  employer: (employer: string | null) => Promise<ExpertFull>;
};

const ACTION_WORDS: Record<string, string> = {
  'expert.apply': '提交入库申请', 'expert.admit': '入库', 'expert.import': '批量导入入库', 'expert.suspend': '暂停', 'expert.reinstate': '恢复',
  'expert.remove': '出库', 'expert.yearly_review': '年度考核', 'expert.record': '诚信记录', 'expert.employer': '变更工作单位',
};

/** What `expertAdmission` says of the record now: the keeper admits only an admissible applicant. */
function Admission({ e }: { e: ExpertFull }) {
  return (
    <View className={`lib-admission ${e.admission.admissible ? 'lib-good' : 'lib-bad'}`}>
      入库条件核验（职称 {e.title}，从业 {e.years} 年{e.richExperience ? '，有丰富经验' : ''}）：{e.admission.admissible ? '符合' : e.admission.reasons.join('；')}
    </View>
  );
}

/**
 * One expert as the library's keeper sees them: the record, the integrity entries and the yearly review, the
 * history with its reasons; the decisions the state allows (admit or refuse an application; suspend, reinstate,
 * remove with a reason; the yearly review) and the employer change (the draw's 回避 reads it).
 */
export function LibraryCard({ e, busy, act, ops }: { e: ExpertFull; busy: boolean; act: LibraryAct; ops: LibraryOps }) {
  const [note, setNote] = useState('');
  const [employer, setEmployer] = useState(e.employer ?? '');
  const run = (b: Parameters<LibraryOps['action']>[0]) => void act(() => ops.action(b));
  const btn = (cls: string, label: string, b: Parameters<LibraryOps['action']>[0], primary = false) => (
    <Button className={`lib-btn ${cls}`} size='small' type={primary ? 'primary' : 'default'} fill={primary ? 'solid' : 'outline'} disabled={busy} onClick={() => run(b)}>
      {label}
    </Button>
  );
  const now = new Date();
  return (
    <View className='card review-row lib-card' data-expert={e.id} data-state={e.state}>
      <View className='row'>
        <Text className='review-title lib-name'>{e.name}</Text>
        <View className='spacer' />
        <Text className={`review-state lib-state lib-state--${e.state}`}>{e.stateLabel}</Text>
      </View>
      <View className='review-sub'>
        {e.title} · 从业 <Text className='lib-nowrap'>{e.years} 年</Text> · {e.specialties.join('、')}
      </View>
      <View className='muted'>
        工作单位：<Text className='lib-employer-now'>{e.employer ?? '—'}</Text>
        {e.idNumberMasked ? ` · 身份证 ${e.idNumberMasked}` : ''}
      </View>
      <View className='muted'>
        参加论证 {e.reviewsSat} 次 · 年度考核：{e.lastYearlyReview ? <Text className='lib-nowrap'>{formatTime(e.lastYearlyReview, now)}</Text> : '尚未考核'}
      </View>
      {e.state === 'pending' ? <Admission e={e} /> : null}
      {e.integrity.length ? (
        <View className='lib-integrity'>
          <View className='review-section'>诚信记录</View>
          {e.integrity.map((x, i) => (
            <View key={i} className={`lib-entry ${x.kind === 'bad' ? 'lib-bad' : 'lib-good'}`}>
              <Text className='lib-nowrap'>{formatTime(x.at, now)}</Text> {x.kind === 'bad' ? '不良' : '良好'}：{x.note}
            </View>
          ))}
        </View>
      ) : null}
      <View className='lib-history'>
        {e.history.slice(-4).map((h, i) => (
          <View key={i} className='muted lib-entry'>
            <Text className='lib-nowrap'>{formatTime(h.at, now)}</Text> {ACTION_WORDS[h.action] ?? h.action}
            {h.reason ? `：${h.reason}` : ''}
          </View>
        ))}
      </View>
      {e.state !== 'removed' ? (
        <View className='lib-ops'>
          <Input className='text-input lib-note' placeholder='理由（暂停、恢复、出库、考核必填）' value={note} onInput={(x) => setNote(x.detail.value)} />
          <View className='lib-buttons'>
            {e.state === 'pending' ? btn('lib-admit', '准予入库', { action: 'admit', note }, true) : null}
            {e.state === 'pending' ? btn('lib-refuse', '不予入库', { action: 'remove', note: note.trim() ? `不予入库：${note.trim()}` : '' }) : null}
            {e.state === 'active' ? btn('lib-suspend', '暂停', { action: 'suspend', note }) : null}
            {e.state === 'suspended' ? btn('lib-reinstate', '恢复', { action: 'reinstate', note }, true) : null}
            {e.state !== 'pending' ? btn('lib-yearly-pass', '年度考核合格', { action: 'yearly_review', note, pass: true }) : null}
            {e.state !== 'pending' ? btn('lib-yearly-fail', '考核不合格', { action: 'yearly_review', note, pass: false }) : null}
            {e.state !== 'pending' ? btn('lib-remove', '出库', { action: 'remove', note }) : null}
          </View>
          {e.state !== 'pending' ? (
            <View className='row lib-employer-row'>
              <Input className='text-input lib-employer' placeholder='工作单位' value={employer} onInput={(x) => setEmployer(x.detail.value)} />
              <Button className='lib-employer-save' size='small' disabled={busy || employer.trim() === (e.employer ?? '')} onClick={() => void act(() => ops.employer(employer.trim() || null))}>
                变更单位
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
