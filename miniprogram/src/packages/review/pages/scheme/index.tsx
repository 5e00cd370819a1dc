import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../../../components/Page';
import { errorMessage } from '../../../../services/api';
import { formatTime } from '../../../../services/format';
import { pageParam } from '../../../../services/links';
import { navigateTo } from '../../../../services/adapters/taro';
import { REVIEW_STATE_LABELS, SCHEME_ACTION_LABELS, type ReviewState, type SchemeAction } from '@cityloop/shared/dangerous-works/review.limits';
import { reviewPage, type DwProjectDetail, type SchemeDetail } from '../../../../services/review/api';
import { PdfPicker } from '../../components/PdfPicker';
import { ApplyReviewForm } from '../../components/ApplyReviewForm';
import { reviewApi } from '../../reviewApi';
import '../../review.scss';

const EDITABLE = ['drafting', 'returned', 'revising', 'rejected'];

/**
 * 专项施工方案 of one sub-item: every version with its files, the sign-offs (37号令 art. 11), and the next step for
 * whoever may take it — upload a version and sign (contractor), review or return (总监), apply for the expert
 * review (contractor, 超规模 items).
 */
export default function SchemePage() {
  const id = pageParam(useRouter().params.id) ?? '';
  const [s, setS] = useState<SchemeDetail | null>(null);
  const [project, setProject] = useState<DwProjectDetail | null>(null);
  const [policies, setPolicies] = useState<Record<string, boolean>>({});
  const [docs, setDocs] = useState<Record<string, string | null>>({});
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const load = async () => {
    try {
      const x = await reviewApi.scheme(id);
      setS(x.data);
      setPolicies(x.policies);
      if (!project) setProject((await reviewApi.project(x.data.projectId)).data);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useDidShow(() => void load());
  const act = async (f: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
      setNote('');
      await load();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const ready = !!(docs.scheme && docs.calculations && docs.drawings);
  return (
    <Page className='dw-scheme-page'>
      <ErrorText id='scheme-error' message={error} />
      {!s && !error ? <View className='loading-text'>正在加载…</View> : null}
      {s ? (
        <View>
          <View className='card'>
            <View className='review-title'>{s.itemName}</View>
            <View className='review-sub'>
              {s.category} · {s.level}
            </View>
            <Text id='scheme-state' data-state={s.state} className='review-state'>{s.stateLabel}</Text>
            {s.lastConclusion ? <View className='muted'>上次论证结论：{s.lastConclusion}</View> : null}
          </View>
          <View className='card' id='scheme-versions'>
            <View className='review-section'>方案版本（{s.versions.length}）</View>
            {s.versions.map((v) => (
              <View key={v.no} className='review-sub scheme-version'>
                第 {v.no} 版 · {formatTime(v.uploadedAt, new Date())}
                {v.no === s.signedVersion ? ' · 已签字' : ''}
                {v.no === s.approvedVersion ? ' · 总监已审查' : ''}
                {v.note ? `：${v.note}` : ''}
                <View className='review-hash'>方案 {v.scheme}</View>
              </View>
            ))}
          </View>
          {policies['scheme.upload'] && EDITABLE.includes(s.state) ? (
            <View className='card' id='scheme-upload'>
              <View className='review-section'>上传新版本</View>
              <PdfPicker id='scheme-doc-scheme' label='专项施工方案' onStored={(x) => setDocs((d) => ({ ...d, scheme: x }))} />
              <PdfPicker id='scheme-doc-calculations' label='计算书' onStored={(x) => setDocs((d) => ({ ...d, calculations: x }))} />
              <PdfPicker id='scheme-doc-drawings' label='图纸' onStored={(x) => setDocs((d) => ({ ...d, drawings: x }))} />
              <Input id='scheme-upload-note' className='text-input' placeholder='版本说明（选填）' value={note} onInput={(e) => setNote(e.detail.value)} />
              <Button id='scheme-upload-submit' type='primary' className='btn-block' disabled={busy || !ready} onClick={() => void act(() => reviewApi.uploadVersion(s.id, { scheme: docs.scheme!, calculations: docs.calculations!, drawings: docs.drawings!, note, version: s.version }))}>
                上传方案、计算书和图纸
              </Button>
            </View>
          ) : null}
          {policies['scheme.sign'] && s.state === 'drafting' && s.versions.length ? (
            <Button id='scheme-sign' type='primary' className='btn-block' disabled={busy} onClick={() => void act(() => reviewApi.schemeAction(s.id, 'sign', '', s.version))}>
              技术负责人签字（第 {s.versions.length} 版）
            </Button>
          ) : null}
          {policies['scheme.approve'] && s.state === 'signed' ? (
            <View className='card' id='scheme-approval'>
              <Input id='scheme-approve-note' className='text-input' placeholder='审查意见（退回时必填）' value={note} onInput={(e) => setNote(e.detail.value)} />
              <Button id='scheme-approve' type='primary' className='btn-block' disabled={busy} onClick={() => void act(() => reviewApi.schemeAction(s.id, 'approve', note, s.version))}>
                总监审查签字
              </Button>
              <Button id='scheme-return' fill='outline' className='btn-block' disabled={busy} onClick={() => void act(() => reviewApi.schemeAction(s.id, 'return', note, s.version))}>
                退回修改
              </Button>
            </View>
          ) : null}
          {policies['review.apply'] && project && s.state === 'approved' && s.level === '超规模危大' && !s.revisionToInform ? <ApplyReviewForm schemeId={s.id} version={s.version} site={project.location} /> : null}
          {s.reviews.length ? (
            <View className='card'>
              <View className='review-section'>专家论证</View>
              {s.reviews.map((r) => (
                <View key={r.id} id={`scheme-review-${r.id}`} className='review-link scheme-review' onClick={() => void navigateTo(reviewPage(r.id))}>
                  {REVIEW_STATE_LABELS[r.state as ReviewState] ?? r.state}
                  {r.conclusion ? ` · ${r.conclusion}` : ''} ›
                </View>
              ))}
            </View>
          ) : null}
          <View className='card'>
            <View className='review-section'>记录</View>
            {s.history.map((e, i) => (
              <View key={i} className='muted'>
                {formatTime(e.at, new Date())} {SCHEME_ACTION_LABELS[e.action.replace(/^scheme\./, '') as SchemeAction] ?? e.action}
                {e.reason ? `：${e.reason}` : ''}
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </Page>
  );
}
