import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow, useLoad, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { useSessionUser } from '../../../../components/hooks';
import { session } from '../../../../services/client';
import { errorMessage } from '../../../../services/api';
import { formatTime } from '../../../../services/format';
import { CITY_PAGES, canSeeMetrics, isAreaChief, isPatroller } from '../../../../services/city-access';
import { isOverdue, overdueByUnit, sortQueue, type QueueSort } from '../../../../services/city/queue-order';
import { CLASS_KIND_LABELS, isQueueFilter, queueFiltersFor } from '../../../../services/city/view-model';
import { pageParam } from '../../../../services/links';
import { type CaseSummary } from '../../../../services/city/api';
import { navigateTo, stopPullDownRefresh, toast } from '../../../../services/adapters/taro';
import { resetScroll } from '../../../../services/adapters/city-device';
import { DeadlineLine, StateBadge } from '../../../citizen/components/CaseParts';
import { CityLoginGate } from '../../../citizen/components/CityLoginGate';
import { cityApi } from '../../../citizen/cityApi';
import '../../../citizen/city.scss';
import './index.scss';

/**
 * 案件办理: the cases the caller may work on (the server scopes them to the area chief's grids, the unit's
 * organisation, the patroller's grids), filtered by state; the area chief's tools on top.
 */
export default function Queue() {
  const initial = pageParam(useRouter().params.state);
  const user = useSessionUser();
  const [state, setState] = useState(isQueueFilter(initial) ? initial : 'open');
  const [items, setItems] = useState<CaseSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (s = state) => {
    if (!session.isLoggedIn()) return;
    setError(null);
    try {
      const rows = await cityApi.queue(s);
      setItems(rows);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  useLoad(resetScroll);
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));

  const choose = (s: string) => {
    if (s === state) return;
    setState(s);
    setItems(null);
    void load(s);
  };

  const open = (url: string) => void navigateTo(url).catch(() => toast('页面打开失败'));
  const now = new Date();
  // most urgent first unless the user asks for the newest; the overdue ones counted on top
  const [sort, setSort] = useState<QueueSort>('due');
  const sorted = items ? sortQueue(items, sort) : null;
  const overdue = items ? items.filter((c) => isOverdue(c, now)).length : 0;
  const chief = isAreaChief(user);

  return (
    <Page className='city-queue-page'>
      <CityLoginGate why='案件办理仅向片长、责任单位、巡查员和监管部门开放'>
        {chief || canSeeMetrics(user) ? (
          <View id='queue-tools' className='city-tools'>
            {chief ? (
              <View id='queue-rules' className='city-tool' hoverClass='city-pressed' onClick={() => open(CITY_PAGES.rules)}>
                巡查规则
              </View>
            ) : null}
            {chief ? (
              <View id='queue-appeals' className='city-tool' hoverClass='city-pressed' onClick={() => open('/packages/chief/pages/appeals/index')}>
                申诉审核
              </View>
            ) : null}
            {chief ? (
              <View id='queue-coverage' className='city-tool' hoverClass='city-pressed' onClick={() => open(CITY_PAGES.coverage)}>
                巡查覆盖
              </View>
            ) : null}
            {chief ? (
              <View id='queue-invite' className='city-tool' hoverClass='city-pressed' onClick={() => open(CITY_PAGES.invite)}>
                邀请巡查员
              </View>
            ) : null}
            {canSeeMetrics(user) ? (
              <View id='queue-metrics' className='city-tool' hoverClass='city-pressed' onClick={() => open(CITY_PAGES.metrics)}>
                办理统计
              </View>
            ) : null}
          </View>
        ) : null}

        <View id='queue-filters' className='city-tabs' data-state={state}>
          {queueFiltersFor({ accepts: canSeeMetrics(user), verifies: canSeeMetrics(user) || isPatroller(user) }).map((f) => (
            <View key={f.state} className={`city-tab queue-filter${f.state === state ? ' is-active' : ''}`} data-state={f.state} onClick={() => choose(f.state)}>
              {f.label}
            </View>
          ))}
        </View>

        <LoadState error={error} loaded={items !== null} onRetry={() => void load()} />
        {items !== null && items.length === 0 ? (
          <View id='queue-empty' className='card city-empty'>
            暂无案件
          </View>
        ) : null}
        {items?.length ? (
          <View id='queue-order' className='row queue-order' data-sort={sort} data-overdue={overdue}>
            {overdue ? (
              <Text id='queue-overdue' className='city-overdue queue-overdue'>
                {overdue} 件已超期，请优先办理
              </Text>
            ) : (
              <Text className='muted'>共 {items.length} 件</Text>
            )}
            <View className='spacer' />
            <Text id='queue-sort' className='city-link queue-sort' onClick={() => setSort(sort === 'due' ? 'new' : 'due')}>
              {sort === 'due' ? '按时限排序 ⇅' : '按上报时间排序 ⇅'}
            </Text>
          </View>
        ) : null}
        {chief && items && overdue ? (
          <View id='queue-overdue-units' className='card queue-overdue-units'>
            <View className='muted'>超期案件按责任单位（进入案件可催办）</View>
            {overdueByUnit(items, now).map((g) => (
              <View key={g.key} className='row queue-overdue-unit' data-unit={g.key} data-count={g.count}>
                <Text>{g.name}</Text>
                <View className='spacer' />
                <Text className='queue-overdue'>超期 {g.count} 件</Text>
              </View>
            ))}
          </View>
        ) : null}
        {sorted?.map((c) => (
          <View key={c.id} className={`card city-list-item queue-item${isOverdue(c, now) ? ' is-overdue' : ''}`} data-id={c.id} data-state={c.state} data-overdue={isOverdue(c, now) ? '1' : '0'} hoverClass='city-pressed' onClick={() => open(CITY_PAGES.staffCase(c.id))}>
            <View className='row'>
              <Text className='city-kind-tag'>{CLASS_KIND_LABELS[c.kind] ?? c.kind}</Text>
              <View className='city-list-title'>
                {c.className}
                {c.urgent ? <Text className='city-urgent'>紧急</Text> : null}
                {c.supervision ? <Text className='city-urgent queue-supervised'>督办</Text> : null}
              </View>
              <StateBadge state={c.state} label={c.stateLabel} />
            </View>
            <View className='city-list-sub'>
              {c.facilityName || c.placeName || '按位置上报'}
              {c.unitId ? <Text className='queue-unit'> · {c.unitName || c.unitId}</Text> : null}
            </View>
            {isOverdue(c, now) ? (
              <View className='queue-step-overdue'>
                {c.stepDue ? `${c.stepDue.label}已超期（时限 ${formatTime(c.stepDue.at, now)}）` : '已超期'}
                {c.remindedToday ? <Text className='queue-reminded'> · 今日已催办</Text> : null}
              </View>
            ) : null}
            <View className='city-list-sub queue-desc'>{c.description}</View>
            <View className='city-list-sub row'>
              <Text>
                <Text className='queue-grid' data-grid={c.gridId ?? ''}>
                  {c.gridName || c.gridId || '—'}
                </Text>{' '}
                · {formatTime(c.createdAt, now)}
              </Text>
              <View className='spacer' />
              <DeadlineLine c={c} now={now} />
            </View>
          </View>
        ))}
      </CityLoginGate>
    </Page>
  );
}
