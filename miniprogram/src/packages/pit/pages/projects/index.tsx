import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { session } from '../../../../services/client';
import { errorMessage } from '../../../../services/api';
import { formatTime } from '../../../../services/format';
import { LEVEL_COLORS, SAFETY_LEVEL_LABELS, levelOf } from '../../../../services/pit/view-model';
import { PIT_PAGES, type PitProjectSummary } from '../../../../services/pit/api';
import { navigateTo, stopPullDownRefresh, toast } from '../../../../services/adapters/taro';
import { LevelBadge } from '../../components/LevelBadge';
import { LoginGate } from '../../components/LoginGate';
import { pitApi } from '../../pitApi';
import { ONBOARD_PAGES } from '../../../../services/pit/onboard-api';
import { canOnboard } from '../../../../services/pit-access';
import '../../pit.scss';
import './index.scss';

/** 基坑项目: the pits this person may see, worst alarm level first (the server's order). */
export default function PitProjects() {
  const [items, setItems] = useState<PitProjectSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    if (!session.isLoggedIn()) return;
    setError(null);
    try {
      setItems(await pitApi.projects());
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));

  const open = (url: string) => void navigateTo(url).catch(() => toast('页面打开失败'));
  const now = new Date();

  return (
    <Page className='pit-projects-page'>
      <LoginGate>
        <LoadState error={error} loaded={items !== null} onRetry={() => void load()} />
        {canOnboard(session.getUser()) ? (
          <View id='pit-onboard-open' className='card row pit-projects-all' hoverClass='pit-pressed' onClick={() => open(ONBOARD_PAGES.create)}>
            <View className='pit-strong'>登记基坑项目</View>
            <View className='spacer' />
            <Text className='muted'>›</Text>
          </View>
        ) : null}
        {items !== null && items.length === 0 ? (
          <View id='pit-projects-empty' className='card pit-empty'>
            暂无可查看的基坑项目
          </View>
        ) : null}
        {items !== null && items.length > 0 ? (
          <View>
            <View id='pit-alarms-all' className='card row pit-projects-all' hoverClass='pit-pressed' onClick={() => open(PIT_PAGES.alarms())}>
              <View className='pit-strong'>全部未闭合报警</View>
              <View className='spacer' />
              <Text className='muted'>›</Text>
            </View>
            <View id='pit-projects'>
              {items.map((p) => {
                const level = levelOf(p.worstLevel);
                return (
                  <View key={p.id} className='card pit-project' data-id={p.id} data-level={level} hoverClass='pit-pressed' onClick={() => open(PIT_PAGES.project(p.id))}>
                    <View className='pit-project-stripe' style={{ background: LEVEL_COLORS[level] }} />
                    <View className='row'>
                      <View className='pit-project-name'>{p.name}</View>
                      <LevelBadge level={level} label={p.worstLevelLabel} />
                    </View>
                    <View className='pit-project-meta row'>
                      <Text className={`pit-project-alarms${p.openAlarms > 0 ? ' pit-project-alarms--open' : ''}`}>未闭合报警 {p.openAlarms}</Text>
                      <View className='spacer' />
                      <Text className='pit-project-upload'>最近上传 {p.lastUploadAt ? formatTime(p.lastUploadAt, now) : '—'}</Text>
                    </View>
                    {p.status && p.status !== 'active' ? (
                      <View className='pit-tag pit-project-status' data-status={p.status}>
                        {p.statusLabel}
                      </View>
                    ) : null}
                    <View className='muted pit-project-address'>
                      安全等级{SAFETY_LEVEL_LABELS[p.safetyLevel] ?? p.safetyLevel} · 深 {p.depthM} m · {p.address}
                    </View>
                  </View>
                );
              })}
            </View>
          </View>
        ) : null}
      </LoginGate>
    </Page>
  );
}
