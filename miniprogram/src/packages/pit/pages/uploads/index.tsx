import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { session } from '../../../../services/client';
import { errorMessage } from '../../../../services/api';
import { formatTime } from '../../../../services/format';
import { LEVEL_COLORS, LEVEL_SHORT, UPLOAD_STATUS_LABELS, formatValue, levelOf, rateUnjudged } from '../../../../services/pit/view-model';
import { UPLOAD_FORMAT_LABELS } from '../../../../services/pit/form-rules';
import { pageParam } from '../../../../services/links';
import { type PitUploadRecord } from '../../../../services/pit/api';
import { stopPullDownRefresh } from '../../../../services/adapters/taro';
import { flagNames, flagText, withFlagLabels } from '@cityloop/shared/pit/flag-labels';
import { LoginGate } from '../../components/LoginGate';
import { UploadEntry } from '../../components/UploadEntry';
import { VoidUploadForm } from '../../components/VoidUploadForm';
import { RateUnjudgedNote } from '../../components/RateUnjudgedNote';
import { useProjectPolicies } from '../../components/useProjectPolicies';
import { pitApi } from '../../pitApi';
import '../../pit.scss';
import './index.scss';

const STATUS_COLORS: Record<PitUploadRecord['status'], string> = { accepted: '#2ba471', held: '#ff8a00', rejected: '#e02020' };
const VOIDED_COLOR = '#8f959e';

/** 上传记录: each raw file, accepted / held / rejected, with the solver's reason and per-point results. */
export default function PitUploads() {
  const projectId = pageParam(useRouter().params.projectId);
  const [items, setItems] = useState<PitUploadRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canVoid = useProjectPolicies(projectId)['pit.void_upload'] === true;
  const [voiding, setVoiding] = useState<string | null>(null);

  const load = async () => {
    if (!session.isLoggedIn()) return;
    if (!projectId) {
      setError('缺少项目编号');
      return;
    }
    setError(null);
    try {
      setItems(await pitApi.uploads(projectId));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));

  const now = new Date();
  const counts = (items ?? []).reduce<Record<string, number>>((acc, u) => {
    const key = u.voided ? 'voided' : u.status;
    return { ...acc, [key]: (acc[key] ?? 0) + 1 };
  }, {});

  return (
    <Page className='pit-uploads-page'>
      <LoginGate>
        <UploadEntry projectId={projectId} />
        <LoadState error={error} loaded={items !== null} onRetry={() => void load()} />
        {items !== null ? (
          <View id='pit-uploads-summary' className='muted' style={{ margin: '0 8px 16px' }}>
            共 {items.length} 份（近 100 份）· 已接收 {counts.accepted ?? 0} · 暂存 {counts.held ?? 0} · 拒收 {counts.rejected ?? 0}
            {counts.voided ? ` · 已作废 ${counts.voided}` : ''}
          </View>
        ) : null}
        {items !== null && items.length === 0 ? (
          <View id='pit-uploads-empty' className='card pit-empty'>
            暂无上传记录
          </View>
        ) : null}
        <View id='pit-uploads'>
          {(items ?? []).map((u) => (
            <View key={u.id} className='card pit-upload' data-id={u.id} data-status={u.status} data-voided={u.voided ? 'true' : 'false'}>
              <View className='pit-upload-stripe' style={{ background: u.voided ? VOIDED_COLOR : STATUS_COLORS[u.status] }} />
              <View className='row'>
                <View className='pit-upload-title'>
                  #{u.seq} {UPLOAD_FORMAT_LABELS[u.format] ?? u.format}
                </View>
                <Text className='pit-upload-status' style={{ background: u.voided ? VOIDED_COLOR : STATUS_COLORS[u.status] }}>
                  {u.voided ? '已作废' : (UPLOAD_STATUS_LABELS[u.status] ?? u.status)}
                </Text>
              </View>
              {u.voided ? (
                <View className='pit-upload-reason pit-upload-voided'>
                  已作废（{formatTime(u.voided.at, now)}）：{u.voided.reason}。本期数据保留备查，不参与曲线、日报和速率计算。
                </View>
              ) : null}
              {u.reason ? (
                <View className={`pit-upload-reason${u.status === 'held' ? ' pit-upload-reason--held' : ''}`}>
                  {u.status === 'held' && u.flags.length ? `疑似数据异常，已暂存、未参与预警判定：${flagNames(u.flags)}` : withFlagLabels(u.reason)}
                </View>
              ) : null}
              <View className='pit-upload-line'>
                观测 {formatTime(u.observedAt, now)} · 接收 {formatTime(u.receivedAt, now)}
              </View>
              {u.flags.length ? (
                <View className='pit-upload-line pit-upload-flags'>
                  质检提示：
                  {u.flags.slice(0, 6).map((f, i) => (
                    <Text key={i} className='pit-upload-flag' data-code={f.code}>
                      {i ? '；' : ''}
                      {flagText(f)}
                    </Text>
                  ))}
                  {u.flags.length > 6 ? <Text className='muted'>{` 等 ${u.flags.length} 项`}</Text> : null}
                </View>
              ) : null}
              {u.results.length ? (
                <View className='pit-upload-results'>
                  {u.results.slice(0, 12).map((r) => {
                    const level = levelOf(r.level);
                    const unjudged = rateUnjudged(r);
                    return (
                      <Text key={r.point} className='pit-upload-result' data-rate-judged={unjudged ? 'false' : 'true'} style={level === 'normal' ? undefined : { background: LEVEL_COLORS[level], color: level === 'yellow' ? '#1f2329' : '#fff' }}>
                        {r.point} <Text className='pit-nowrap'>{formatValue(r.value, r.unit ?? '')}</Text>
                        {level === 'normal' ? '' : ` ${LEVEL_SHORT[level]}`}
                        {unjudged ? <Text className='pit-upload-rate-unjudged'> · 速率未判定</Text> : null}
                      </Text>
                    );
                  })}
                  {u.results.length > 12 ? <Text className='muted'>等 {u.results.length} 个测点</Text> : null}
                </View>
              ) : null}
              <RateUnjudgedNote rows={u.results} />
              {canVoid && !u.voided && u.status !== 'rejected' ? (
                voiding === u.id ? (
                  <VoidUploadForm uploadId={u.id} onClose={() => setVoiding(null)} onDone={load} />
                ) : (
                  <View className='pit-upload-line'>
                    <Text className='pit-upload-void-open' data-id={u.id} style={{ color: '#1f5fbf' }} onClick={() => setVoiding(u.id)}>
                      作废本期数据 ›
                    </Text>
                  </View>
                )
              ) : null}
            </View>
          ))}
        </View>
      </LoginGate>
    </Page>
  );
}
