import { useState } from 'react';
import { View } from '@tarojs/components';
import { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { session } from '../../../../services/client';
import { errorMessage } from '../../../../services/api';
import { PERIOD_LABELS, coverageRate, percentText } from '../../../../services/city/view-model';
import { type CoverageRow, type PatrolPer } from '../../../../services/city/api';
import { stopPullDownRefresh } from '../../../../services/adapters/taro';
import { resetScroll } from '../../../../services/adapters/city-device';
import { useSessionUser } from '../../../../components/hooks';
import { gridsOf } from '../../../../services/city-access';
import { CoverageEvidence } from '../../components/CoverageEvidence';
import { CityLoginGate } from '../../../citizen/components/CityLoginGate';
import { cityApi } from '../../../citizen/cityApi';
import { chiefTowns, gridName, patrollerLabel } from '../../directory/directory';
import { useDirectory } from '../../directory/useDirectory';
import '../../../citizen/city.scss';

const PERS: PatrolPer[] = ['day', 'week', 'month'];

/** 巡查覆盖 (area chief): per patroller and grid, checks due / done in the period, and 漏巡 recorded. */
export default function Coverage() {
  const [per, setPer] = useState<PatrolPer>('week');
  const [rows, setRows] = useState<CoverageRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const user = useSessionUser();
  const directory = useDirectory(chiefTowns(user?.roles));
  const grids = gridsOf(user, 'areaChief');

  const load = async (p = per) => {
    if (!session.isLoggedIn()) return;
    setError(null);
    try {
      setRows(await cityApi.coverage(p));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  useLoad(resetScroll);
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));

  const choose = (p: PatrolPer) => {
    setPer(p);
    setRows(null);
    void load(p);
  };

  return (
    <Page className='city-coverage-page'>
      <CityLoginGate why='巡查覆盖仅向片长开放'>
        <View className='city-tabs'>
          {PERS.map((p) => (
            <View key={p} className={`city-tab coverage-per${p === per ? ' is-active' : ''}`} data-per={p} onClick={() => choose(p)}>
              {PERIOD_LABELS[p]}
            </View>
          ))}
        </View>
        <LoadState error={error} loaded={rows !== null} onRetry={() => void load()} />
        {rows !== null && rows.length === 0 ? (
          <View id='coverage-empty' className='card city-empty'>
            暂无巡查规则，请先在“巡查规则”中设置
          </View>
        ) : null}
        {rows?.length ? (
          <View id='coverage-table' className='card city-table'>
            <View className='city-tr city-th'>
              <View className='city-td city-td--main'>巡查员 / 网格</View>
              <View className='city-td city-td--num'>应巡</View>
              <View className='city-td city-td--num'>已巡</View>
              <View className='city-td city-td--num'>漏巡</View>
            </View>
            {rows.map((r) => {
              const rate = coverageRate(r);
              const who = patrollerLabel(directory, r.patrollerId);
              const tone = rate === null ? '' : rate < 0.6 ? ' city-bar-fill--low' : rate < 0.9 ? ' city-bar-fill--mid' : '';
              return (
                <View key={`${r.patrollerId}|${r.gridId}`} className='coverage-row' data-patroller={r.patrollerId} data-grid={r.gridId} data-due={r.due} data-done={r.done} data-missed={r.missed}>
                  <View className='city-tr'>
                    <View className='city-td city-td--main'>
                      <View className='coverage-patroller'>{who.name}</View>
                      {who.company ? <View className='muted coverage-company'>{who.company}</View> : null}
                      <View className='muted coverage-grid'>{gridName(directory, r.gridId)}</View>
                      <View className='muted'>完成 {percentText(rate)}</View>
                    </View>
                    <View className='city-td city-td--num'>{r.due}</View>
                    <View className='city-td city-td--num'>{r.done}</View>
                    <View className={`city-td city-td--num${r.missed ? ' coverage-missed' : ''}`}>{r.missed}</View>
                  </View>
                  <View className='city-bar'>
                    <View className={`city-bar-fill${tone}`} style={{ width: `${Math.round((rate ?? 0) * 100)}%` }} />
                  </View>
                </View>
              );
            })}
          </View>
        ) : null}
        {grids.length ? <CoverageEvidence grids={grids} per={per} gridLabel={(g) => gridName(directory, g)} who={(id) => patrollerLabel(directory, id).name} /> : null}
        <View className='city-note'>应巡、已巡按{PERIOD_LABELS[per]}计；漏巡为已结束周期中未完成的次数（系统每周期结束后记录并提醒片长）。</View>
      </CityLoginGate>
    </Page>
  );
}
