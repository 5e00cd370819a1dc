import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { useRecordLoader } from '../../../../components/useRecordLoader';
import { pageParam } from '../../../../services/links';
import { isWeapp, navigateTo } from '../../../../services/adapters/taro';
import { FIRE_PAGES, type FireProjectDetail } from '../../../../services/fire/api';
import { ActionButton, Card, Field, Row } from '../../components/FireBits';
import { FormError, useAction } from '../../../../components/useAction';
import { PhotoPicker, type PhotoItem } from '../../../citizen/components/PhotoPicker';
import { fireApi } from '../../fireApi';
import '../../fire.scss';

/** Beijing month-day hour:minute of an ISO time. */
const hm = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(5, 16).replace('T', ' ');
const EMPTY = { system: '', item: '', value: '', limit: '', verdict: '合格', instrumentId: '' };

/**
 * 检测项目: the plan and its team; for the team, check-in, instrument scans and records on site; the report drafted
 * by the project lead and signed by the technical lead; for the regulator, the 消防验收 results to cross-check.
 */
export default function FireProjectPage() {
  const id = pageParam(useRouter().params.id);
  const [p, setP] = useState<FireProjectDetail | null>(null);
  const [code, setCode] = useState('');
  const [rec, setRec] = useState(EMPTY);
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [uploading, setUploading] = useState(false);
  const [seals, setSeals] = useState({ practiceSeals: false, agencySeal: false });
  const [acc, setAcc] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const { error, load } = useRecordLoader(id, '缺少项目编号', async (key) => setP(await fireApi.project(key)));
  const act = useAction();
  const done = (msg: string) => async () => {
    setNotice(msg);
    await load();
  };
  if (!p) return <Page><LoadState error={error} loaded={false} /></Page>;
  const me = p.me;
  const lead = me === '项目负责人';
  const tech = me === '技术负责人';
  const onTeam = !!me;
  // one system in scope needs no choosing
  const system = rec.system || (p.systems.length === 1 ? p.systems[0] : '');
  const draft = p.reports.find((r) => r.state === 'draft');
  const scanned = p.instruments.filter((i) => p.scans.some((s) => s.instrumentId === i.id));
  const scan = async () => {
    let c = code;
    if (isWeapp()) c = (await Taro.scanCode({ onlyFromCamera: true })).result;
    await fireApi.scan(p.id, c);
    setCode('');
  };

  return (
    <Page>
      <Card title={p.building.name}>
        <Row label='状态'><Text className='fire-pill' id='fire-project-state'>{p.stateLabel}</Text></Row>
        <Row label='地址'>{p.building.address}</Row>
        <Row label='检测机构'>{p.agencyName}</Row>
        <Row label='检测日期'>{p.testDate}</Row>
        <Row label='检测系统'>{p.systems.join('、')}</Row>
      </Card>
      <Card title='检测人员'>
        {p.team.map((m) => <Row key={m.name + m.siteRole} label={m.siteRole}>{`${m.name} ${m.registrationNo ?? m.certificateNo ?? ''}`}</Row>)}
      </Card>
      <Card title='到场签到'>
        {p.presence.length === 0 ? <View className='fire-sub'>暂无签到</View> : null}
        {p.presence.map((s, i) => <Row key={i} label={`${s.name}（${s.role}）`}><Text className={s.inGeofence && s.faceMatch ? 'fire-good' : 'fire-bad'}>{`${hm(s.from)}${s.inGeofence && s.faceMatch ? '' : ' 无效'}`}</Text></Row>)}
        {onTeam && p.state !== 'reported' ? (
          <View className='fire-actions'>
            <Button id='fire-checkin' type='primary' onClick={() => navigateTo(FIRE_PAGES.checkin(p.id, 'in'))}>人脸签到</Button>
            <Button id='fire-checkout' onClick={() => navigateTo(FIRE_PAGES.checkin(p.id, 'out'))}>签退</Button>
          </View>
        ) : null}
      </Card>
      <Card title='检测仪器'>
        {p.instruments.map((i) => <Row key={i.id} label={`${i.type} ${i.serial}`}>{`${p.scans.some((s) => s.instrumentId === i.id) ? '已扫码 · ' : ''}有效期至 ${i.validUntil}`}</Row>)}
        {onTeam && p.state === 'testing' ? (
          <>
            {!isWeapp() ? <Field id='fire-scan-code' placeholder='仪器标签二维码内容' value={code} onInput={setCode} /> : null}
            <ActionButton id='fire-scan' busy={act.busy} onClick={() => act.run(async () => { await scan(); await done('仪器核验通过')(); })}>扫码核验仪器</ActionButton>
          </>
        ) : null}
      </Card>
      {lead && p.state === 'planned' ? (
        <Card><ActionButton id='fire-start' busy={act.busy} onClick={() => act.run(async () => { await fireApi.start(p.id, p.version); await done('检测已开始')(); })}>开始检测</ActionButton></Card>
      ) : null}
      {onTeam && p.state === 'testing' ? (
        <Card title='记录检测项'>
          <View className='fire-actions'>
            {p.systems.map((s) => <Button key={s} id={`fire-rec-system-${s}`} size='small' type={system === s ? 'primary' : 'default'} onClick={() => setRec({ ...rec, system: s })}>{s}</Button>)}
          </View>
          <Field id='fire-rec-item' placeholder='检测项目（如：栓口静压）' value={rec.item} onInput={(v) => setRec({ ...rec, item: v })} />
          <Field id='fire-rec-value' placeholder='实测值' value={rec.value} onInput={(v) => setRec({ ...rec, value: v })} />
          <Field id='fire-rec-limit' placeholder='标准要求' value={rec.limit} onInput={(v) => setRec({ ...rec, limit: v })} />
          <View className='fire-actions'>
            {['合格', '不合格'].map((v) => <Button key={v} id={`fire-verdict-${v}`} size='small' type={rec.verdict === v ? 'primary' : 'default'} onClick={() => setRec({ ...rec, verdict: v })}>{v}</Button>)}
            {scanned.map((i) => <Button key={i.id} id={`fire-rec-instrument-${i.serial}`} size='small' type={rec.instrumentId === i.id ? 'primary' : 'default'} onClick={() => setRec({ ...rec, instrumentId: rec.instrumentId === i.id ? '' : i.id })}>{i.type}</Button>)}
          </View>
          <View className='fire-sub'>现场照片（如火灾报警控制器打印记录）</View>
          <PhotoPicker idPrefix='fire-rec-photo' items={photos} onChange={setPhotos} onBusyChange={setUploading} api={fireApi} addText='拍照/相册' />
          <ActionButton id='fire-record' busy={act.busy || uploading} onClick={() => act.run(async () => {
            if (!system) throw new FormError('请先选择检测的消防系统');
            if (uploading) throw new FormError('照片正在上传，请稍候');
            await fireApi.record(p.id, { ...rec, system, instrumentId: rec.instrumentId || undefined, photos: photos.map((x) => x.sha256) });
            setRec({ ...EMPTY, system });
            setPhotos([]);
            await done('已记录')();
          })}>保存记录</ActionButton>
        </Card>
      ) : null}
      <Card title={`检测记录（${p.records.length}）`}>
        {p.records.map((r) => <Row key={r.id} label={`${r.system} · ${r.item}`}><Text className={r.verdict === '不合格' ? 'fire-bad' : 'fire-good'}>{`${r.value}（${r.limit}）${r.verdict}${r.photos.length ? ` · ${r.photos.length} 张照片` : ''}`}</Text></Row>)}
      </Card>
      <Card title='检测报告'>
        {p.reports.map((r) => <Row key={r.id} label={`${r.number}（${r.stateLabel}）`}><Text className={r.conclusion === '不合格' ? 'fire-bad' : 'fire-good'}>{`结论 ${r.conclusion} · 校验码 ${r.checkCode}`}</Text></Row>)}
        {lead && !draft && p.records.length > 0 && p.state !== 'planned' ? (
          <ActionButton id='fire-draft' busy={act.busy} onClick={() => act.run(async () => { await fireApi.draftReport(p.id); await done('报告已生成，待技术负责人签发')(); })}>{p.state === 'reported' ? '生成更正报告' : '生成报告并签名'}</ActionButton>
        ) : null}
        {tech && draft ? (
          <>
            <View className='fire-actions'>
              <Button id='fire-seal-practice' size='small' type={seals.practiceSeals ? 'primary' : 'default'} onClick={() => setSeals({ ...seals, practiceSeals: !seals.practiceSeals })}>加盖执业印章</Button>
              <Button id='fire-seal-agency' size='small' type={seals.agencySeal ? 'primary' : 'default'} onClick={() => setSeals({ ...seals, agencySeal: !seals.agencySeal })}>加盖机构印章</Button>
            </View>
            <ActionButton id='fire-issue' busy={act.busy} onClick={() => act.run(async () => { await fireApi.issue(draft.id, { ...seals, version: draft.version }); await done('报告已签发')(); })}>签名并签发</ActionButton>
          </>
        ) : null}
      </Card>
      {!onTeam && p.state === 'reported' ? (
        <Card title='消防验收结果'>
          {p.systems.map((s) => (
            <View key={s} className='fire-row'>
              <Text>{s}</Text>
              <View className='fire-actions'>
                {['合格', '不合格'].map((v) => <Button key={v} id={`fire-acc-${p.systems.indexOf(s)}-${v}`} size='small' type={acc[s] === v ? 'primary' : 'default'} onClick={() => setAcc({ ...acc, [s]: v })}>{v}</Button>)}
              </View>
            </View>
          ))}
          <ActionButton id='fire-acceptance' busy={act.busy} onClick={() => act.run(async () => {
            const r = await fireApi.acceptance({ projectId: p.id, acceptedAt: new Date().toISOString().slice(0, 10), items: acc });
            await done(r.suspectedFalseReport ? `疑似虚假报告：${r.conflictingItems.join('、')}，已立案调查` : '验收结果与检测报告一致')();
          })}>录入验收结果并比对</ActionButton>
        </Card>
      ) : null}
      <Card title='预警事件'>
        {p.events.map((e) => <Row key={e.id} label={e.title}><Text className='fire-pill' onClick={() => navigateTo(FIRE_PAGES.event(e.id))}>{e.stateLabel}</Text></Row>)}
      </Card>
      <act.Error />
      {notice ? <View className='fire-card fire-good' id='fire-notice'>{notice}</View> : null}
    </Page>
  );
}
