import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { errorMessage, joinUrl } from '../../../services/api';
import { session } from '../../../services/client';
import { apiBaseFor } from '../../../services/config';
import { navigateTo, taroEnv } from '../../../services/adapters/taro';
import { openPdf } from '../../../services/adapters/pit-files';
import { schemePage, type ReviewDetail } from '../../../services/review/api';
import { reviewApi } from '../reviewApi';

type Act = (f: () => Promise<{ data: ReviewDetail; policies: Record<string, boolean> }>) => Promise<void>;
const base = apiBaseFor(taroEnv(), process.env.TARO_APP_API_BASE);

/**
 * After the report: the contractor revises the scheme (art. 11 sign-offs again) and informs the experts
 * (修改后通过); the regulator archives; the report PDF and the site board, both with the review's signed QR.
 */
export function ReviewFollowUp({ r, policies, busy, act, onError }: { r: ReviewDetail; policies: Record<string, boolean>; busy: boolean; act: Act; onError: (m: string) => void }) {
  const [note, setNote] = useState('');
  const pdf = (path: string, name: string) => openPdf(joinUrl(base, path), session.getToken(), name).catch((e) => onError(errorMessage(e)));
  const revise = policies['review.inform'] && r.report?.conclusion === '修改后通过' && !r.informed;
  return (
    <View>
      {revise ? (
        <View className='card review-actions' id='review-inform'>
          <View className='review-section'>按专家意见修改后告知专家</View>
          <View id='review-revise-scheme' className='review-link' onClick={() => void navigateTo(schemePage(r.schemeId))}>
            修改方案并重新签字、总监审查 ›
          </View>
          <Input id='inform-note' className='text-input' placeholder='修改情况说明' value={note} onInput={(e) => setNote(e.detail.value)} />
          <Button id='inform-submit' type='primary' className='btn-block' disabled={busy} onClick={() => void act(() => reviewApi.inform(r.id, note, r.version))}>
            告知论证专家
          </Button>
        </View>
      ) : null}
      {r.informed ? (
        <View className='card' id='review-informed'>
          <View className='review-section'>已告知专家修改情况（第 {r.informed.schemeVersion} 版）</View>
          <View className='review-sub'>{r.informed.note}</View>
        </View>
      ) : null}
      {policies['review.archive'] && r.state === 'concluded' ? (
        <Button id='review-archive-btn' type='primary' className='btn-block' disabled={busy} onClick={() => void act(() => reviewApi.archive(r.id, r.version))}>
          归档
        </Button>
      ) : null}
      <View className='row review-actions'>
        {r.report ? (
          <Button id='review-report-pdf' fill='outline' disabled={busy} onClick={() => void pdf(reviewApi.reportPdfPath(r.id), `论证报告-${r.projectName}.pdf`)}>
            论证报告 PDF
          </Button>
        ) : null}
        {r.codeUrl ? (
          <Button id='review-board-pdf' fill='outline' disabled={busy} onClick={() => void pdf(reviewApi.boardPdfPath(r.id), `公示牌-${r.projectName}.pdf`)}>
            打印现场公示牌
          </Button>
        ) : null}
      </View>
    </View>
  );
}
