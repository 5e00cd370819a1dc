import { View } from '@tarojs/components';
import { formatTime } from '../../../services/format';
import type { TimelineEntry } from '../../../services/city/api';
import { CasePhotos } from '../../citizen/components/CasePhotos';

/** Beside the 核查 form: the unit's latest report (处置反馈) — its after photos and note — to check the site against. */
export function UnitReportBeside({ timeline, now }: { timeline: TimelineEntry[]; now: Date }) {
  const last = [...timeline].reverse().find((e) => e.action === 'case.report');
  if (!last) return null;
  return (
    <View id='case-form-unit-report' className='staff-unit-report' data-count={last.photos?.length ?? 0}>
      <View className='city-label'>责任单位处置后照片 · {formatTime(last.at, now)}</View>
      {last.photos?.length ? <CasePhotos shas={last.photos} /> : <View className='muted'>未附照片</View>}
      {last.note ? <View className='city-step-note'>处置说明：{last.note}</View> : null}
      <View className='muted staff-field-hint'>请对照现场核查，拍摄同一位置的照片</View>
    </View>
  );
}
