import { View } from '@tarojs/components';
import { rateReason, rateUnjudged } from '../../../services/pit/view-model';
import type { RateJudgement } from '../../../services/pit/api';

/**
 * Why the rates shown with "（未判定）" were not judged, once for all of them (they usually share the reason):
 * `速率未判定：距上次观测 3 小时，间隔不足半天（只判定累计值）`. The wording is the server's rate verdict; every
 * page that shows such a rate (upload result, upload list, alarm) puts this beside it. Nothing when all were judged.
 */
export function RateUnjudgedNote({ rows, id }: { rows: ({ rate?: number | null } & RateJudgement)[]; id?: string }) {
  const reasons = [...new Set(rows.filter(rateUnjudged).map((r) => rateReason(r)))];
  if (!reasons.length) return null;
  return (
    <View id={id} className='pit-note pit-upload-rate-note'>
      速率未判定：{reasons.join('；')}（只判定累计值）
    </View>
  );
}
