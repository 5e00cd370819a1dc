import { useState } from 'react';
import { Input, Picker, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { api, session } from '../../../../services/client';
import { errorMessage } from '../../../../services/api';
import { toast } from '../../../../services/adapters/taro';
import { createCityAdminApi, type AdminFacility, type AdminGrid } from '../../../../services/cityadmin/api';
import { classOption } from '../../../../services/city/view-model';
import '../../admin.scss';

const admin = createCityAdminApi(api);

/**
 * 设施管理: find a facility by name, rename it, move it to another grid (the position must lie inside), or retire
 * it (its code then answers 该设施已停用). Every change is versioned and audited by the server.
 */
export default function Facilities() {
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<AdminFacility[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [form, setForm] = useState({ name: '', gridId: '', reason: '' });
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // grid names for the ids facilities carry (and the grids one may move a facility to)
  const [grids, setGrids] = useState<AdminGrid[]>([]);
  const gridLabel = (id: string | null) => (id ? grids.find((g) => g.id === id)?.name ?? '未知网格' : '无网格');
  const movable = grids.filter((g) => !g.retired);

  const load = async (text = q) => {
    if (!session.isLoggedIn()) return;
    setError(null);
    try {
      const [found, all] = await Promise.all([admin.facilities(undefined, text.trim() || undefined), grids.length ? Promise.resolve(null) : admin.grids()]);
      if (all) setGrids(all.grids);
      setRows(found);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useDidShow(() => void load());

  const act = async (f: AdminFacility, what: 'edit' | 'retire') => {
    if (busy) return;
    setBusy(true);
    setFormError(null);
    try {
      if (what === 'edit') {
        const body = { ...(form.name.trim() ? { name: form.name.trim() } : {}), ...(form.gridId.trim() ? { gridId: form.gridId.trim() } : {}), version: f.version };
        await admin.editFacility(f.id, body);
        toast('已保存');
      } else {
        await admin.retireFacility(f.id, form.reason.trim(), f.version);
        toast('设施已停用');
      }
      setOpen(null);
      setForm({ name: '', gridId: '', reason: '' });
      await load();
    } catch (e) {
      setFormError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page className='admin-page'>
      <View className='admin-card'>
        <Input className='admin-input' id='facility-search' placeholder='按名称查找设施' value={q} onInput={(e) => setQ(e.detail.value)} onConfirm={() => void load()} />
        <Button block onClick={() => void load()}>
          查找
        </Button>
      </View>
      <LoadState error={error} loaded={!!rows} onRetry={() => void load()} />
      {rows ? (
        <View className='admin-card' id='facility-list'>
          {rows.length === 0 ? <Text className='admin-sub'>没有找到设施</Text> : null}
          {rows.map((f) => (
            <View key={f.id} className={`admin-row facility-row${f.retired ? ' admin-retired' : ''}`} data-id={f.id}>
              <View className='admin-main'>
                <View className='admin-name'>{f.name}</View>
                <Text className='admin-sub facility-meta' data-grid={f.gridId ?? ''}>{f.retired ? '已停用' : `${classOption('component', f.classCode)?.name ?? `类别 ${f.classCode}`} · ${gridLabel(f.gridId)}`}</Text>
              </View>
              {!f.retired ? (
                <Text className='admin-link facility-edit' onClick={() => setOpen(open === f.id ? null : f.id)}>
                  {open === f.id ? '收起' : '修改'}
                </Text>
              ) : null}
              {open === f.id ? (
                <View style={{ width: '100%' }}>
                  <Input className='admin-input facility-name' placeholder='新名称' value={form.name} onInput={(e) => setForm({ ...form, name: e.detail.value })} />
                  <Picker mode='selector' range={movable.map((g) => `${g.name}（${g.townName}）`)} value={Math.max(0, movable.findIndex((g) => g.id === form.gridId))} onChange={(e) => setForm({ ...form, gridId: movable[Number(e.detail.value)]?.id ?? '' })}>
                    <View className='admin-input facility-grid' data-grid={form.gridId}>{form.gridId ? `调整到：${gridLabel(form.gridId)}` : '调整到其他网格（可选）'}</View>
                  </Picker>
                  <Button type='primary' block disabled={busy} onClick={() => void act(f, 'edit')}>
                    保存修改
                  </Button>
                  <Input className='admin-input facility-reason' placeholder='停用原因' value={form.reason} onInput={(e) => setForm({ ...form, reason: e.detail.value })} />
                  <Button block disabled={busy} onClick={() => void act(f, 'retire')}>
                    停用设施
                  </Button>
                  {formError ? <View className='admin-error facility-error'>{formError}</View> : null}
                </View>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}
    </Page>
  );
}
