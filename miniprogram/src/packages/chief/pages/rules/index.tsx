import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../../../components/Page';
import { useSessionUser } from '../../../../components/hooks';
import { errorMessage } from '../../../../services/api';
import { gridsOf } from '../../../../services/city-access';
import { PER_LABELS } from '../../../../services/city/view-model';
import { validateRule } from '../../../../services/city/form-rules';
import { FacilityPicker } from '../../components/FacilityPicker';
import { RuleList } from '../../components/RuleList';
import { type PatrolPer } from '../../../../services/city/api';
import { toast } from '../../../../services/adapters/taro';
import { resetScroll } from '../../../../services/adapters/city-device';
import { scrollToTop } from '../../../../services/adapters/pit-media';
import { CityLoginGate } from '../../../citizen/components/CityLoginGate';
import { cityApi } from '../../../citizen/cityApi';
import { chiefTowns, gridName, patrollersOf } from '../../directory/directory';
import { useDirectory } from '../../directory/useDirectory';
import '../../../citizen/city.scss';
import './index.scss';
import { PATROL_RULE_NAME_MAX } from '@cityloop/shared/city/case.limits';

const PERS: PatrolPer[] = ['day', 'week', 'month'];

/**
 * 巡查规则 (area chief): which facilities of a duty grid (or the whole grid), how often, in which daily
 * window, by which patrollers (the grid's own or a third-party company's).
 */
export default function Rules() {
  const user = useSessionUser();
  const grids = gridsOf(user, 'areaChief');
  const [name, setName] = useState('日常巡查');
  const [gridId, setGridId] = useState('');
  const [wholeGrid, setWholeGrid] = useState(true);
  const [facilityIds, setFacilityIds] = useState<string[]>([]);
  const [per, setPer] = useState<PatrolPer>('week');
  const [times, setTimes] = useState('1');
  const [start, setStart] = useState('08:00');
  const [end, setEnd] = useState('18:00');
  const [picked, setPicked] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ id: string; facilities: number } | null>(null);
  const [refresh, setRefresh] = useState(0);

  const grid = gridId || grids[0] || '';
  const directory = useDirectory(chiefTowns(user?.roles));
  // the grid's patrollers, the grid's own and third-party company staff (the server refuses anyone else)
  const here = patrollersOf(directory, grid);
  const ids = picked.filter((id) => here.some((p) => p.id === id));
  const toggle = (id: string) => setPicked((xs) => (xs.includes(id) ? xs.filter((x) => x !== id) : [...xs, id]));

  useLoad(resetScroll);

  const submit = async () => {
    if (submitting) return;
    const invalid = validateRule({ name, gridId: grid, per, times, start, end, patrollerIds: ids, wholeGrid, facilityIds });
    if (invalid) {
      setError(invalid);
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const r = await cityApi.createRule({
        name: name.trim(),
        gridId: grid,
        ...(wholeGrid ? { wholeGrid: true } : { facilityIds }),
        per,
        times: Number(times),
        window: { start, end },
        patrollerIds: ids,
      });
      setCreated(r);
      setRefresh((n) => n + 1);
      toast('巡查规则已创建', 'success');
      scrollToTop();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Page className='city-rules-page'>
      <CityLoginGate why='巡查规则由片长设置'>
        {created ? (
          <View id='rule-created' className='city-success' data-id={created.id} data-facilities={created.facilities}>
            <View className='city-success-title'>巡查规则已创建</View>
            <View>
              覆盖 {created.facilities} 处设施，{PER_LABELS[per]} {times} 次；巡查员的“今日巡查”已更新。
            </View>
          </View>
        ) : null}
        {grids.length ? <RuleList refresh={refresh} /> : null}
        {!grids.length ? (
          <View id='rules-no-grid' className='card city-empty'>
            您不是任何网格的片长，无法设置巡查规则
          </View>
        ) : (
          <View className='card'>
            <View className='city-label'>规则名称</View>
            <Input id='rule-name' className='text-input' value={name} maxlength={PATROL_RULE_NAME_MAX} onInput={(e) => setName(e.detail.value)} />

            <View className='city-label'>网格</View>
            <View className='city-options rule-options'>
              {grids.map((g) => (
                <View key={g} className={`city-option rule-grid-option${g === grid ? ' is-active' : ''}`} data-grid={g} onClick={() => setGridId(g)}>
                  {gridName(directory, g)}
                </View>
              ))}
            </View>

            <View className='city-label'>巡查范围</View>
            <View className='city-options rule-options'>
              <View id='rule-whole-grid' className={`city-option${wholeGrid ? ' is-active' : ''}`} onClick={() => setWholeGrid(true)}>
                整个网格的设施
              </View>
              <View id='rule-some-facilities' className={`city-option${!wholeGrid ? ' is-active' : ''}`} onClick={() => setWholeGrid(false)}>
                指定设施
              </View>
            </View>
            {!wholeGrid && grid ? <FacilityPicker gridId={grid} value={facilityIds} onChange={setFacilityIds} /> : null}

            <View className='city-label'>频次</View>
            <View className='row'>
              <View className='city-options rule-options rule-pers'>
                {PERS.map((p) => (
                  <View key={p} className={`city-option rule-per-option${p === per ? ' is-active' : ''}`} data-per={p} onClick={() => setPer(p)}>
                    {PER_LABELS[p]}
                  </View>
                ))}
              </View>
              <Input id='rule-times' className='text-input rule-times' type='number' value={times} onInput={(e) => setTimes(e.detail.value)} />
              <Text className='rule-times-unit'>次</Text>
            </View>

            <View className='city-label'>每日巡查时段</View>
            <View className='row'>
              <Input id='rule-start' className='text-input rule-time' value={start} placeholder='08:00' onInput={(e) => setStart(e.detail.value)} />
              <Text className='rule-time-sep'>至</Text>
              <Input id='rule-end' className='text-input rule-time' value={end} placeholder='18:00' onInput={(e) => setEnd(e.detail.value)} />
            </View>

            <View className='city-label'>巡查人员</View>
            {!directory ? <View className='muted rule-patrollers-loading'>正在加载本网格巡查员名单…</View> : null}
            {directory && !here.length ? (
              <View id='rule-patrollers-empty' className='muted'>
                本网格暂无巡查员，请联系监管部门邀请巡查员（含第三方公司人员）
              </View>
            ) : null}
            {here.length ? (
              <View id='rule-patrollers' className='rule-patroller-list' data-count={ids.length}>
                {here.map((p) => (
                  <View key={p.id} className={`rule-patroller-option${ids.includes(p.id) ? ' is-active' : ''}`} data-id={p.id} hoverClass='city-pressed' onClick={() => toggle(p.id)}>
                    <View className='rule-patroller-check'>{ids.includes(p.id) ? '✓' : ''}</View>
                    <View className='rule-patroller-text'>
                      <View className='rule-patroller-name'>{p.name}</View>
                      <View className='muted rule-patroller-company'>
                        {p.thirdParty ? <Text className='rule-patroller-tag'>第三方</Text> : null}
                        {p.company ?? '本单位巡查员'}
                      </View>
                    </View>
                  </View>
                ))}
              </View>
            ) : null}

            <ErrorText id='rule-error' message={error} />
            <Button id='rule-submit' className='btn-block' type='primary' size='large' block loading={submitting} onClick={() => void submit()}>
              创建巡查规则
            </Button>
          </View>
        )}
      </CityLoginGate>
    </Page>
  );
}
