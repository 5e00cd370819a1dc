import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { session } from '../../../../services/client';
import { errorMessage, isApiError } from '../../../../services/api';
import { formatTime } from '../../../../services/format';
import {
  ALARM_KIND_LABELS,
  ALARM_STATUS_LABELS,
  PIT_PAGES,
  actionSpec,
  actorText,
  eventLabel,
  formatPercent,
  formatRate,
  formatValue,
  itemUnits,
  levelLabel,
  pageParam,
  validateAction,
  visibleActions,
  type AlarmAction,
  type AlarmStatus,
  type PitAlarmDetail,
  type PitAlarmEvent,
} from '../../../../services/pit';
import { navigateTo, stopPullDownRefresh, toast } from '../../../../services/adapters/taro';
import { scrollToTop } from '../../../../services/adapters/pit-media';
import { PhotoPicker, type PhotoItem } from '../../../citizen/components/PhotoPicker';
import { LevelBadge } from '../../components/LevelBadge';
import { LoginGate } from '../../components/LoginGate';
import { pitApi } from '../../pitApi';
import '../../pit.scss';
import './index.scss';

const statusText = (s: string | undefined) => (s ? (ALARM_STATUS_LABELS[s as AlarmStatus] ?? s) : '');

/** One trail entry: who (role), when, what, the note, the evidence count, and for system entries the reading. */
function TrailEvent({ e, unit, now }: { e: PitAlarmEvent; unit: string; now: Date }) {
  // System entries come with actor 系统 (role absent or `system`); a person's entry may lack a role (危险报警).
  const system = e.actor === '系统' || e.role === 'system';
  const data = e.data ?? {};
  const reading = typeof data.value === 'number' ? `监测值 ${formatValue(data.value as number, unit)}${typeof data.level === 'string' ? ` · ${levelLabel(data.level)}` : ''}` : null;
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
          附证据照片 {e.evidence.length} 张
        </View>
      ) : null}
    </View>
  );
}

/** 报警详情: what, where, how far over control, the whole trail, and the actions the server allows. */
export default function PitAlarmPage() {
  const id = pageParam(useRouter().params.id);
  const [alarm, setAlarm] = useState<PitAlarmDetail | null>(null);
  const [policies, setPolicies] = useState<Record<string, boolean>>({});
  const [error, setError] = useState<string | null>(null);
  const [action, setAction] = useState<AlarmAction | null>(null);
  const [note, setNote] = useState('');
  const [evidence, setEvidence] = useState<PhotoItem[]>([]);
  const [uploading, setUploading] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const load = async () => {
    if (!session.isLoggedIn()) return;
    if (!id) {
      setError('缺少报警编号');
      return;
    }
    setError(null);
    try {
      const r = await pitApi.alarm(id);
      setAlarm(r.data);
      setPolicies(r.policies);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));

  const openForm = (a: AlarmAction) => {
    setAction(a === action ? null : a);
    setFormError(null);
  };

  const closeForm = () => {
    setAction(null);
    setNote('');
    setEvidence([]);
    setFormError(null);
  };

  const submit = async () => {
    if (!alarm || !action || submitting) return;
    if (uploading) {
      setFormError('照片仍在上传，请稍候');
      return;
    }
    const invalid = validateAction(action, note, evidence.length);
    if (invalid) {
      setFormError(invalid);
      return;
    }
    setSubmitting(true);
    setFormError(null);
    try {
      await pitApi.act(alarm.id, { action, note: note.trim(), evidence: evidence.map((x) => x.sha256), version: alarm.version });
      toast(`${actionSpec(action).title}已提交`, 'success');
      closeForm();
      await load();
      scrollToTop();
    } catch (e) {
      setFormError(errorMessage(e));
      // Someone else acted meanwhile: show the fresh state (the form keeps what was typed).
      if (isApiError(e) && (e.code === 'stale_version' || e.code === 'invalid_transition')) void load();
    } finally {
      setSubmitting(false);
    }
  };

  const a = alarm;
  const now = new Date();
  const actions = visibleActions(policies);
  const spec = action ? actionSpec(action) : null;
  const units = a ? itemUnits(a.item) : { unit: '', rateUnit: '' };

  return (
    <Page className='pit-alarm-page'>
      <LoginGate>
        <LoadState error={error} loaded={!!a} onRetry={() => void load()} />
        {a ? (
          <View>
            <View className='card' id='alarm-summary' data-level={a.level} data-status={a.status}>
              <View className='row'>
                <LevelBadge level={a.level} label={a.levelLabel} />
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
                测点 <Text className='pit-strong'>{a.point}</Text>
                {a.kind === 'threshold' ? ` · ${a.itemLabel}` : ''}
              </View>
              {a.description ? <View className='alarm-description'>{a.description}</View> : null}
              {a.value !== undefined && a.value !== null ? (
                <View className='pit-kv'>
                  <View className='pit-kv-item'>
                    <View className='pit-kv-label'>监测值</View>
                    <View id='alarm-value' className='pit-kv-value'>
                      {formatValue(a.value, units.unit)}
                    </View>
                  </View>
                  <View className='pit-kv-item'>
                    <View className='pit-kv-label'>控制值</View>
                    <View className='pit-kv-value'>{formatValue(a.control, units.unit)}</View>
                  </View>
                  <View className='pit-kv-item'>
                    <View className='pit-kv-label'>占控制值</View>
                    <View id='alarm-ratio' className='pit-kv-value'>
                      {formatPercent(a.ratio)}
                    </View>
                  </View>
                  <View className='pit-kv-item'>
                    <View className='pit-kv-label'>变化速率</View>
                    <View className='pit-kv-value'>{formatRate(a, units.rateUnit)}</View>
                  </View>
                </View>
              ) : null}
              <View className='pit-kv'>
                <View className='pit-kv-item'>
                  <View className='pit-kv-label'>报警时间</View>
                  <View className='pit-kv-value'>{formatTime(a.createdAt, now)}</View>
                </View>
                <View className='pit-kv-item'>
                  <View className='pit-kv-label'>{a.status === 'archived' ? '销警时间' : '处置时限'}</View>
                  <View className='pit-kv-value'>
                    {formatTime(a.status === 'archived' ? a.updatedAt : a.dueAt, now)}
                    {a.escalated ? <Text className='muted'>（已督办）</Text> : null}
                  </View>
                </View>
              </View>
              {a.kind === 'threshold' ? (
                <View className='pit-sub' onClick={() => void navigateTo(PIT_PAGES.point(a.projectId, a.point)).catch(() => undefined)}>
                  <Text id='alarm-open-curve' style={{ color: '#1f5fbf' }}>
                    查看测点曲线 ›
                  </Text>
                </View>
              ) : null}
            </View>

            {actions.length ? (
              <View id='alarm-actions' className='pit-actions'>
                {actions.map((s) => (
                  <Button
                    key={s.action}
                    id={`alarm-action-${s.action}`}
                    className='pit-action'
                    type='primary'
                    fill={action === s.action ? 'solid' : 'outline'}
                    onClick={() => openForm(s.action)}
                  >
                    {s.label}
                  </Button>
                ))}
              </View>
            ) : null}

            {spec ? (
              <View id='alarm-form' className='card' data-action={spec.action}>
                <View className='alarm-form-title'>{spec.title}</View>
                <View className='pit-form-label'>{spec.action === 'handle' ? '处置措施' : spec.minNote ? '说明' : '说明（选填）'}</View>
                <Textarea
                  id='alarm-note'
                  className='pit-textarea'
                  value={note}
                  maxlength={1000}
                  placeholder={spec.placeholder}
                  onInput={(e) => {
                    setNote(e.detail.value);
                    setFormError(null);
                  }}
                />
                {spec.needsEvidence ? (
                  <View>
                    <View className='pit-form-label'>现场照片（必传）</View>
                    <PhotoPicker
                      idPrefix='pit-evidence'
                      api={pitApi}
                      tileClass='pit-evidence-thumb'
                      items={evidence}
                      onChange={(items) => {
                        setEvidence(items);
                        setFormError(null);
                      }}
                      onBusyChange={setUploading}
                    />
                  </View>
                ) : null}
                <ErrorText message={formError} />
                <View className='alarm-form-buttons'>
                  <Button className='alarm-form-button' fill='outline' onClick={closeForm}>
                    取消
                  </Button>
                  <Button id='alarm-submit' className='alarm-form-button' type='primary' loading={submitting} disabled={uploading} onClick={() => void submit()}>
                    提交{spec.label}
                  </Button>
                </View>
              </View>
            ) : null}

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
