import { useState } from 'react';
import { Switch, Text, View } from '@tarojs/components';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { useSessionUser } from '../../../../components/hooks';
import { navigateTo } from '../../../../services/adapters/taro';
import { getLocation } from '../../../../services/adapters/city-device';
import { CONCRETE_PAGES, type PlantView, type RegistryOptions } from '../../../../services/concrete/api';
import { ActionButton, Card, Choices, Field, Row, useLoaded, ListState } from '../../components/Bits';
import { FormError, useAction } from '../../../../components/useAction';
import { concreteApi } from '../../concreteApi';
import '../../concrete.scss';

const toggle = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

/** 登记搅拌站: name, town, address and the qualification conditions it meets (the status follows from them). */
function RegisterPlant({ cityId, opts, onDone }: { cityId: string; opts: RegistryOptions; onDone: () => void }) {
  const [f, setF] = useState({ name: '', townId: '', address: '' });
  const [met, setMet] = useState<string[]>([]);
  const [done, setDone] = useState<PlantView | null>(null);
  const act = useAction();
  const submit = () =>
    act.run(async () => {
      if (!f.townId) throw new FormError('请选择所在镇街');
      setDone(await concreteApi.registerPlant(cityId, { name: f.name.trim(), townId: f.townId, address: f.address.trim(), conditionsMet: met }));
      setF({ name: '', townId: '', address: '' });
      setMet([]);
      onDone();
    });
  return (
    <Card title='登记搅拌站' id='cc-reg-plant'>
      <Field id='cc-reg-plant-name' placeholder='搅拌站名称' value={f.name} onInput={(v) => setF({ ...f, name: v })} />
      <View className='cc-sub'>所在镇街</View>
      <Choices idPrefix='cc-reg-plant-town' options={opts.towns.map((t) => ({ value: t.id, label: t.name }))} value={f.townId} onChange={(v) => setF({ ...f, townId: v })} />
      <Field id='cc-reg-plant-address' placeholder='地址' value={f.address} onInput={(v) => setF({ ...f, address: v })} />
      <View className='cc-sub'>已符合的资质条件（全部符合方为资质有效）</View>
      <Choices idPrefix='cc-reg-plant-cond' options={opts.conditions.map((c) => ({ value: c.key, label: c.label }))} value={met} onChange={(v) => setMet(toggle(met, v))} />
      <act.Error id='cc-reg-plant-error' />
      <ActionButton id='cc-reg-plant-submit' busy={act.busy} onClick={() => void submit()}>登记</ActionButton>
      {done ? <View id='cc-reg-plant-done' className='cc-sub'>{`已登记“${done.name}”：${done.statusLabel}`}</View> : null}
    </Card>
  );
}

/** 变更资质: the conditions met now, suspension, and the reason (kept in the plant's history). */
function Qualification({ plant, onDone }: { plant: PlantView; onDone: () => void }) {
  const [met, setMet] = useState(plant.conditions.filter((c) => c.met).map((c) => c.key));
  const [suspended, setSuspended] = useState(plant.status === 'suspended');
  const [reason, setReason] = useState('');
  const act = useAction();
  const submit = () =>
    act.run(async () => {
      if (reason.trim().length < 2) throw new FormError('请填写变更原因');
      await concreteApi.setQualification(plant.id, { conditionsMet: met, suspended, reason: reason.trim() });
      onDone();
    });
  return (
    <View className='cc-card' id={`cc-qual-${plant.id}`}>
      <Choices idPrefix={`cc-qual-${plant.id}-cond`} options={plant.conditions.map((c) => ({ value: c.key, label: c.label }))} value={met} onChange={(v) => setMet(toggle(met, v))} />
      <Row label='暂停供应'><Switch id={`cc-qual-${plant.id}-suspend`} checked={suspended} onChange={(e) => setSuspended(e.detail.value)} /></Row>
      <Field id={`cc-qual-${plant.id}-reason`} placeholder='变更原因' value={reason} onInput={setReason} />
      <act.Error id={`cc-qual-${plant.id}-error`} />
      <ActionButton id={`cc-qual-${plant.id}-submit`} busy={act.busy} onClick={() => void submit()}>保存资质变更</ActionButton>
    </View>
  );
}

/** 登记检测机构 (name, optionally its town). */
function RegisterLab({ cityId, opts }: { cityId: string; opts: RegistryOptions }) {
  const [name, setName] = useState('');
  const [townId, setTownId] = useState('');
  const [done, setDone] = useState('');
  const act = useAction();
  const submit = () => act.run(async () => setDone((await concreteApi.registerLab(cityId, { name: name.trim(), ...(townId ? { townId } : {}) })).name));
  return (
    <Card title='登记检测机构' id='cc-reg-lab'>
      <Field id='cc-reg-lab-name' placeholder='检测机构名称' value={name} onInput={setName} />
      <Choices idPrefix='cc-reg-lab-town' options={opts.towns.map((t) => ({ value: t.id, label: t.name }))} value={townId} onChange={(v) => setTownId(v === townId ? '' : v)} />
      <act.Error id='cc-reg-lab-error' />
      <ActionButton id='cc-reg-lab-submit' busy={act.busy} onClick={() => void submit()}>登记</ActionButton>
      {done ? <View id='cc-reg-lab-done' className='cc-sub'>{`已登记“${done}”`}</View> : null}
    </Card>
  );
}

/** 登记工程项目: id, name, town and the site location (the pours' check-in fence centre), taken where one stands. */
function RegisterProject({ cityId, opts }: { cityId: string; opts: RegistryOptions }) {
  const [f, setF] = useState({ id: '', name: '', townId: '' });
  const [site, setSite] = useState<{ lng: number; lat: number } | null>(null);
  const [done, setDone] = useState('');
  const act = useAction();
  const locate = () => act.run(async () => { const g = await getLocation(); setSite({ lng: g.lng, lat: g.lat }); });
  const submit = () =>
    act.run(async () => {
      if (!f.townId) throw new FormError('请选择所在镇街');
      if (!site) throw new FormError('请在项目现场定位');
      setDone((await concreteApi.registerProject(cityId, { id: f.id.trim(), name: f.name.trim(), townId: f.townId, location: site })).name);
    });
  return (
    <Card title='登记工程项目' id='cc-reg-project'>
      <Field id='cc-reg-project-id' placeholder='项目编号（小写字母、数字、下划线）' value={f.id} onInput={(v) => setF({ ...f, id: v })} />
      <Field id='cc-reg-project-name' placeholder='项目名称' value={f.name} onInput={(v) => setF({ ...f, name: v })} />
      <Choices idPrefix='cc-reg-project-town' options={opts.towns.map((t) => ({ value: t.id, label: t.name }))} value={f.townId} onChange={(v) => setF({ ...f, townId: v })} />
      <Row id='cc-reg-project-locate' className='cc-link' label={site ? `已定位 ${site.lng.toFixed(5)}, ${site.lat.toFixed(5)}` : '在现场定位（打卡围栏中心）'} onClick={() => void locate()}>›</Row>
      <act.Error id='cc-reg-project-error' />
      <ActionButton id='cc-reg-project-submit' busy={act.busy} onClick={() => void submit()}>登记</ActionButton>
      {done ? <View id='cc-reg-project-done' className='cc-sub'>{`已登记“${done}”`}</View> : null}
    </Card>
  );
}

/** 登记管理 (regulators): plants with their qualification, labs, projects. */
export default function ConcreteRegistryPage() {
  const user = useSessionUser();
  if (!user) return <Page><LoadState error={null} loaded={false} /></Page>;
  return <Registry cityId={user.roles?.find((r) => (r.role === 'regulator' || r.role === 'admin') && r.cityId)?.cityId ?? ''} />;
}

function Registry({ cityId }: { cityId: string }) {
  const opts = useLoaded(() => (cityId ? concreteApi.registryOptions(cityId) : Promise.reject(new Error('您没有监管角色'))));
  const plants = useLoaded(() => concreteApi.plants());
  const [open, setOpen] = useState('');
  return (
    <Page>
      <LoadState error={opts.error} loaded={!!opts.data} />
      {opts.data ? <RegisterPlant cityId={cityId} opts={opts.data} onDone={() => void plants.reload()} /> : null}
      <Card title='搅拌站' id='cc-reg-plants'>
        <ListState of={plants} empty='暂无搅拌站' />
        {plants.data?.map((p) => (
          <View key={p.id}>
            <Row id={`cc-reg-plants-${p.id}`} className='cc-link cc-reg-plant-row' label={p.name} onClick={() => setOpen(open === p.id ? '' : p.id)}>
              <Text className={p.status === 'qualified' ? 'cc-good' : 'cc-bad'}>{p.statusLabel}</Text>
            </Row>
            {open === p.id ? (
              <View>
                <Qualification plant={p} onDone={() => { setOpen(''); void plants.reload(); }} />
                <Text className='cc-link' onClick={() => navigateTo(CONCRETE_PAGES.plant(p.id))}>查看信用记录 ›</Text>
              </View>
            ) : null}
          </View>
        ))}
      </Card>
      {opts.data ? <RegisterLab cityId={cityId} opts={opts.data} /> : null}
      {opts.data ? <RegisterProject cityId={cityId} opts={opts.data} /> : null}
    </Page>
  );
}
