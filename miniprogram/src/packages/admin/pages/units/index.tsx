import { useState } from 'react';
import { Input, Picker, Text, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { api, session } from '../../../../services/client';
import { errorMessage } from '../../../../services/api';
import { stopPullDownRefresh, toast } from '../../../../services/adapters/taro';
import { createCityAdminApi, type AdminUnits } from '../../../../services/cityadmin/api';
import '../../admin.scss';

const admin = createCityAdminApi(api);
const KINDS = [
  { kind: 'component' as const, label: '部件' },
  { kind: 'event' as const, label: '事件' },
];

/**
 * 责任单位与分派表: the city's units (add, rename) and each town's class → unit rows (which unit handles which
 * class; `*` is the town's fallback). A row naming another city's unit is refused by the server.
 */
export default function Units() {
  const [data, setData] = useState<AdminUnits | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [unitName, setUnitName] = useState('');
  const [townIdx, setTownIdx] = useState(0);
  const [row, setRow] = useState({ kindIdx: 1, classCode: '*', unitIdx: 0 });
  const [busy, setBusy] = useState(false);

  const load = async () => {
    if (!session.isLoggedIn()) return;
    setError(null);
    try {
      setData(await admin.units());
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));

  const run = async (f: () => Promise<unknown>, done: string) => {
    if (busy) return;
    setBusy(true);
    setFormError(null);
    try {
      await f();
      toast(done);
      await load();
    } catch (e) {
      setFormError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const town = data?.towns[townIdx];
  const unitsOfTown = data?.units.filter((u) => u.townId === town?.id) ?? [];
  return (
    <Page className='admin-page'>
      <LoadState error={error} loaded={!!data} onRetry={() => void load()} />
      {data && town ? (
        <View>
          <View className='admin-card'>
            <View className='admin-title'>{data.city.name}</View>
            <Picker mode='selector' range={data.towns.map((t) => t.name)} value={townIdx} onChange={(e) => setTownIdx(Number(e.detail.value))}>
              <View className='admin-input' id='units-town'>街道（镇）：{town.name} ▾</View>
            </Picker>
          </View>
          <View className='admin-card' id='units-list'>
            <View className='admin-title'>责任单位</View>
            {unitsOfTown.map((u) => (
              <View key={u.id} className='admin-row unit-row' data-id={u.id}>
                <View className='admin-main admin-name'>{u.name}</View>
              </View>
            ))}
            <Input className='admin-input' id='unit-name' placeholder='新单位名称' value={unitName} onInput={(e) => setUnitName(e.detail.value)} />
            <Button id='unit-add' block disabled={busy} onClick={() => void run(async () => { await admin.addUnit(unitName.trim(), town.id); setUnitName(''); }, '已添加单位')}>
              添加单位
            </Button>
          </View>
          <View className='admin-card' id='routing-list'>
            <View className='admin-title'>分派表</View>
            {data.routing
              .filter((r) => r.townId === town.id)
              .map((r) => (
                <View key={r.id} className='admin-row routing-row' data-id={r.id}>
                  <View className='admin-main'>
                    <View className='admin-name'>{r.classCode === '*' ? '兜底' : r.classCode} · {r.kind === 'component' ? '部件' : '事件'}</View>
                    <Text className='admin-sub'>{r.unitName}</Text>
                  </View>
                  <Text className='admin-link routing-delete' onClick={() => void run(() => admin.deleteRouting(r.id), '已删除')}>
                    删除
                  </Text>
                </View>
              ))}
            <Picker mode='selector' range={KINDS.map((k) => k.label)} value={row.kindIdx} onChange={(e) => setRow({ ...row, kindIdx: Number(e.detail.value) })}>
              <View className='admin-input'>类型：{KINDS[row.kindIdx].label} ▾</View>
            </Picker>
            <Input className='admin-input' id='routing-class' placeholder='类别代码（4 位）或 *' value={row.classCode} onInput={(e) => setRow({ ...row, classCode: e.detail.value })} />
            <Picker mode='selector' range={unitsOfTown.map((u) => u.name)} value={row.unitIdx} onChange={(e) => setRow({ ...row, unitIdx: Number(e.detail.value) })}>
              <View className='admin-input'>单位：{unitsOfTown[row.unitIdx]?.name ?? '（先添加单位）'} ▾</View>
            </Picker>
            <Button
              id='routing-save'
              type='primary'
              block
              disabled={busy || !unitsOfTown.length}
              onClick={() => void run(() => admin.putRouting({ townId: town.id, kind: KINDS[row.kindIdx].kind, classCode: row.classCode.trim(), unitId: unitsOfTown[row.unitIdx].id }), '已保存分派规则')}
            >
              保存分派规则
            </Button>
          </View>
          {formError ? <View className='admin-error' id='units-error'>{formError}</View> : null}
        </View>
      ) : null}
    </Page>
  );
}
