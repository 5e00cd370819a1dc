import { useCallback, useState } from 'react';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { useRecordLoader } from '../../../../components/useRecordLoader';
import { formatTime } from '../../../../services/format';
import { LEVEL_COLORS, chartRates, formatNumber, formatPercent, formatValue, lastEpochs, levelOf, rateReason, rateUnjudged, ratioOf, unitDecimals } from '../../../../services/pit/view-model';
import { pageParam } from '../../../../services/links';
import { type PitSeries } from '../../../../services/pit/api';
import { profileChart, timeSeriesChart } from '../../../../services/pit/chart';
import { timeLabel } from '../../../../charts/scales';
import { type ChartBox } from '../../../../charts/draw';
import { LevelBadge } from '../../components/LevelBadge';
import { Qty } from '../../components/Qty';
import { LoginGate } from '../../components/LoginGate';
import { PitChart } from '../../components/PitChart';
import { pitApi } from '../../pitApi';
import '../../pit.scss';
import './index.scss';

/** A point's curves: cumulative value and rate with their threshold lines; inclinometer holes add the depth profile. */
export default function PitPoint() {
  const params = useRouter().params;
  const projectId = pageParam(params.projectId);
  const code = pageParam(params.code);
  const [series, setSeries] = useState<PitSeries | null>(null);
  const { error, retry } = useRecordLoader(projectId && code, '缺少测点信息', async () => setSeries(await pitApi.series(projectId, code)));

  const decimals = unitDecimals(series?.unit);
  const rateDecimals = unitDecimals(series?.rateUnit);

  const curve = useCallback(
    (box: ChartBox) =>
      timeSeriesChart(
        {
          points: (series?.epochs ?? []).map((e) => ({ t: Date.parse(e.time), v: e.value, level: levelOf(e.level) })),
          thresholds: series?.thresholds ?? null,
          unit: series?.unit ?? '',
          decimals,
          name: '累计值',
        },
        box,
      ),
    [series],
  );
  const rate = useCallback(
    (box: ChartBox) =>
      timeSeriesChart(
        {
          points: chartRates(series?.epochs ?? []),
          thresholds: series?.rateThresholds ?? null,
          unit: series?.rateUnit ?? '',
          decimals: rateDecimals,
          name: '变化速率',
          empty: '暂无速率数据（至少需两期观测）',
        },
        box,
      ),
    [series],
  );
  const profile = useCallback(
    (box: ChartBox) =>
      profileChart(
        {
          epochs: (series?.epochs ?? [])
            .filter((e) => e.profile && e.depths)
            .map((e) => ({ label: timeLabel(Date.parse(e.time), true), depths: e.depths!, values: e.profile! })),
          thresholds: series?.thresholds ?? null,
          unit: series?.unit ?? 'mm',
          decimals,
        },
        box,
      ),
    [series],
  );

  const s = series;
  const last = s?.epochs.length ? s.epochs[s.epochs.length - 1] : null;
  const now = new Date();
  const isHole = s?.item === 'deepHorizontal';
  const shortRates = (s?.epochs ?? []).filter((e) => e.rateNotJudged === 'interval_too_short').length;
  const unjudgedReasons = [...new Set(lastEpochs(s?.epochs ?? [], 10).filter(rateUnjudged).map((e) => rateReason(e)))];

  return (
    <Page className='pit-point-page'>
      <LoginGate>
        <LoadState error={error} loaded={!!s} onRetry={retry} />
        {s ? (
          <View>
            <View className='card'>
              <View className='row'>
                <View className='spacer'>
                  <View id='pit-point-code' className='pit-title'>
                    {s.point}
                  </View>
                  <View className='pit-sub'>{s.itemLabel}</View>
                </View>
                {last ? <LevelBadge level={last.level} /> : null}
              </View>
              <View className='pit-kv'>
                <View className='pit-kv-item'>
                  <View className='pit-kv-label'>最新累计值</View>
                  <View id='pit-point-last' className='pit-kv-value'>
                    <Qty text={formatValue(last?.value, s.unit)} />
                  </View>
                </View>
                <View className='pit-kv-item'>
                  <View className='pit-kv-label'>占控制值</View>
                  <View className='pit-kv-value'>{formatPercent(ratioOf(last?.value, s.thresholds.red))}</View>
                </View>
                <View className='pit-kv-item'>
                  <View className='pit-kv-label'>累计控制值（红线）</View>
                  <View className='pit-kv-value'>
                    <Qty text={formatValue(s.thresholds.red, s.unit)} />
                  </View>
                </View>
                <View className='pit-kv-item'>
                  <View className='pit-kv-label'>速率控制值</View>
                  <View className='pit-kv-value'>{s.rateThresholds ? <Qty text={formatValue(s.rateThresholds.red, s.rateUnit)} /> : '未设定'}</View>
                </View>
              </View>
            </View>

            <View className='card pit-chart-card'>
              <View className='pit-chart-title'>累计变化曲线</View>
              <PitChart id='pit-curve-canvas' build={curve} />
              <View className='pit-note'>虚线为黄、橙、红三级预警线（按绝对值判定）</View>
            </View>

            <View className='card pit-chart-card'>
              <View className='pit-chart-title'>变化速率</View>
              <PitChart id='pit-rate-canvas' build={rate} />
              {s.rateThresholds ? null : <View className='pit-note'>该测点未设速率控制值</View>}
              {shortRates ? <View id='pit-rate-short-note' className='pit-note'>{shortRates} 期与上次观测间隔不足半天，速率未判定，未画入曲线</View> : null}
            </View>

            {isHole ? (
              <View className='card pit-chart-card'>
                <View className='pit-chart-title'>深层水平位移剖面（近 5 期）</View>
                <PitChart id='pit-profile-canvas' build={profile} tall />
              </View>
            ) : null}

            <View className='section-title'>最近 10 期观测</View>
            <View id='pit-epochs' className='card pit-table'>
              <View className='pit-tr pit-th'>
                <View className='pit-td pit-epoch-time'>观测时间</View>
                <View className='pit-td pit-td--num'>累计（{s.unit}）</View>
                <View className='pit-td pit-td--num'>速率（{s.rateUnit}）</View>
                <View className='pit-epoch-level' />
              </View>
              {lastEpochs(s.epochs, 10).map((e) => (
                <View key={e.time} className='pit-tr pit-epoch' data-time={e.time} data-level={e.level}>
                  <View className='pit-td pit-epoch-time'>{formatTime(e.time, now)}</View>
                  <View className='pit-td pit-td--num pit-epoch-value'>{formatNumber(e.value, decimals)}</View>
                  <View className='pit-td pit-td--num pit-epoch-rate' data-rate-judged={rateUnjudged(e) ? 'false' : 'true'}>
                    {formatNumber(e.rate, rateDecimals)}
                    {rateUnjudged(e) ? <View className='pit-rate-unjudged'>未判定</View> : null}
                  </View>
                  <View className='pit-epoch-level' style={{ background: LEVEL_COLORS[levelOf(e.level)] }} />
                </View>
              ))}
              {s.epochs.length === 0 ? <View className='pit-empty'>暂无观测数据</View> : null}
            </View>
            {unjudgedReasons.length ? <View id='pit-rate-unjudged-note' className='pit-note'>速率“未判定”：{unjudgedReasons.join('；')}；此类速率只显示，不判定预警等级，色条只反映累计值。</View> : null}
          </View>
        ) : null}
      </LoginGate>
    </Page>
  );
}
