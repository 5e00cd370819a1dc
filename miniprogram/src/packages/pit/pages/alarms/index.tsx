import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { session } from '../../../../services/client';
import { errorMessage } from '../../../../services/api';
import { formatTime } from '../../../../services/format';
import { ALARM_KIND_LABELS, ALARM_STATUS_LABELS, LEVEL_COLORS, alarmDeadline, formatPercent, formatValue, itemUnits, levelOf, rateParts } from '../../../../services/pit/view-model';
import { PIT_PAGES, type PitAlarm } from '../../../../services/pit/api';
import { pageParam } from '../../../../services/links';
import { navigateTo, stopPullDownRefresh, toast } from '../../../../services/adapters/taro';
import { LevelBadge } from '../../components/LevelBadge';
import { Qty } from '../../components/Qty';
import { Deadline } from '../../components/Deadline';
import { LoginGate } from '../../components/LoginGate';
import { pitApi } from '../../pitApi';
import '../../pit.scss';
import './index.scss';

/** Alarms of one pit (or of every pit the person sees), open ones by default. */
export default function PitAlarms() {
  const projectId = pageParam(useRouter().params.projectId);
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const statusRef = useRef(status);
  statusRef.current = status;
  const [items, setItems] = useState<PitAlarm[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (which = statusRef.current) => {
    if (!session.isLoggedIn()) return;
    setError(null);
    try {
      setItems(await pitApi.alarms({ status: which, projectId: projectId || undefined }));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));

  const switchTo = (s: 'open' | 'all') => {
    if (s === status) return;
    setStatus(s);
    setItems(null);
    void load(s);
  };

  const now = new Date();
  const unit = (a: PitAlarm) => itemUnits(a.item).unit;

  return (
    <Page className='pit-alarms-page'>
      <LoginGate>
        <View className='pit-tabs'>
          <View id='pit-alarms-filter-open' className={`pit-tab${status === 'open' ? ' pit-tab--on' : ''}`} onClick={() => switchTo('open')}>
            未闭合
          </View>
          <View id='pit-alarms-filter-all' className={`pit-tab${status === 'all' ? ' pit-tab--on' : ''}`} onClick={() => switchTo('all')}>
            全部
          </View>
        </View>
        <LoadState error={error} loaded={items !== null} onRetry={() => void load()} />
        {items !== null && items.length === 0 ? (
          <View id='pit-alarms-empty' className='card pit-empty'>
            {status === 'open' ? '没有未闭合的报警' : '暂无报警记录'}
          </View>
        ) : null}
        <View id='pit-alarms'>
          {(items ?? []).map((a) => {
            const level = levelOf(a.level);
            const deadline = a.status === 'archived' ? null : alarmDeadline(a, now);
            return (
              <View
                key={a.id}
                className='card pit-alarm'
                data-id={a.id}
                data-status={a.status}
                data-kind={a.kind}
                data-level={level}
                hoverClass='pit-pressed'
                onClick={() => void navigateTo(PIT_PAGES.alarm(a.id)).catch(() => toast('页面打开失败'))}
              >
                <View className='pit-alarm-stripe' style={{ background: LEVEL_COLORS[level] }} />
                <View className='row'>
                  <LevelBadge level={level} label={a.levelLabel} />
                  <View className='pit-alarm-title'>
                    {a.point} {a.kind === 'threshold' ? a.itemLabel : ALARM_KIND_LABELS[a.kind] ?? a.kind}
                  </View>
                  <Text className={`pit-alarm-status pit-alarm-status--${a.status}`}>{a.statusLabel || ALARM_STATUS_LABELS[a.status]}</Text>
                </View>
                {projectId ? null : <View className='pit-alarm-line'>{a.projectName}</View>}
                {a.kind === 'danger' ? (
                  <View className='pit-alarm-line'>{a.description}</View>
                ) : a.value !== undefined ? (
                  <View className='pit-alarm-line'>
                    监测值 <Qty text={formatValue(a.value, unit(a))} /> · 控制值 <Qty text={formatValue(a.control, unit(a))} /> · {formatPercent(a.ratio)}
                    {a.rate !== null && a.rate !== undefined ? (
                      <>
                        {' · 速率 '}
                        <Qty {...rateParts(a, itemUnits(a.item).rateUnit)} />
                      </>
                    ) : null}
                  </View>
                ) : null}
                <View className='pit-alarm-line muted'>
                  报警 {formatTime(a.createdAt, now)}
                  {deadline ? (
                    <>
                      {` · ${deadline.label} `}
                      <Deadline deadline={deadline} now={now} />
                    </>
                  ) : null}
                  {a.escalated ? <Text className='pit-tag'>已督办</Text> : null}
                </View>
              </View>
            );
          })}
        </View>
      </LoginGate>
    </Page>
  );
}
