import { useEffect, useState } from 'react';
import { Input, View } from '@tarojs/components';
import { errorMessage } from '../../../services/api';
import type { GridMapFacility } from '../../../services/city/api';
import { GridMap } from '../../../components/grid-map';
import { cityApi } from '../../citizen/cityApi';

/** Picks facilities of a grid: search by name or code, filter by class, or tap them on the grid map. */
export function FacilityPicker({ gridId, value, onChange }: { gridId: string; value: string[]; onChange: (ids: string[]) => void }) {
  const [all, setAll] = useState<GridMapFacility[] | null>(null);
  const [polygon, setPolygon] = useState<{ lng: number; lat: number }[]>([]);
  const [text, setText] = useState('');
  const [cls, setCls] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    cityApi
      .gridMap(gridId)
      .then((m) => live && (setAll(m.facilities.filter((f) => !f.id.startsWith('pq_'))), setPolygon(m.polygon)))
      .catch((e) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [gridId]);
  const toggle = (id: string) => onChange(value.includes(id) ? value.filter((x) => x !== id) : [...value, id]);
  const q = text.trim().toLowerCase();
  const shown = (all ?? []).filter((f) => (!cls || f.classCode === cls) && (!q || f.name.toLowerCase().includes(q) || (f.componentId ?? '').includes(q) || f.id.includes(q)));
  const classes = [...new Set((all ?? []).map((f) => f.classCode).filter((x): x is string => !!x))].sort();
  if (error) return <View className='error-text'>{error}</View>;
  if (!all) return <View className='muted'>正在加载网格设施…</View>;
  return (
    <View id='facility-picker' data-picked={value.length}>
      <Input id='facility-search' className='text-input' value={text} placeholder='按名称或编码搜索' onInput={(e) => setText(e.detail.value)} />
      <View className='city-options'>
        <View className={`city-option facility-class${!cls ? ' is-active' : ''}`} onClick={() => setCls('')}>
          全部类别
        </View>
        {classes.map((c) => (
          <View key={c} className={`city-option facility-class${c === cls ? ' is-active' : ''}`} data-class={c} onClick={() => setCls(c)}>
            {c}
          </View>
        ))}
      </View>
      <GridMap id='facility-map' polygon={polygon} points={shown.map((f) => ({ id: f.id, name: f.name, location: f.location, tone: value.includes(f.id) ? 'done' : 'none', picked: value.includes(f.id) }))} onPick={toggle} height={240} />
      <View className='muted'>点地图上的设施或下方列表选择；已选 {value.length} 处</View>
      {shown.slice(0, 50).map((f) => (
        <View key={f.id} className={`rule-patroller-option facility-option${value.includes(f.id) ? ' is-active' : ''}`} data-id={f.id} onClick={() => toggle(f.id)}>
          <View className='rule-patroller-check'>{value.includes(f.id) ? '✓' : ''}</View>
          <View className='rule-patroller-text'>
            <View className='rule-patroller-name'>{f.name}</View>
            <View className='muted'>{f.componentId ?? f.id}</View>
          </View>
        </View>
      ))}
    </View>
  );
}
