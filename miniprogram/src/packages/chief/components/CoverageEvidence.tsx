import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { errorMessage } from '../../../services/api';
import { formatTime } from '../../../services/format';
import type { CoverageCheck, GridMap as GridMapData, PatrolPer } from '../../../services/city/api';
import { GridMap, type GridMapPoint } from '../../../components/grid-map';
import { CasePhotos } from '../../citizen/components/CasePhotos';
import { cityApi } from '../../citizen/cityApi';

/** The grid map (done / due / missed facilities, live complaints) and each check-in with its evidence. */
export function CoverageEvidence({ grids, per, gridLabel, who }: { grids: string[]; per: PatrolPer; gridLabel: (id: string) => string; who: (id: string) => string }) {
  const [gridId, setGridId] = useState(grids[0] ?? '');
  const [map, setMap] = useState<GridMapData | null>(null);
  const [checks, setChecks] = useState<CoverageCheck[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!gridId) return;
    let live = true;
    setError(null);
    Promise.all([cityApi.gridMap(gridId, per), cityApi.coverageChecks(per, gridId)])
      .then(([m, c]) => live && (setMap(m), setChecks(c)))
      .catch((e) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [gridId, per]);
  const points: GridMapPoint[] = map
    ? [...map.facilities.map((f) => ({ id: f.id, name: f.name, location: f.location, tone: f.status ?? ('none' as const) })), ...map.complaints.map((c) => ({ id: c.id, name: `${c.shopName}：${c.className}`, location: c.location, tone: 'complaint' as const })), ...(map.cases ?? []).map((c) => ({ id: c.id, name: c.title, location: c.location, tone: 'case' as const }))]
    : [];
  return (
    <View id='coverage-evidence'>
      <View className='city-tabs'>
        {grids.map((g) => (
          <View key={g} className={`city-tab coverage-grid-tab${g === gridId ? ' is-active' : ''}`} data-grid={g} onClick={() => setGridId(g)}>
            {gridLabel(g)}
          </View>
        ))}
      </View>
      {error ? <View className='error-text'>{error}</View> : null}
      {map ? <GridMap id='coverage-map' polygon={map.polygon} points={points} /> : null}
      {map?.complaints.length ? (
        <View id='coverage-complaints' className='card'>
          <View className='section-title'>网格内未结投诉（{map.complaints.length}）</View>
          {map.complaints.map((c) => (
            <View key={c.id} className='coverage-complaint muted' data-id={c.id}>
              {c.shopName} · {c.className} · 期限 {formatTime(c.deadline, new Date())}
            </View>
          ))}
        </View>
      ) : null}
      {checks ? (
        <View id='coverage-checks' className='card' data-count={checks.length}>
          <View className='section-title'>巡查记录（{checks.length}）</View>
          {!checks.length ? <View className='muted'>本周期暂无巡查打卡</View> : null}
          {checks.map((k) => (
            <View key={k.id} className='coverage-check' data-id={k.id} data-distance={k.distanceM}>
              <View>
                {formatTime(k.at, new Date())} · {who(k.patrollerId)} · {k.facilityName ?? k.facilityId}
              </View>
              <View className='muted'>
                距设施 {k.distanceM} 米 · 定位精度 ±{k.accuracyM} 米 · {k.condition === 'ok' ? '正常' : '发现问题'}
              </View>
              <CasePhotos shas={k.photos} />
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
