import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { api } from '../../../../services/client';
import { pageParam } from '../../../../services/links';
import { bjTime } from '../../../../services/concrete/api';
import { PhotoPicker, type PhotoItem } from '../../../citizen/components/PhotoPicker';
import { ActionButton, Card, Choices, Field, Row, useLoaded } from '../../components/Bits';
import { FormError, useAction } from '../../../../components/useAction';
import { Qr } from '../../components/Qr';
import { concreteApi } from '../../concreteApi';
import '../../concrete.scss';

/** A ticket scanned by anyone: plant and its status, grade, volume, member, state, certificate — no people. */
function PublicTicket({ code }: { code: string }) {
  const r = useLoaded(() => api.code(code));
  const d = (r.data?.data ?? {}) as { plant?: string; plantStatus?: string; grade?: string; volumeM3?: number; member?: string; departAt?: string; certificateBlocked?: boolean };
  return (
    <Page>
      <LoadState error={r.error} loaded={!!r.data} />
      {r.data ? (
        <Card id='cc-public-ticket' title={r.data.title}>
          <View className='cc-sub'>{r.data.subtitle}</View>
          <Row label='搅拌站'>{`${d.plant} · ${d.plantStatus}`}</Row>
          <Row label='强度等级'>{d.grade}</Row>
          <Row label='方量'>{`${d.volumeM3} m³`}</Row>
          <Row label='浇筑部位'>{d.member}</Row>
          {d.departAt ? <Row label='出站时间'>{bjTime(d.departAt)}</Row> : null}
          <Row label='出厂合格证'><Text className={d.certificateBlocked ? 'cc-bad' : 'cc-good'}>{d.certificateBlocked ? '已冻结' : '正常'}</Text></Row>
        </Card>
      ) : null}
    </Page>
  );
}

/** 进场验收: arrival time (now), slump, a photo of one's own; accept or refuse the truck. */
function AcceptForm({ id, onDone }: { id: string; onDone: () => void }) {
  const [slump, setSlump] = useState('');
  const [note, setNote] = useState('');
  const [accept, setAccept] = useState<'yes' | 'no'>('yes');
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [uploading, setUploading] = useState(false);
  const act = useAction();
  const submit = () =>
    act.run(async () => {
      const s = Number(slump);
      if (!(s > 0)) throw new Error('请填写实测坍落度（mm）');
      if (uploading) throw new Error('照片上传中，请稍候');
      if (!photos.length) throw new Error('请拍摄进场照片');
      await concreteApi.accept(id, { slumpMm: s, photo: photos[0].sha256, arrivedAt: new Date().toISOString(), accept: accept === 'yes', ...(note.trim() ? { note: note.trim() } : {}) });
      onDone();
    });
  return (
    <Card title='进场验收' id='cc-accept'>
      <Field id='cc-accept-slump' type='digit' placeholder='实测坍落度（mm）' value={slump} onInput={setSlump} />
      <PhotoPicker idPrefix='cc-accept-photo' items={photos} onChange={setPhotos} onBusyChange={setUploading} max={1} api={concreteApi} addText='拍摄进场照片' />
      <Choices idPrefix='cc-accept-verdict' options={[{ value: 'yes', label: '验收' }, { value: 'no', label: '拒收' }]} value={accept} onChange={setAccept} />
      <Field id='cc-accept-note' placeholder='备注（选填）' value={note} onInput={setNote} />
      <act.Error id='cc-accept-error' />
      <ActionButton id='cc-accept-submit' busy={act.busy} onClick={() => void submit()}>提交验收</ActionButton>
    </Card>
  );
}

/** 留样自检 (the plant): the retained sample's strength for this delivery, once; compared with the lab's result. */
function SelfTestForm({ id, onDone }: { id: string; onDone: () => void }) {
  const [mpa, setMpa] = useState('');
  const [age, setAge] = useState('28');
  const act = useAction();
  const submit = () =>
    act.run(async () => {
      const m = Number(mpa);
      const a = Number(age);
      if (!(m > 0)) throw new FormError('自检强度应为大于 0 的数字（MPa）');
      if (!Number.isInteger(a) || a <= 0) throw new FormError('龄期应为正整数（天）');
      await concreteApi.selfTest(id, { strengthMPa: m, ageDays: a });
      onDone();
    });
  return (
    <Card title='留样自检结果' id='cc-selftest'>
      <Field id='cc-selftest-mpa' type='digit' placeholder='自检强度（MPa）' value={mpa} onInput={setMpa} />
      <Field id='cc-selftest-age' type='digit' placeholder='龄期（天）' value={age} onInput={setAge} />
      <View className='cc-sub'>录入后不能更改；与检测机构结果不一致时将自动立案。</View>
      <act.Error id='cc-selftest-error' />
      <ActionButton id='cc-selftest-submit' busy={act.busy} onClick={() => void submit()}>提交自检结果</ActionButton>
    </Card>
  );
}

/** 电子运输单: its QR (for the truck), the delivery, the acceptance by contractor and supervisor, the certificate. */
function TicketDesk({ id }: { id: string }) {
  const t = useLoaded(() => concreteApi.ticket(id));
  const qr = useLoaded(() => concreteApi.ticketQr(id));
  if (!t.data) return <Page><LoadState error={t.error} loaded={false} /></Page>;
  const x = t.data.data;
  return (
    <Page>
      <Card title={`${x.plantName} ${x.grade} ${x.volumeM3} m³`}>
        <Row label='状态'><Text id='cc-ticket-state' className='cc-pill'>{x.stateLabel}</Text></Row>
        <Row label='浇筑部位'>{x.member}</Row>
        <Row label='出站时间'>{bjTime(x.departAt)}</Row>
        <Row label='施工单位验收'><Text id='cc-ticket-contractor'>{x.acceptance.contractor ? '已验收' : '待验收'}</Text></Row>
        <Row label='监理单位验收'><Text id='cc-ticket-supervisor'>{x.acceptance.supervisor ? '已验收' : '待验收'}</Text></Row>
        {x.selfTestMPa !== null ? <Row label='留样自检'><Text id='cc-ticket-selftest'>{`${x.selfTestMPa} MPa`}</Text></Row> : null}
        <Row label='出厂合格证'><Text className={x.certificateBlocked ? 'cc-bad' : 'cc-good'}>{x.certificateBlocked ? '已冻结' : '正常'}</Text></Row>
      </Card>
      <Card title='运输单二维码（随车）'>
        {qr.data ? <Qr id='cc-ticket-qr' qr={qr.data} /> : <LoadState error={qr.error} loaded={false} />}
        <View className='cc-sub cc-code' id='cc-ticket-code'>{x.codeUrl}</View>
      </Card>
      {t.data.policies?.accept ? <AcceptForm id={id} onDone={() => void t.reload()} /> : null}
      {t.data.policies?.selfTest ? <SelfTestForm id={id} onDone={() => void t.reload()} /> : null}
    </Page>
  );
}

export default function ConcreteTicketPage() {
  const params = useRouter().params;
  const code = pageParam(params.code);
  if (code) return <PublicTicket code={code} />;
  return <TicketDesk id={pageParam(params.id)} />;
}
