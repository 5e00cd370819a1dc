import { useState } from 'react';
import { Input, Switch, Text, View } from '@tarojs/components';
import { useLoad, useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../../../components/Page';
import { errorMessage } from '../../../../services/api';
import { pageParam } from '../../../../services/links';
import { redirectTo } from '../../../../services/adapters/taro';
import { getLocation } from '../../../../services/adapters/city-device';
import { CATEGORY_FIELDS, CATEGORY_LABELS, PARTICIPANT_ROLE_LABELS } from '@cityloop/shared/dangerous-works/review.limits';
import { projectPage } from '../../../../services/review/api';
import { reviewApi } from '../../reviewApi';
import '../../review.scss';

type Item = { name: string; category: string; fields: Record<string, string | boolean> };
const PARTY_ROLES = ['owner', 'contractor', 'supervisor', 'designer', 'monitor'];
const blank = (): Item => ({ name: '', category: '', fields: {} });

/** The typed numbers of an item as the API takes them (a number field left empty is left out). */
function fieldsOf(it: Item): Record<string, number | boolean | string> {
  const out: Record<string, number | boolean | string> = {};
  for (const f of CATEGORY_FIELDS[it.category] ?? []) {
    const v = it.fields[f.key];
    if (f.kind === 'flag') out[f.key] = v === true;
    else if (f.kind === 'choice') {
      if (typeof v === 'string' && v) out[f.key] = v;
    } else if (typeof v === 'string' && v.trim() !== '') out[f.key] = Number(v);
  }
  return out;
}

/**
 * 危大工程登记 (contractor): the project, its participating units (回避 in the expert draw rests on them) and its
 * sub-items with the numbers each category is classified by; the server classifies each item (非危大 / 危大 / 超规模).
 */
export default function RegisterPage() {
  const projectId = pageParam(useRouter().params.projectId) ?? '';
  const [head, setHead] = useState({ name: '', address: '', townId: '' });
  const [site, setSite] = useState<{ lng: number; lat: number } | null>(null);
  const [towns, setTowns] = useState<{ id: string; name: string }[]>([]);
  const [parties, setParties] = useState<Record<string, string>>({});
  const [items, setItems] = useState<Item[]>([blank()]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useLoad(() => {
    reviewApi.towns().then(setTowns, (e) => setError(errorMessage(e)));
  });
  const setItem = (i: number, patch: Partial<Item>) => setItems(items.map((x, j) => (j === i ? { ...x, ...patch } : x)));

  const submit = async () => {
    setError(null);
    const bad = items.findIndex((it) => !it.category);
    if (bad >= 0) return setError(`请选择第 ${bad + 1} 个分项的类别`);
    if (!site) return setError('请在工地现场定位（论证会签到范围以此为中心）');
    setBusy(true);
    try {
      await reviewApi.register(projectId, {
        ...head,
        ...(site ? { location: site } : {}),
        participants: PARTY_ROLES.filter((r) => parties[r]?.trim()).map((role) => ({ role, org: parties[role].trim() })),
        items: items.map((it) => ({ name: it.name, category: it.category, fields: fieldsOf(it) })),
      });
      await redirectTo(projectPage(projectId));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page className='dw-register-page'>
      <View className='card'>
        <View className='review-section'>工程概况</View>
        <Input id='reg-name' className='text-input' placeholder='工程名称' value={head.name} onInput={(e) => setHead({ ...head, name: e.detail.value })} />
        <Input id='reg-address' className='text-input' placeholder='工程地址' value={head.address} onInput={(e) => setHead({ ...head, address: e.detail.value })} />
        <View className='review-chips'>
          {towns.map((t) => (
            <Text key={t.id} id={`reg-town-${t.id}`} className={`review-chip${head.townId === t.id ? ' review-chip--on' : ''}`} onClick={() => setHead({ ...head, townId: t.id })}>
              {t.name}
            </Text>
          ))}
        </View>
        <View id='reg-locate' className='review-link' data-located={site ? '1' : '0'} onClick={() => getLocation().then((f) => setSite({ lng: f.lng, lat: f.lat }), (e) => setError(errorMessage(e)))}>
          {site ? `工地位置：${site.lng.toFixed(5)}, ${site.lat.toFixed(5)}（重新定位）` : '在工地现场定位 ›'}
        </View>
      </View>
      <View className='card'>
        <View className='review-section'>参建单位（其人员不得作为论证专家）</View>
        {PARTY_ROLES.map((r) => (
          <Input key={r} id={`reg-party-${r}`} className='text-input' placeholder={PARTICIPANT_ROLE_LABELS[r]} value={parties[r] ?? ''} onInput={(e) => setParties({ ...parties, [r]: e.detail.value })} />
        ))}
      </View>
      {items.map((it, i) => (
        <View key={i} className='card' id={`reg-item-${i}`}>
          <View className='review-section'>危大分项 {i + 1}</View>
          <Input id={`reg-item-${i}-name`} className='text-input' placeholder='分项名称，如 主楼基坑' value={it.name} onInput={(e) => setItem(i, { name: e.detail.value })} />
          <View className='review-chips'>
            {Object.entries(CATEGORY_LABELS).map(([k, label]) => (
              <Text key={k} id={`reg-item-${i}-cat-${k}`} className={`review-chip${it.category === k ? ' review-chip--on' : ''}`} onClick={() => setItem(i, { category: k, fields: {} })}>
                {label}
              </Text>
            ))}
          </View>
          {(CATEGORY_FIELDS[it.category] ?? []).map((f) =>
            f.kind === 'flag' ? (
              <View key={f.key} className='row'>
                <Text>{f.label}</Text>
                <View className='spacer' />
                <Switch id={`reg-item-${i}-${f.key}`} checked={it.fields[f.key] === true} onChange={(e) => setItem(i, { fields: { ...it.fields, [f.key]: e.detail.value } })} />
              </View>
            ) : f.kind === 'choice' ? (
              <View key={f.key} className='review-chips'>
                {(f.choices ?? []).map((c) => (
                  <Text key={c} id={`reg-item-${i}-${f.key}-${c}`} className={`review-chip${it.fields[f.key] === c ? ' review-chip--on' : ''}`} onClick={() => setItem(i, { fields: { ...it.fields, [f.key]: c } })}>
                    {c}
                  </Text>
                ))}
              </View>
            ) : (
              <Input key={f.key} id={`reg-item-${i}-${f.key}`} className='text-input' type='digit' placeholder={`${f.label}${f.unit ? `（${f.unit}）` : ''}`} value={String(it.fields[f.key] ?? '')} onInput={(e) => setItem(i, { fields: { ...it.fields, [f.key]: e.detail.value } })} />
            ),
          )}
        </View>
      ))}
      <View id='reg-add-item' className='review-link' onClick={() => setItems([...items, blank()])}>
        ＋ 增加分项
      </View>
      <ErrorText id='reg-error' message={error} />
      <Button id='reg-submit' type='primary' className='btn-block' disabled={busy} onClick={() => void submit()}>
        登记并分级
      </Button>
    </Page>
  );
}
