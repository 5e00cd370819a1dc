import { useState } from 'react';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { api, session } from '../../../../services/client';
import { errorMessage } from '../../../../services/api';
import { stopPullDownRefresh, toast } from '../../../../services/adapters/taro';
import { createCityAdminApi, importErrorLines, type AdminGrid, type AdminGrids } from '../../../../services/cityadmin/api';
import '../../admin.scss';

const admin = createCityAdminApi(api);

/**
 * 网格与片长: the city's grids by town with their 片长. The admin imports grid boundaries (GeoJSON, all or nothing:
 * each refused feature is listed), renames and retires grids; the admin or the town regulator assigns a grid's
 * 片长 — by name and phone (an invitation code goes to the phone) — and the grid's open cases move to them.
 */
export default function Grids() {
  const [data, setData] = useState<AdminGrids | null>(null);
  const [canManage, setCanManage] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [geojson, setGeojson] = useState('');
  const [importErrors, setImportErrors] = useState<string[]>([]);
  const [importNote, setImportNote] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [form, setForm] = useState({ name: '', phone: '', rename: '' });
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    if (!session.isLoggedIn()) return;
    setError(null);
    try {
      const r = await api.getWithPolicies<AdminGrids>('/api/admin/grids');
      setData(r.data);
      setCanManage(!!r.policies['region.manage']);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useDidShow(() => void load());
  usePullDownRefresh(() => void load().finally(stopPullDownRefresh));

  const runImport = async () => {
    if (busy) return;
    setImportErrors([]);
    setImportNote(null);
    if (!geojson.trim()) return setImportErrors(['请粘贴 GeoJSON 内容']);
    setBusy(true);
    try {
      const r = await admin.importGrids(geojson);
      setImportNote(`已导入 ${r.imported} 个网格（新增 ${r.created}，更新 ${r.updated}）`);
      setGeojson('');
      await load();
    } catch (e) {
      const lines = importErrorLines(e);
      setImportErrors(lines.length ? [errorMessage(e), ...lines] : [errorMessage(e)]);
    } finally {
      setBusy(false);
    }
  };

  const act = async (g: AdminGrid, what: 'chief' | 'rename' | 'retire') => {
    if (busy) return;
    setFormError(null);
    setBusy(true);
    try {
      if (what === 'chief') {
        if (!form.name.trim() || !form.phone.trim()) throw new Error('请填写片长姓名和手机号');
        const r = await admin.assignChief(g.id, { name: form.name.trim(), phone: form.phone.trim() }, g.version);
        toast(r.movedCases ? `已指定片长，${r.movedCases} 件在办案件已转交` : '已指定片长，邀请码已发送到其手机');
      } else if (what === 'rename') {
        if (!form.rename.trim()) throw new Error('请填写新的网格名称');
        await admin.renameGrid(g.id, form.rename.trim(), g.version);
        toast('已改名');
      } else {
        await admin.retireGrid(g.id, '管理员停用', g.version);
        toast('网格已停用');
      }
      setEditing(null);
      setForm({ name: '', phone: '', rename: '' });
      await load();
    } catch (e) {
      setFormError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page className='admin-page'>
      <LoadState error={error} loaded={!!data} onRetry={() => void load()} />
      {data ? (
        <View>
          <View className='admin-card'>
            <View className='admin-title'>{data.city.name} · 网格</View>
            <Text className='admin-sub'>共 {data.grids.filter((g) => !g.retired).length} 个在用网格</Text>
          </View>
          {data.towns.map((t) => (
            <View key={t.id} className='admin-card' id={`town-${t.id}`}>
              <View className='admin-title'>{t.name}</View>
              {data.grids
                .filter((g) => g.townId === t.id)
                .map((g) => (
                  <View key={g.id} className={`admin-row grid-row${g.retired ? ' admin-retired' : ''}`} data-id={g.id}>
                    <View className='admin-main'>
                      <View className='admin-name'>{g.name}</View>
                      <Text className='admin-sub grid-chief'>{g.retired ? '已停用' : `片长：${g.areaChiefName ?? '未指定'}`} · </Text>
                      <Text className='admin-sub cl-code grid-code'>编号 {g.id}</Text>
                    </View>
                    {!g.retired ? (
                      <Text className='admin-link grid-edit' onClick={() => setEditing(editing === g.id ? null : g.id)}>
                        {editing === g.id ? '收起' : '管理'}
                      </Text>
                    ) : null}
                    {editing === g.id ? (
                      <View className='grid-form' style={{ width: '100%' }}>
                        <Input className='admin-input grid-chief-name' placeholder='新片长姓名' value={form.name} onInput={(e) => setForm({ ...form, name: e.detail.value })} />
                        <Input className='admin-input grid-chief-phone' type='number' placeholder='新片长手机号' value={form.phone} onInput={(e) => setForm({ ...form, phone: e.detail.value })} />
                        <Button className='grid-assign' type='primary' block disabled={busy} onClick={() => void act(g, 'chief')}>
                          指定片长（未注册将发送邀请码）
                        </Button>
                        {canManage ? (
                          <View>
                            <Input className='admin-input grid-rename' placeholder='新网格名称' value={form.rename} onInput={(e) => setForm({ ...form, rename: e.detail.value })} />
                            <Button block disabled={busy} onClick={() => void act(g, 'rename')}>
                              改名
                            </Button>
                            <Button block disabled={busy} onClick={() => void act(g, 'retire')}>
                              停用该网格
                            </Button>
                          </View>
                        ) : null}
                        {formError ? <View className='admin-error grid-form-error'>{formError}</View> : null}
                      </View>
                    ) : null}
                  </View>
                ))}
            </View>
          ))}
          {canManage ? (
            <View className='admin-card' id='grid-import'>
              <View className='admin-title'>导入网格边界文件</View>
              <Text id='grid-import-hint' className='admin-sub'>粘贴网格边界文件：每个网格一个多边形，属性写明编号、名称和街道（所属街道的编号）；坐标用国测局坐标，经度在前、纬度在后。任何一处错误都不会导入。</Text>
              <Textarea className='admin-textarea' id='grid-import-text' maxlength={-1} value={geojson} placeholder='粘贴网格边界文件内容' onInput={(e) => setGeojson(e.detail.value)} />
              <Button id='grid-import-submit' type='primary' block disabled={busy} onClick={() => void runImport()}>
                校验并导入
              </Button>
              {importNote ? <View className='admin-ok' id='grid-import-ok'>{importNote}</View> : null}
              {importErrors.map((line, i) => (
                <View key={i} className='admin-error grid-import-error'>
                  {line}
                </View>
              ))}
            </View>
          ) : null}
        </View>
      ) : null}
    </Page>
  );
}
