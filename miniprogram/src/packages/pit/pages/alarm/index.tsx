import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Switch } from '@nutui/nutui-react-taro';
import { useLoad, useRouter } from '@tarojs/taro';
import { ErrorText, Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { ActionButtons } from '../../../../components/ActionButtons';
import { FormButtons } from '../../../../components/FormButtons';
import { FormTextarea } from '../../../../components/FormTextarea';
import { KvItem } from '../../../../components/KvItem';
import { useFormSubmit } from '../../../../components/useFormSubmit';
import { useRecordWithPolicies } from '../../../../components/useRecordLoader';
import { formatTime } from '../../../../services/format';
import { ALARM_KIND_LABELS, ALARM_STATUS_LABELS, actorText, alarmDeadline, eventLabel, formatPercent, formatValue, itemUnits, levelLabel, rateParts } from '../../../../services/pit/view-model';
import { PIT_PAGES, type AlarmAction, type AlarmStatus, type PitAlarmDetail, type PitAlarmEvent } from '../../../../services/pit/api';
import { actionSpec, validateAction, visibleActions } from '../../../../services/pit/form-rules';
import { pageParam } from '../../../../services/links';
import { navigateTo, toast } from '../../../../services/adapters/taro';
import { scrollToTop } from '../../../../services/adapters/pit-media';
import { resetScroll } from '../../../../services/adapters/city-device';
import { PhotoPicker, type PhotoItem } from '../../../citizen/components/PhotoPicker';
import { CasePhotos } from '../../../citizen/components/CasePhotos';
import { RateUnjudgedNote } from '../../components/RateUnjudgedNote';
import { LevelBadge } from '../../components/LevelBadge';
import { Qty } from '../../components/Qty';
import { Deadline } from '../../components/Deadline';
import { LoginGate } from '../../components/LoginGate';
import { AlarmExpertReview } from '../../components/AlarmExpertReview';
import { pitApi } from '../../pitApi';
import '../../pit.scss';
import './index.scss';
import { ALARM_NOTE_MAX } from '@cityloop/shared/pit/pit.limits';

const statusText = (s: string | undefined) => (s ? (ALARM_STATUS_LABELS[s as AlarmStatus] ?? s) : '');

/** One trail entry: who (role), when, what, the note, the evidence photos, and for system entries the reading. */
function TrailEvent({ e, unit, now }: { e: PitAlarmEvent; unit: string; now: Date }) {
  // System entries come with actor 系统 (role absent or `system`); a person's entry may lack a role (危险报警).
  const system = e.actor === '系统' || e.role === 'system';
  const data = e.data ?? {};
  const reading =
    typeof data.value === 'number' ? (
      <>
        监测值 <Qty text={formatValue(data.value, unit)} />
        {typeof data.level === 'string' ? ` · ${levelLabel(data.level)}` : ''}
      </>
    ) : null;
  return (
    <View className='alarm-event' data-action={e.action}>
      <View className={`alarm-event-dot${system ? ' alarm-event-dot--system' : ''}`} />
      <View className='alarm-event-head'>
        {eventLabel(e.action)}
        {e.to && e.from !== e.to ? <Text className='muted'>{`  → ${statusText(e.to)}`}</Text> : null}
      </View>
      <View className='alarm-event-who'>
        <Text className='alarm-event-actor'>{system ? '系统' : actorText(e.actor, e.role)}</Text> · <Text className='alarm-event-time'>{formatTime(e.at, now)}</Text>
      </View>
      {reading ? <View className='alarm-event-who'>{reading}</View> : null}
      {e.note ? <View className='alarm-event-note'>{e.note}</View> : null}
      {e.evidence.length ? (
        <View className='alarm-event-evidence' data-count={e.evidence.length}>
          <View className='alarm-event-evidence-title'>证据照片 {e.evidence.length} 张（点击查看大图）</View>
          <CasePhotos shas={e.evidence} />
        </View>
      ) : null}
    </View>
  );
}

/** The deadline of the step the alarm waits for (or when it was archived), red once passed. */
function DeadlineItem({ alarm, now }: { alarm: PitAlarmDetail; now: Date }) {
  const d = alarmDeadline(alarm, now);
  return (
    <KvItem classPrefix='pit' label={d.label}>
      <Deadline id='alarm-deadline' deadline={d} now={now} />
      {alarm.escalated ? <Text className='muted pit-nowrap'>（已督办）</Text> : null}
    </KvItem>
  );
}

/** 报警详情: what, where, how far over control, the whole trail, and the actions the server allows. */
export default function PitAlarmPage() {
  const id = pageParam(useRouter().params.id);
  const { data: alarm, policies, error, load, retry } = useRecordWithPolicies<PitAlarmDetail>(id, '缺少报警编号', (key) => pitApi.alarm(key));
  // H5 pages share the window's scroll: opened from a scrolled page (the danger form), start at the top.
  useLoad(resetScroll);
  const { busy, formError, setFormError, send, edited } = useFormSubmit<AlarmAction>(load);
  const submitting = busy !== null;
  const [action, setAction] = useState<AlarmAction | null>(null);
  const [note, setNote] = useState('');
  const [evidence, setEvidence] = useState<PhotoItem[]>([]);
  const [uploading, setUploading] = useState(false);
  const [acknowledged, setAcknowledged] = useState(false);

  const openForm = (a: AlarmAction) => {
    setAction(a === action ? null : a);
    setFormError(null);
  };

  const closeForm = () => {
    setAction(null);
    setNote('');
    setEvidence([]);
    setAcknowledged(false);
    setFormError(null);
  };

  const submit = async () => {
    if (!alarm || !action || submitting) return;
    if (uploading) {
      setFormError('照片仍在上传，请稍候');
      return;
    }
    const invalid = validateAction(action, note, evidence.length, alarm.kind);
    if (invalid) {
      setFormError(invalid);
      return;
    }
    const overLimitArchive = action === 'archive' && !!alarm.overLimitNow;
    if (overLimitArchive && !acknowledged) {
      setFormError('测点仍超限：请在说明中写明销警原因，并勾选确认');
      return;
    }
    await send(action, async () => {
      await pitApi.act(alarm.id, { action, note: note.trim(), evidence: evidence.map((x) => x.sha256), version: alarm.version, ...(overLimitArchive ? { acknowledgeOverLimit: true } : {}) });
      toast(`${actionSpec(action).title}已提交`, 'success');
      closeForm();
      await load();
      scrollToTop();
    });
  };

  const a = alarm;
  const now = new Date();
  const actions = visibleActions(policies);
  const spec = action ? actionSpec(action) : null;
  const units = a ? itemUnits(a.item) : { unit: '', rateUnit: '' };

  return (
    <Page className='pit-alarm-page'>
      <LoginGate>
        <LoadState error={error} loaded={!!a} onRetry={retry} />
        {a ? (
          <View>
            <View className='card' id='alarm-summary' data-level={a.level} data-status={a.status}>
              <View className='row'>
                {a.kind === 'suspect_data' ? null : <LevelBadge level={a.level} label={a.levelLabel} />}
                <Text className='muted alarm-kind'>{ALARM_KIND_LABELS[a.kind] ?? a.kind}</Text>
                <View className='spacer' />
                <Text id='alarm-status' className={`alarm-status alarm-status--${a.status}`} data-status={a.status}>
                  {a.statusLabel || statusText(a.status)}
                </Text>
              </View>
              <View
                id='alarm-project'
                className='pit-title'
                style={{ marginTop: '8px' }}
                onClick={() => void navigateTo(PIT_PAGES.project(a.projectId)).catch(() => undefined)}
              >
                {a.projectName}
              </View>
              <View className='pit-sub'>
                {a.kind === 'suspect_data' ? '数据 ' : '测点 '}
                <Text className='pit-strong'>{a.point}</Text>
                {a.kind === 'threshold' ? ` · ${a.itemLabel}` : ''}
              </View>
              {a.description ? <View className='alarm-description'>{a.description}</View> : null}
              {a.value !== undefined && a.value !== null ? (
                <View className='pit-kv'>
                  <KvItem classPrefix='pit' label='监测值' id='alarm-value'>
                    <Qty text={formatValue(a.value, units.unit)} />
                  </KvItem>
                  <KvItem classPrefix='pit' label='控制值'>
                    <Qty text={formatValue(a.control, units.unit)} />
                  </KvItem>
                  <KvItem classPrefix='pit' label='占控制值' id='alarm-ratio'>
                    {formatPercent(a.ratio)}
                  </KvItem>
                  <KvItem classPrefix='pit' label='变化速率' id='alarm-rate'>
                    <Qty {...rateParts(a, units.rateUnit)} />
                  </KvItem>
                </View>
              ) : null}
              {a.kind === 'threshold' ? <RateUnjudgedNote rows={[a]} id='alarm-rate-note' /> : null}
              <View className='pit-kv'>
                <KvItem classPrefix='pit' label='报警时间' id='alarm-created'>
                  <Text className='pit-nowrap'>{formatTime(a.createdAt, now)}</Text>
                </KvItem>
                {a.levelRaisedAt ? (
                  <KvItem classPrefix='pit' label={`升级为${a.levelLabel ?? levelLabel(a.level)}`} id='alarm-level-raised'>
                    <Text className='pit-nowrap'>{formatTime(a.levelRaisedAt, now)}</Text>
                  </KvItem>
                ) : null}
                <DeadlineItem alarm={a} now={now} />
              </View>
              {a.overLimitNow ? (
                <View id='alarm-over-limit' className='alarm-over-limit'>
                  测点当前读数仍超控制值：{a.overLimitNow.levelLabel}
                  {a.overLimitNow.ratio !== null ? `（占控制值 ${formatPercent(a.overLimitNow.ratio)}）` : ''}
                  {a.status === 'archived' ? '，报警已销警，监管部门可重新打开' : ''}
                </View>
              ) : null}
              {a.kind === 'threshold' ? (
                <View className='pit-sub' onClick={() => void navigateTo(PIT_PAGES.point(a.projectId, a.point)).catch(() => undefined)}>
                  <Text id='alarm-open-curve' style={{ color: '#1f5fbf' }}>
                    查看测点曲线 ›
                  </Text>
                </View>
              ) : null}
            </View>

            {actions.length ? <ActionButtons idPrefix='alarm' classPrefix='pit' actions={actions} open={action} onOpen={openForm} /> : null}

            {spec ? (
              <View id='alarm-form' className='card' data-action={spec.action}>
                <View className='alarm-form-title'>{spec.title}</View>
                <View className='pit-form-label'>{spec.action === 'handle' ? '处置措施' : spec.minNote ? '说明' : '说明（选填）'}</View>
                <FormTextarea id='alarm-note' className='pit-textarea' value={note} maxlength={ALARM_NOTE_MAX} placeholder={spec.placeholder} onChange={edited(setNote)} />
                {spec.needsEvidence ? (
                  <View>
                    <View className='pit-form-label'>{a.kind === 'suspect_data' ? '现场照片（选填）' : '现场照片（必传）'}</View>
                    <PhotoPicker idPrefix='pit-evidence' api={pitApi} tileClass='pit-evidence-thumb' items={evidence} onChange={edited(setEvidence)} onBusyChange={setUploading} />
                  </View>
                ) : null}
                {spec.action === 'archive' && a.overLimitNow ? (
                  <View className='alarm-ack'>
                    <View className='alarm-ack-text'>该测点仍超控制值。销警需写明原因，监管部门将收到通知并可重新打开。</View>
                    <View className='row'>
                      <Switch id='alarm-ack' checked={acknowledged} onChange={(v) => setAcknowledged(v)} />
                      <Text className='alarm-ack-label'>我已知悉测点仍超限，确认销警</Text>
                    </View>
                  </View>
                ) : null}
                <ErrorText message={formError} />
                <FormButtons classPrefix='alarm' submitId='alarm-submit' submitting={submitting} disabled={uploading} onCancel={closeForm} onSubmit={() => void submit()}>
                  提交{spec.label}
                </FormButtons>
              </View>
            ) : null}

            {a.undelivered?.length ? (
              <View id='alarm-undelivered' className='card'>
                {a.undelivered.map((u) => (
                  <View key={`${u.at}-${u.to ?? ''}`} className='alarm-description'>
                    {u.note ?? `短信未送达${u.why ? `：${u.why}` : ''}`}
                  </View>
                ))}
              </View>
            ) : null}

            <AlarmExpertReview alarmId={a.id} level={a.level} onConsulted={() => void load()} />
            <View className='section-title'>处置记录（全程留痕）</View>
            <View id='alarm-trail' className='card alarm-trail'>
              {a.history.map((e) => (
                <TrailEvent key={e.id} e={e} unit={units.unit} now={now} />
              ))}
            </View>
          </View>
        ) : null}
      </LoginGate>
    </Page>
  );
}
