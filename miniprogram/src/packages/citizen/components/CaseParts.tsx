import { Text, View } from '@tarojs/components';
import { formatTime } from '../../../services/format';
import { CLASS_KIND_LABELS, PROGRESS_STEPS, deadlineStatus, progressIndex, stateLabel, stateTone, stepView } from '../../../services/city/view-model';
import { type CaseDetail, type CaseSummary, type TimelineEntry } from '../../../services/city/api';
import { CasePhotos } from './CasePhotos';

/** The state as a coloured pill (`data-state` for tests). */
export function StateBadge({ state, label, id }: { state: string; label?: string; id?: string }) {
  return (
    <Text id={id} className={`city-state city-state--${stateTone(state)}`} data-state={state}>
      {stateLabel(state, label)}
    </Text>
  );
}

/** `处置时限 今天 17:00`, red when overdue, amber when due within 4 h. */
export function DeadlineLine({ c, now }: { c: Pick<CaseSummary, 'deadline' | 'overdue' | 'closedAt' | 'state'>; now: Date }) {
  const status = deadlineStatus(c, now);
  if (status === 'none') return null;
  if (c.closedAt) {
    const onTime = Date.parse(c.closedAt) <= Date.parse(c.deadline!);
    return (
      <Text className={`city-deadline${onTime ? '' : ' city-deadline--overdue'}`} data-status={onTime ? 'closed_on_time' : 'closed_late'}>
        {onTime ? '按期结案' : '超期结案'}
      </Text>
    );
  }
  return (
    <Text className={`city-deadline city-deadline--${status}`} data-status={status}>
      {status === 'overdue' ? '已超期 · ' : ''}处置时限 {formatTime(c.deadline!, now)}
    </Text>
  );
}

/** 受理 → 立案 → 派遣 → 处置 → 反馈 → 结案, the current step highlighted; exceptions are on the timeline. */
export function ProgressBar({ state }: { state: string }) {
  const at = progressIndex(state);
  if (at < 0) return null;
  return (
    <View id='case-progress' className='city-progress' data-step={at}>
      {PROGRESS_STEPS.map((s, i) => (
        <View key={s.state} className={`city-progress-step${i < at ? ' is-done' : ''}${i === at ? ' is-current' : ''}`}>
          <View className='city-progress-dot' />
          <Text className='city-progress-label'>{s.label}</Text>
        </View>
      ))}
    </View>
  );
}

/** The case's class, place and description (the reporter is never shown). */
export function CaseHeader({ c, now }: { c: CaseDetail; now: Date }) {
  return (
    <View>
      <View className='row'>
        <Text className='city-kind-tag'>{CLASS_KIND_LABELS[c.kind] ?? c.kind}</Text>
        <Text id='case-class' className='city-title city-case-class'>
          {c.className}
        </Text>
        {c.urgent ? <Text className='city-urgent'>紧急</Text> : null}
      </View>
      {c.facilityName || c.placeName ? (
        <View id='case-facility' className='city-sub'>
          {c.facilityName || c.placeName}
        </View>
      ) : null}
      <View id='case-description' className='city-description'>
        {c.description}
      </View>
      <View className='city-meta row'>
        <Text className='muted'>上报于 {formatTime(c.createdAt, now)}</Text>
        <View className='spacer' />
        <DeadlineLine c={c} now={now} />
      </View>
      {c.photos?.length ? <CasePhotos shas={c.photos} /> : null}
    </View>
  );
}

/** Every step, oldest first, with who (by role), when, the result and the evidence. */
export function CaseTimeline({ entries, now }: { entries: TimelineEntry[]; now: Date }) {
  return (
    <View id='case-timeline' className='card city-timeline'>
      {entries.map((e, i) => {
        const v = stepView(e);
        return (
          <View key={e.id ?? `${e.action}-${i}`} className='case-step city-step' data-action={e.action} data-to={e.to ?? ''}>
            <View className={`city-step-dot${i === entries.length - 1 ? ' is-last' : ''}`} />
            <View className='city-step-head'>
              <Text className='case-step-title'>{v.title}</Text>
              {v.to ? <Text className='muted'>{`  → ${v.to}`}</Text> : null}
            </View>
            <View className='city-step-who'>
              {v.who} · {formatTime(e.at, now)}
            </View>
            {v.detail ? <View className='city-step-detail'>{v.detail}</View> : null}
            {v.note ? <View className='city-step-note'>{v.note}</View> : null}
            {e.photos?.length && e.action !== 'case.create' ? <CasePhotos shas={e.photos} /> : null}
          </View>
        );
      })}
    </View>
  );
}
