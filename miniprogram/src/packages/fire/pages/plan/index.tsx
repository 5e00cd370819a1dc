import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import { ErrorText, Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { errorMessage } from '../../../../services/api';
import { session } from '../../../../services/client';
import { redirectTo } from '../../../../services/adapters/taro';
import { getLocation } from '../../../../services/adapters/city-device';
import { FIRE_SYSTEMS, TEST_KINDS } from '@cityloop/shared/fire-testing/fire.limits';
import { FIRE_PAGES, type FireAgencyView } from '../../../../services/fire/api';
import { emptyPlan, parseCoords, planBody, planRefusals, shanghaiToday, toggle, type PlanForm, type PlanRefusal } from '../../../../services/fire/plan-form';
import { ActionButton, Card, Chips, Field } from '../../components/FireBits';
import { FormError, useAction } from '../../../../components/useAction';
import { fireApi } from '../../fireApi';
import '../../fire.scss';

/**
 * 新建检测项目 (agency staff): building with its location and geofence, client, contract, systems, test date, the
 * team and instruments picked from the agency's registry. The server's gates refuse naming the person or instrument:
 * those are marked on the form and listed under it; nothing is written.
 */
export default function FirePlanPage() {
  const orgId = (session.getUser()?.roles ?? []).find((r) => r.role === 'agency' && r.orgId)?.orgId ?? null;
  const [agency, setAgency] = useState<FireAgencyView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [f, setF] = useState<PlanForm>(() => emptyPlan(shanghaiToday(new Date())));
  const [coords, setCoords] = useState('');
  const [refusals, setRefusals] = useState<PlanRefusal[]>([]);
  const act = useAction();
  const load = () => {
    setLoadError(null);
    if (!orgId) return setLoadError('只有检测机构人员可以新建检测项目');
    fireApi.agency(orgId).then(setAgency, (e) => setLoadError(errorMessage(e)));
  };
  useLoad(load);
  const set = (patch: Partial<PlanForm>) => setF((cur) => ({ ...cur, ...patch }));
  const [locError, setLocError] = useState<string | null>(null);
  const locate = () => {
    setLocError(null);
    getLocation().then((p) => { set({ location: { lng: p.lng, lat: p.lat } }); setCoords(''); }, (e) => setLocError(errorMessage(e)));
  };

  const submit = () => act.run(async () => {
    setRefusals([]);
    const r = planBody(f);
    if ('error' in r) throw new FormError(r.error);
    try {
      const p = await fireApi.createProject(r.body);
      await redirectTo(FIRE_PAGES.project(p.id));
    } catch (e) {
      const rs = planRefusals(e);
      setRefusals(rs);
      throw rs.length ? new Error('未通过开工前核验，项目未创建，请按上方提示调整') : e;
    }
  });

  if (!agency) return <Page><LoadState error={loadError} loaded={false} onRetry={orgId ? load : undefined} /></Page>;
  const people = agency.people ?? [];
  const engineers = people.filter((p) => p.kind === 'engineer').map((p) => ({ key: p.id, label: `${p.name} · ${p.kindLabel}` }));
  const operators = people.filter((p) => p.kind === 'operator').map((p) => ({ key: p.id, label: `${p.name} · ${p.kindLabel}` }));
  const instruments = (agency.instruments ?? []).map((i) => ({ key: i.id, label: `${i.type} ${i.serial} · 至 ${i.validUntil}${i.expired ? '（已超期）' : ''}` }));
  const refusedPeople = refusals.flatMap((r) => (r.personId ? [r.personId] : []));
  const refusedInstruments = refusals.flatMap((r) => (r.instrumentId ? [r.instrumentId] : []));
  const one = (v: string, cur: string) => (v === cur ? '' : v);

  return (
    <Page className='fire-plan-page'>
      <Card title={agency.name}>
        <View className={agency.qualified ? 'fire-good' : 'fire-bad'} id='fire-plan-agency'>{agency.qualified ? '符合从业条件，可承接业务' : `暂停承接：${agency.reasons.join('、')}`}</View>
        <Chips id='fire-plan-kind' options={TEST_KINDS.map((k) => ({ key: k, label: k }))} picked={[f.kind]} onTap={(k) => set({ kind: k as PlanForm['kind'] })} />
      </Card>
      <Card title='建筑'>
        <Field id='fire-plan-name' placeholder='建筑名称' value={f.name} onInput={(v) => set({ name: v })} />
        <Field id='fire-plan-address' placeholder='建筑地址' value={f.address} onInput={(v) => set({ address: v })} />
        <Field id='fire-plan-use' placeholder='使用性质，如 商业、住宅、办公' value={f.use} onInput={(v) => set({ use: v })} />
        <Field id='fire-plan-height' placeholder='建筑高度（米）' value={f.heightM} onInput={(v) => set({ heightM: v })} />
        <Field id='fire-plan-area' placeholder='建筑面积（平方米）' value={f.areaM2} onInput={(v) => set({ areaM2: v })} />
        <View id='fire-plan-locate' className='fire-pill' data-located={f.location ? '1' : '0'} onClick={locate}>
          {f.location ? `建筑位置：${f.location.lng.toFixed(5)}, ${f.location.lat.toFixed(5)}（重新定位）` : '在建筑现场定位 ›'}
        </View>
        <ErrorText message={locError} />
        <Field id='fire-plan-coords' placeholder='或输入经度, 纬度（GCJ-02，如 113.39520, 22.52810）' value={coords} onInput={(v) => { setCoords(v); const p = parseCoords(v); if (p) set({ location: p }); }} />
        <Field id='fire-plan-fence' placeholder='签到范围半径（米，50–1000）' value={f.geofenceM} onInput={(v) => set({ geofenceM: v })} />
      </Card>
      <Card title='委托与合同'>
        <Field id='fire-plan-client' placeholder='委托单位' value={f.clientName} onInput={(v) => set({ clientName: v })} />
        <Field id='fire-plan-client-phone' placeholder='委托单位联系人手机号（选填）' value={f.clientPhone} onInput={(v) => set({ clientPhone: v })} />
        <Field id='fire-plan-contract' placeholder='合同编号' value={f.contractNo} onInput={(v) => set({ contractNo: v })} />
        <Field id='fire-plan-date' placeholder='检测日期 YYYY-MM-DD' value={f.testDate} onInput={(v) => set({ testDate: v })} />
      </Card>
      <Card title='检测系统'>
        <Chips id='fire-plan-system' options={FIRE_SYSTEMS.map((s) => ({ key: s, label: s }))} picked={f.systems} onTap={(s) => set({ systems: toggle(f.systems, s) })} />
      </Card>
      <Card title='检测人员'>
        {people.length === 0 ? <View className='fire-sub'>本机构尚未登记人员，请先在机构名录中登记</View> : null}
        <View className='fire-sub'>项目负责人（注册消防工程师）</View>
        <Chips id='fire-plan-lead' options={engineers} picked={[f.projectLead]} refused={refusedPeople} onTap={(k) => set({ projectLead: one(k, f.projectLead) })} />
        <View className='fire-sub'>技术负责人（一级注册消防工程师）</View>
        <Chips id='fire-plan-tech' options={engineers} picked={[f.techLead]} refused={refusedPeople} onTap={(k) => set({ techLead: one(k, f.techLead) })} />
        <View className='fire-sub'>消防设施操作员</View>
        <Chips id='fire-plan-operator' options={operators} picked={f.operators} refused={refusedPeople} onTap={(k) => set({ operators: toggle(f.operators, k) })} />
      </Card>
      <Card title='检测仪器'>
        {instruments.length === 0 ? <View className='fire-sub'>本机构尚未登记仪器</View> : null}
        <Chips id='fire-plan-instrument' options={instruments} picked={f.instruments} refused={refusedInstruments} onTap={(k) => set({ instruments: toggle(f.instruments, k) })} />
      </Card>
      {refusals.length ? (
        <Card title='未通过开工前核验（未创建项目）' id='fire-plan-refusals'>
          {refusals.map((r, i) => <View key={i} className='fire-bad fire-plan-refusal'><Text>{r.message}</Text></View>)}
        </Card>
      ) : null}
      <ActionButton id='fire-plan-submit' busy={act.busy} onClick={submit}>核验并创建项目</ActionButton>
      <act.Error />
    </Page>
  );
}
