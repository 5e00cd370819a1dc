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
import { canOpenMap, openMap, resetScroll } from '../../../../services/adapters/city-device';
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

  const load = async () => {
    if (!session.isLoggedIn()) return;
    setError(null);
    try {
      setTasks(sortTasks(await cityApi.patrolToday()));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  useLoad(resetScroll);
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));

  const open = (url: string) => void navigateTo(url).catch(() => toast('页面打开失败'));
  const due = tasks?.filter((t) => t.remaining > 0).length ?? 0;

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
        {tasks !== null && tasks.length === 0 ? (
          <View id='patrol-empty' className='card city-empty'>
            今天没有巡查任务
          </View>
        ) : null}
        {tasks !== null
          ? SECTIONS.map((kind) => {
              const list = tasks.filter((t) => targetKind(t) === kind);
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
                        <View className='spacer' />
                        {t.location && canOpenMap() ? (
                          <Text
                            className='city-link'
                            onClick={(e) => {
                              e.stopPropagation();
                              openMap(t.location!, t.facilityName || '');
                            }}
                          >
                            导航
                          </Text>
                        ) : null}
                      </View>
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
