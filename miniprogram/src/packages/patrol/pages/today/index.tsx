import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { session } from '../../../../services/client';
import { errorMessage } from '../../../../services/api';
import { CITY_PAGES } from '../../../../services/city-access';
import { sortTasks, taskText } from '../../../../services/city/view-model';
import { TARGET_KIND_LABELS, targetKind } from '../../../../services/city/patrol-target';
import { type PatrolTask } from '../../../../services/city/api';
import { navigateTo, stopPullDownRefresh, toast } from '../../../../services/adapters/taro';
import { canOpenMap, getLocation, openMap, openWebMap, resetScroll } from '../../../../services/adapters/city-device';
import { distanceText, mapLink, orderByDistance, roundProgress, taskDistance } from '../../../../services/city/patrol-route';
import type { LngLat } from '../../../../services/city/api';
import { CityLoginGate } from '../../../citizen/components/CityLoginGate';
import { cityApi } from '../../../citizen/cityApi';
import '../../../citizen/city.scss';
import './index.scss';

/** Facilities first, then the shops on grade rules (门前三包), each list due ones first. */
const SECTIONS = ['facility', 'shop'] as const;

/** 今日巡查: what is still due in each rule's period, due ones first; scan on site to check in. */
export default function PatrolToday() {
  const [tasks, setTasks] = useState<PatrolTask[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // where the patroller stands (for distances and walking order); the list works without it
  const [here, setHere] = useState<LngLat | null>(null);
  const [locating, setLocating] = useState<'pending' | 'ok' | 'failed'>('pending');

  const load = async () => {
    if (!session.isLoggedIn()) return;
    setError(null);
    try {
      setTasks(sortTasks(await cityApi.patrolToday()));
    } catch (e) {
      setError(errorMessage(e));
    }
    getLocation(8_000)
      .then((fix) => {
        setHere({ lng: fix.lng, lat: fix.lat });
        setLocating('ok');
      })
      .catch(() => setLocating('failed'));
  };

  const navigate = (t: PatrolTask) => {
    if (!t.location) return;
    if (canOpenMap()) openMap(t.location, t.facilityName || '');
    else openWebMap(mapLink(t.location, t.facilityName || ''));
  };

  useLoad(resetScroll);
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));

  const open = (url: string) => void navigateTo(url).catch(() => toast('页面打开失败'));
  const due = tasks?.filter((t) => t.remaining > 0).length ?? 0;
  const progress = roundProgress(tasks ?? []);

  return (
    <Page className='city-patrol-today-page'>
      <CityLoginGate why='巡查任务仅向巡查员开放'>
        <Button id='patrol-scan-open' className='btn-block patrol-scan-open' type='primary' size='large' block onClick={() => open(CITY_PAGES.patrolScan())}>
          扫码巡查签到
        </Button>
        <View id='patrol-verify-queue' className='card row patrol-verify' hoverClass='city-pressed' onClick={() => open(CITY_PAGES.queue('handled'))}>
          <View>
            <View className='patrol-verify-title'>待核查案件</View>
            <View className='muted'>责任单位已反馈，需要到现场拍照核查</View>
          </View>
          <View className='spacer' />
          <Text className='muted'>›</Text>
        </View>

        <LoadState error={error} loaded={tasks !== null} onRetry={() => void load()} />
        {tasks !== null ? (
          <View id='patrol-summary' className='section-title' data-due={due} data-total={tasks.length}>
            {tasks.length ? `巡查任务：还有 ${due} 处未完成，共 ${tasks.length} 处` : '巡查任务'}
          </View>
        ) : null}
        {tasks?.length ? (
          <View id='patrol-round' className='card patrol-round' data-done={progress.done} data-total={progress.total}>
            <View className='row'>
              <Text>本期已巡 {progress.done} / {progress.total} 次</Text>
              <View className='spacer' />
              <Text className='muted'>{progress.percent}%</Text>
            </View>
            <View className='patrol-round-track'>
              <View className='patrol-round-fill' style={{ width: `${progress.percent}%` }} />
            </View>
            <View id='patrol-locating' className='muted patrol-locating' data-phase={locating}>
              {locating === 'ok' ? '已按距离排序，近的在前' : locating === 'failed' ? '未能获取位置，暂不显示距离' : '正在获取位置…'}
            </View>
          </View>
        ) : null}
        {tasks !== null && tasks.length === 0 ? (
          <View id='patrol-empty' className='card city-empty'>
            今天没有巡查任务
          </View>
        ) : null}
        {tasks !== null
          ? SECTIONS.map((kind) => {
              const list = orderByDistance(tasks.filter((t) => targetKind(t) === kind), here);
              if (!list.length) return null;
              return (
                <View key={kind} id={`patrol-section-${kind}`} className='patrol-section' data-count={list.length}>
                  <View className='city-label patrol-section-title'>{kind === 'shop' ? `门前三包商户（${list.length}）` : `设施（${list.length}）`}</View>
                  {list.map((t) => (
                    <View
                      key={`${t.ruleId}:${t.facilityId}`}
                      className={`card city-list-item patrol-task${t.remaining ? '' : ' is-done'}`}
                      data-facility={t.facilityId}
                      data-kind={kind}
                      data-remaining={t.remaining}
                      hoverClass='city-pressed'
                      onClick={() => open(CITY_PAGES.patrolScan(t.facilityId, t.facilityName))}
                    >
                      <View className='row'>
                        <Text className='city-kind-tag patrol-kind'>{TARGET_KIND_LABELS[kind]}</Text>
                        <View className='city-list-title patrol-task-name'>{t.facilityName || `未命名${TARGET_KIND_LABELS[kind]}`}</View>
                        <Text className={`city-state ${t.remaining ? 'city-state--working' : 'city-state--done'}`}>{t.remaining ? `还差 ${t.remaining} 次` : '已完成'}</Text>
                      </View>
                      <View className='city-list-sub row'>
                        <Text>{taskText(t)}</Text>
                      </View>
                      {t.location ? (
                        <View className='city-list-sub row'>
                          <Text className='patrol-distance' data-m={Math.round(taskDistance(t, here) ?? -1)}>
                            {distanceText(taskDistance(t, here)) ?? ''}
                          </Text>
                          <View className='spacer' />
                          <Text
                            className='city-link patrol-nav'
                            data-href={mapLink(t.location, t.facilityName || '')}
                            onClick={(e) => {
                              e.stopPropagation();
                              navigate(t);
                            }}
                          >
                            路线导航 ›
                          </Text>
                        </View>
                      ) : null}
                    </View>
                  ))}
                </View>
              );
            })
          : null}
      </CityLoginGate>
    </Page>
  );
}
