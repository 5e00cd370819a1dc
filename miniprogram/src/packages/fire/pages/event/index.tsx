import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { useRecordLoader } from '../../../../components/useRecordLoader';
import { pageParam } from '../../../../services/links';
import { navigateTo } from '../../../../services/adapters/taro';
import { session } from '../../../../services/client';
import { FIRE_PAGES, deadlineIn, type FireCaseView, type FireEventDetail } from '../../../../services/fire/api';
import { ActionButton, Card, Field, Row } from '../../components/FireBits';
import { useAction } from '../../../../components/useAction';
import { CasePhotos } from '../../../citizen/components/CasePhotos';
import { fireApi } from '../../fireApi';
import '../../fire.scss';

/**
 * One event, drilled down: what happened, the project's records and report, the acceptance results and the
 * investigation; the regulator sends a notice with a deadline and closes it, the agency replies.
 */
export default function FireEventPage() {
  const id = pageParam(useRouter().params.id);
  const [e, setE] = useState<FireEventDetail | null>(null);
  const [text, setText] = useState('');
  const { error, load } = useRecordLoader(id, '缺少事件编号', async (key) => setE(await fireApi.event(key)));
  const act = useAction();
  if (!e) return <Page><LoadState error={error} loaded={false} /></Page>;
  const roles = session.getUser()?.roles ?? [];
  const regulator = roles.some((r) => r.role === 'regulator');
  const agency = roles.some((r) => r.role === 'agency' && r.orgId === e.agencyId);
  const go = (f: () => Promise<unknown>) => act.run(async () => { await f(); setText(''); await load(); });
  return (
    <Page>
      <Card title={e.title}>
        <Row label='状态'><Text className='fire-pill' id='fire-event-state'>{e.stateLabel}</Text></Row>
        <Row label='严重程度'>{e.severityLabel}</Row>
        <Row label='检测机构'><Text onClick={() => navigateTo(FIRE_PAGES.agency(e.agencyId))}>{e.agencyName}</Text></Row>
        <View className='fire-sub' id='fire-event-detail'>{e.detail}</View>
      </Card>
      {e.project ? (
        <Card title={`检测记录 · ${e.project.building.name}`}>
          {e.project.records.map((r) => (
            <View key={r.id}>
              <Row label={`${r.system} · ${r.item}`}><Text className={r.verdict === '不合格' ? 'fire-bad' : ''}>{`${r.value} ${r.verdict}（${r.byName}${r.photos.length ? ` · ${r.photos.length} 张照片` : ''}）`}</Text></Row>
              {r.photos.length ? <CasePhotos shas={r.photos} className='fire-record-photos' /> : null}
            </View>
          ))}
          <Row label='项目详情'><Text className='fire-pill' onClick={() => navigateTo(FIRE_PAGES.project(e.project!.id))}>查看</Text></Row>
        </Card>
      ) : null}
      {e.report ? <Card title={`报告 ${e.report.number}`}><Row label='结论'>{e.report.conclusion}</Row><Row label='状态'>{e.report.stateLabel}</Row><Row label='签发'>{`${e.report.signatures.projectLead ?? ''} / ${e.report.signatures.techLead ?? ''}`}</Row></Card> : null}
      {e.case ? <CaseCard c={e.case} regulator={regulator} onDone={load} /> : null}
      {e.notice ? <Card title='处置通知'><View className='fire-sub'>{e.notice.text}</View><Row label='期限'>{e.notice.deadline.slice(0, 10)}</Row>{e.notice.escalated ? <View className='fire-bad'>已逾期升级督办</View> : null}</Card> : null}
      {e.replies.map((r, i) => <Card key={i} title='机构回复'><View className='fire-sub'>{r.text}</View></Card>)}
      {e.conclusion ? <Card title='办结结论'><View className='fire-sub'>{e.conclusion}</View></Card> : null}
      {(regulator && e.state !== 'closed') || (agency && e.state === 'noticed') ? (
        <Card title={agency && !regulator ? '回复处置通知' : '处置'}>
          <Field id='fire-event-text' placeholder={agency && !regulator ? '整改情况' : '通知内容或办结结论'} value={text} onInput={setText} />
          {regulator && (e.state === 'open' || e.state === 'replied') ? <ActionButton id='fire-notice-send' busy={act.busy} onClick={() => go(() => fireApi.notice(e.id, { text, deadline: deadlineIn(7, new Date()), version: e.version }))}>发处置通知（7 天内回复）</ActionButton> : null}
          {agency && e.state === 'noticed' ? <ActionButton id='fire-reply' busy={act.busy} onClick={() => go(() => fireApi.reply(e.id, { text, version: e.version }))}>提交回复</ActionButton> : null}
          {regulator ? <ActionButton id='fire-close' type='default' busy={act.busy} onClick={() => go(() => fireApi.close(e.id, { text, version: e.version }))}>办结</ActionButton> : null}
          <act.Error />
        </Card>
      ) : null}
    </Page>
  );
}

/**
 * The investigation of a suspected false report: what conflicts, who signed, the credit lost; the regulator records
 * the findings and the penalty (应急管理部令第7号 / 消防法 art. 69) once.
 */
function CaseCard({ c, regulator, onDone }: { c: FireCaseView; regulator: boolean; onDone: () => Promise<unknown> }) {
  const [findings, setFindings] = useState('');
  const [penalty, setPenalty] = useState('');
  const act = useAction();
  const decide = () => act.run(async () => {
    await fireApi.decideCase(c.id, { findings, penalty, version: c.version });
    setFindings('');
    setPenalty('');
    await onDone();
  });
  return (
    <Card title='立案调查' id='fire-case'>
      <Row label='状态'><Text className='fire-pill' id='fire-case-state'>{c.stateLabel}</Text></Row>
      <Row label='冲突项目'>{c.conflictingItems.join('、')}</Row>
      <Row label='签发工程师'>{c.signingEngineer ? `${c.signingEngineer.name} ${c.signingEngineer.registrationNo ?? ''}` : '—'}</Row>
      <Row label='信用扣分'>{String(c.creditDelta)}</Row>
      {c.findings ? <Row label='调查结论' id='fire-case-findings'>{c.findings}</Row> : null}
      {c.penalty ? <Row label='处罚' id='fire-case-penalty'>{c.penalty}</Row> : null}
      {regulator && c.state === 'investigating' ? (
        <>
          <Field id='fire-case-findings-input' placeholder='调查结论（至少 4 个字）' value={findings} onInput={setFindings} />
          <Field id='fire-case-penalty-input' placeholder='处罚决定，如 依据消防法第六十九条责令改正、罚款' value={penalty} onInput={setPenalty} />
          <ActionButton id='fire-case-decide' busy={act.busy} onClick={decide}>记录调查结论与处罚</ActionButton>
          <act.Error />
        </>
      ) : null}
    </Card>
  );
}
