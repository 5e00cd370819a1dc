import { useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { api, session } from '../../../../services/client';
import { errorMessage, isApiError } from '../../../../services/api';
import { formatTime } from '../../../../services/format';
import { APPEAL_STATUS_LABELS, stateColor, stateLabel } from '../../../../services/plaque/view-model';
import { type ShopComplaint } from '../../../../services/plaque/api';
import { stopPullDownRefresh, toast } from '../../../../services/adapters/taro';
import { CityLoginGate } from '../../../citizen/components/CityLoginGate';
import { LinkedPhotos, type PhotoUrls } from '../../../plaque/components/LinkedPhotos';
import '../../../citizen/city.scss';
import '../../../plaque/plaque.scss';
import './index.scss';
import { PLAQUE_NOTE_MAX } from '@cityloop/shared/plaques/plaque.limits';

/** GET /api/plaque-appeals (cloudfunctions/src/contexts/plaques/plaques.routes.ts): no complainant in it. */
type AppealRow = ShopComplaint &
  PhotoUrls & {
    shopAddress: string | null;
    gridId: string | null;
    /** the grid's name (the id only when it has none) */
    gridName?: string | null;
    fixNote: string | null;
    escalationReason: string | null;
    canDecide: boolean;
    appeal: { status: 'pending' | 'upheld' | 'rejected'; reason: string; at?: string; note: string | null };
  };
type Status = 'pending' | 'decided';
const TABS: { status: Status; label: string }[] = [
  { status: 'pending', label: '待审核' },
  { status: 'decided', label: '已审核' },
];
const seg = encodeURIComponent;

/**
 * 申诉审核: the shops' appeals against counted 门前三包 complaints in the area chief's grids (a regulator sees
 * their area's, read-only). Each shows the shop, the complaint with its photos and the shop's fix, the
 * appeal's reason; the chief upholds it (the deduction goes away) or rejects it, with a reason.
 */
export default function Appeals() {
  const [status, setStatus] = useState<Status>('pending');
  const [items, setItems] = useState<AppealRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [formErrors, setFormErrors] = useState<Record<string, string | null>>({});
  const [busy, setBusy] = useState<string | null>(null);

  const load = async (s = status) => {
    if (!session.isLoggedIn()) return;
    setError(null);
    try {
      setItems(await api.get<AppealRow[]>(`/api/plaque-appeals?status=${s}`));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));

  const choose = (s: Status) => {
    if (s === status) return;
    setStatus(s);
    setItems(null);
    void load(s);
  };

  const decide = async (row: AppealRow, upheld: boolean) => {
    if (busy) return;
    const note = (notes[row.id] ?? '').trim();
    if (note.length < 2) {
      setFormErrors((f) => ({ ...f, [row.id]: upheld ? '请填写申诉成立的理由' : '请填写驳回申诉的理由' }));
      return;
    }
    setBusy(`${row.id}:${upheld}`);
    setFormErrors((f) => ({ ...f, [row.id]: null }));
    try {
      await api.post(`/api/plaque-complaints/${seg(row.id)}/appeal-decision`, { upheld, note });
      toast(upheld ? '申诉成立，已取消扣分' : '已驳回申诉', 'success');
      setNotes((n) => ({ ...n, [row.id]: '' }));
      await load();
    } catch (e) {
      setFormErrors((f) => ({ ...f, [row.id]: errorMessage(e) }));
      if (isApiError(e) && (e.code === 'no_pending_appeal' || e.status === 404 || e.status === 409)) void load();
    } finally {
      setBusy(null);
    }
  };

  const now = new Date();
  return (
    <Page className='chief-appeals-page'>
      <CityLoginGate why='申诉审核仅向片长和监管部门开放'>
        <View id='appeal-tabs' className='city-tabs' data-status={status}>
          {TABS.map((t) => (
            <View key={t.status} className={`city-tab appeal-tab${t.status === status ? ' is-active' : ''}`} data-status={t.status} onClick={() => choose(t.status)}>
              {t.label}
            </View>
          ))}
        </View>
        <LoadState error={error} loaded={items !== null} onRetry={() => void load()} />
        {items !== null && items.length === 0 ? (
          <View id='appeals-empty' className='card city-empty'>
            {status === 'pending' ? '暂无待审核的申诉' : '暂无已审核的申诉'}
          </View>
        ) : null}
        {items?.map((a) => (
          <View key={a.id} className='card appeal-item' data-id={a.id} data-status={a.appeal.status}>
            <View className='row'>
              <View className='city-list-title appeal-shop'>{a.shopName}</View>
              <Text className='plaque-state' style={{ color: stateColor(a.state) }}>
                {stateLabel(a.state, a.stateLabel)}
              </Text>
            </View>
            <View className='city-list-sub'>
              {[a.shopAddress, a.gridName].filter(Boolean).join(' · ')}
            </View>

            <View className='appeal-label'>被投诉问题 · {a.className}</View>
            <View className='plaque-record-text appeal-complaint'>{a.description}</View>
            <View className='city-list-sub'>
              {formatTime(a.createdAt, now)} 投诉
              {a.fixedAt ? ` · ${formatTime(a.fixedAt, now)} ${a.fixInTime ? '按期' : '逾期'}整改` : ' · 未整改'}
              {a.escalationReason ? ' · 已转执法' : ''}
            </View>
            {a.photoUrls?.length ? <View className='appeal-label'>投诉照片</View> : null}
            <LinkedPhotos className='appeal-photos' urls={a.photoUrls} small />
            {a.fixPhotoUrls?.length ? <View className='appeal-label'>整改后照片{a.fixNote ? `（${a.fixNote}）` : ''}</View> : null}
            <LinkedPhotos className='appeal-fix-photos' urls={a.fixPhotoUrls} small />

            <View className='appeal-label'>申诉理由{a.appeal.at ? ` · ${formatTime(a.appeal.at, now)}` : ''}</View>
            <View className='appeal-reason'>{a.appeal.reason}</View>

            {a.appeal.status !== 'pending' ? (
              <View className='appeal-result'>
                <View className='appeal-label'>审核结果</View>
                <View className='plaque-kv-value appeal-status' style={{ color: a.appeal.status === 'upheld' ? '#2ba471' : '#c4281c' }}>
                  {APPEAL_STATUS_LABELS[a.appeal.status]}
                </View>
                {a.appeal.note ? <View className='plaque-record-text'>审核意见：{a.appeal.note}</View> : null}
              </View>
            ) : a.canDecide ? (
              <View className='appeal-decide'>
                <View className='appeal-label'>审核意见</View>
                <Textarea
                  className='plaque-textarea appeal-note'
                  value={notes[a.id] ?? ''}
                  maxlength={PLAQUE_NOTE_MAX}
                  placeholder='如：经现场核实，满溢的是公共垃圾桶，不属本店责任'
                  onInput={(e) => {
                    const v = e.detail.value;
                    setNotes((n) => ({ ...n, [a.id]: v }));
                    setFormErrors((f) => ({ ...f, [a.id]: null }));
                  }}
                />
                <ErrorText message={formErrors[a.id]} />
                <View className='appeal-actions'>
                  <Button className='appeal-uphold' type='primary' block loading={busy === `${a.id}:true`} disabled={!!busy} onClick={() => void decide(a, true)}>
                    申诉成立
                  </Button>
                  <View className='plaque-danger-btn'>
                    <Button className='appeal-reject' type='primary' fill='outline' block loading={busy === `${a.id}:false`} disabled={!!busy} onClick={() => void decide(a, false)}>
                      驳回申诉
                    </Button>
                  </View>
                </View>
                <View className='muted'>申诉成立则该投诉不计扣分，商户评分立即重算；结果通知商户。</View>
              </View>
            ) : (
              <View className='muted appeal-readonly'>由所在网格片长审核</View>
            )}
          </View>
        ))}
      </CityLoginGate>
    </Page>
  );
}
