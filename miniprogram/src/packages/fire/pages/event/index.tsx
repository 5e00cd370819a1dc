import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { useRecordLoader } from '../../../../components/useRecordLoader';
import { pageParam } from '../../../../services/links';
import { navigateTo } from '../../../../services/adapters/taro';
import { session } from '../../../../services/client';
import { FIRE_PAGES, deadlineIn, type FireEventDetail } from '../../../../services/fire/api';
import { ActionButton, Card, Field, Row, useAction } from '../../components/FireBits';
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
      {e.case ? <Card title='立案调查'><Row label='冲突项目'>{e.case.conflictingItems.join('、')}</Row><Row label='签发工程师'>{e.case.signingEngineer ? `${e.case.signingEngineer.name} ${e.case.signingEngineer.registrationNo ?? ''}` : '—'}</Row><Row label='信用扣分'>{String(e.case.creditDelta)}</Row></Card> : null}
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
