import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { pageParam } from '../../../../services/links';
import { GRADE_PATTERN } from '@cityloop/shared/concrete/grade';
import { MATERIALS, MATERIAL_LABELS, DEFAULT_TOLERANCE_PCT, type Material } from '@cityloop/shared/concrete/concrete.limits';
import type { LotView, MixView, SupplierView } from '../../../../services/concrete/api';
import { ActionButton, Card, Choices, Empty, Field, Row, useLoaded } from '../../components/Bits';
import { FormError, useAction } from '../../../../components/useAction';
import { DeviceKey } from '../../components/DeviceKey';
import { concreteApi } from '../../concreteApi';
import '../../concrete.scss';

const MATERIAL_OPTIONS = MATERIALS.map((m) => ({ value: m, label: MATERIAL_LABELS[m] }));
const RESULT_LABELS = { pass: '合格', fail: '不合格', pending: '待检' } as const;
const num = (v: string) => (v.trim() === '' ? NaN : Number(v));

function Suppliers({ plantId, list, onDone }: { plantId: string; list: SupplierView[]; onDone: () => void }) {
  const [name, setName] = useState('');
  const [mats, setMats] = useState<Material[]>([]);
  const act = useAction();
  const submit = () =>
    act.run(async () => {
      if (!mats.length) throw new FormError('请选择供应的原材料');
      await concreteApi.addSupplier(plantId, { name: name.trim(), materials: mats });
      setName('');
      setMats([]);
      onDone();
    });
  return (
    <Card title='供应商' id='cc-suppliers'>
      {list.length === 0 ? <Empty text='暂无供应商，请先登记' /> : null}
      {list.map((s) => <Row key={s.id} label={s.name}>{s.materials.map((m) => MATERIAL_LABELS[m as Material]).join('、')}</Row>)}
      <Field id='cc-supplier-name' placeholder='供应商名称' value={name} onInput={setName} />
      <Choices idPrefix='cc-supplier-mat' options={MATERIAL_OPTIONS} value={mats} onChange={(m) => setMats(mats.includes(m) ? mats.filter((x) => x !== m) : [...mats, m])} />
      <act.Error id='cc-supplier-error' />
      <ActionButton id='cc-supplier-submit' busy={act.busy} onClick={() => void submit()}>登记供应商</ActionButton>
    </Card>
  );
}

/** 原材料进场: supplier, material, lot number, quantity and the incoming test result (a failed lot cannot be used). */
function Lots({ plantId, suppliers, list, onDone }: { plantId: string; suppliers: SupplierView[]; list: LotView[]; onDone: () => void }) {
  const [f, setF] = useState({ supplierId: '', material: '' as Material | '', lotNo: '', quantity: '', result: 'pending' as 'pending' | 'pass' | 'fail', report: '' });
  const act = useAction();
  const test = useAction();
  const sup = suppliers.find((s) => s.id === f.supplierId);
  const submit = () =>
    act.run(async () => {
      if (!sup) throw new FormError('请选择供应商');
      if (!f.material) throw new FormError('请选择原材料种类');
      if (!f.lotNo.trim()) throw new FormError('请填写批号');
      if (!(num(f.quantity) > 0)) throw new FormError('进场数量应为大于 0 的数字（吨）');
      await concreteApi.addLot(plantId, { supplierId: sup.id, material: f.material, lotNo: f.lotNo.trim(), quantityT: num(f.quantity), test: { result: f.result, ...(f.report.trim() ? { report: f.report.trim() } : {}) } });
      setF({ ...f, lotNo: '', quantity: '', report: '' });
      onDone();
    });
  const record = (id: string, result: 'pass' | 'fail') => test.run(async () => { await concreteApi.recordLotTest(id, { result }); onDone(); });
  return (
    <Card title='原材料台账' id='cc-lots'>
      {list.length === 0 ? <Empty text='暂无原材料批次' /> : null}
      {list.map((l) => (
        <View key={l.id} className='cc-lot' id={`cc-lot-${l.lotNo}`}>
          <Row label={`${l.materialLabel} ${l.lotNo} · ${l.supplier} · ${l.quantityT} t`}>
            <Text className={l.test === 'fail' ? 'cc-bad' : l.test === 'pass' ? 'cc-good' : ''}>{RESULT_LABELS[l.test]}{l.test === 'fail' ? '（禁止用于生产）' : ''}</Text>
          </Row>
          {l.test === 'pending' ? (
            <View className='cc-actions'>
              <Text id={`cc-lot-${l.lotNo}-pass`} className='cc-choice' onClick={() => void record(l.id, 'pass')}>复检合格</Text>
              <Text id={`cc-lot-${l.lotNo}-fail`} className='cc-choice' onClick={() => void record(l.id, 'fail')}>复检不合格</Text>
            </View>
          ) : null}
        </View>
      ))}
      <test.Error id='cc-lot-test-error' />
      <View className='cc-title'>原材料进场登记</View>
      {suppliers.length === 0 ? <Empty text='请先登记供应商' /> : null}
      <Choices idPrefix='cc-lot-supplier' options={suppliers.map((s) => ({ value: s.id, label: s.name }))} value={f.supplierId} onChange={(v) => setF({ ...f, supplierId: v, material: '' })} />
      {sup ? <Choices idPrefix='cc-lot-mat' options={MATERIAL_OPTIONS.filter((o) => sup.materials.includes(o.value))} value={f.material as Material} onChange={(v) => setF({ ...f, material: v })} /> : null}
      <Field id='cc-lot-no' placeholder='批号' value={f.lotNo} onInput={(v) => setF({ ...f, lotNo: v })} />
      <Field id='cc-lot-qty' type='digit' placeholder='进场数量（吨）' value={f.quantity} onInput={(v) => setF({ ...f, quantity: v })} />
      <View className='cc-sub'>进场复检结果</View>
      <Choices idPrefix='cc-lot-result' options={(['pending', 'pass', 'fail'] as const).map((r) => ({ value: r, label: RESULT_LABELS[r] }))} value={f.result} onChange={(v) => setF({ ...f, result: v })} />
      <Field id='cc-lot-report' placeholder='复检报告编号（可选）' value={f.report} onInput={(v) => setF({ ...f, report: v })} />
      <act.Error id='cc-lot-error' />
      <ActionButton id='cc-lot-submit' busy={act.busy} onClick={() => void submit()}>登记进场批次</ActionButton>
    </Card>
  );
}

type Line = { material: Material; kg: string; tol: string };
/** 配合比: code, grade, one line per material (kg/m³ and an optional tighter tolerance); then its 开盘鉴定. */
function Mixes({ plantId, list, onDone }: { plantId: string; list: MixView[]; onDone: () => void }) {
  const [code, setCode] = useState('');
  const [grade, setGrade] = useState('');
  const [lines, setLines] = useState<Line[]>([]);
  const act = useAction();
  const toggle = (m: Material) => setLines(lines.some((l) => l.material === m) ? lines.filter((l) => l.material !== m) : [...lines, { material: m, kg: '', tol: '' }]);
  const set = (m: Material, k: 'kg' | 'tol', v: string) => setLines(lines.map((l) => (l.material === m ? { ...l, [k]: v } : l)));
  const submit = () =>
    act.run(async () => {
      if (!code.trim()) throw new FormError('请填写配合比编号');
      if (!GRADE_PATTERN.test(grade.trim().toUpperCase())) throw new FormError('强度等级应写作 C30 这样的形式');
      if (lines.length < 2) throw new FormError('配合比至少两种材料');
      const bad = lines.find((l) => !(num(l.kg) > 0));
      if (bad) throw new FormError(`${MATERIAL_LABELS[bad.material]}的每立方用量应为大于 0 的数字`);
      const badTol = lines.find((l) => l.tol.trim() && !(num(l.tol) > 0));
      if (badTol) throw new FormError(`${MATERIAL_LABELS[badTol.material]}的允许偏差应为大于 0 的数字`);
      const tolerancesPct = Object.fromEntries(lines.filter((l) => l.tol.trim()).map((l) => [l.material, num(l.tol)]));
      await concreteApi.addMix(plantId, { code: code.trim(), grade: grade.trim().toUpperCase(), lines: lines.map((l) => ({ material: l.material, kgPerM3: num(l.kg) })), ...(Object.keys(tolerancesPct).length ? { tolerancesPct } : {}) });
      setCode('');
      setGrade('');
      setLines([]);
      onDone();
    });
  return (
    <Card title='配合比' id='cc-mixes'>
      {list.length === 0 ? <Empty text='暂无配合比' /> : null}
      {list.map((m) => <Opening key={m.id} mix={m} onDone={onDone} />)}
      <View className='cc-title'>新增配合比</View>
      <Field id='cc-mix-code' placeholder='配合比编号' value={code} onInput={setCode} />
      <Field id='cc-mix-grade' placeholder='强度等级，如 C30' value={grade} onInput={setGrade} />
      <Choices idPrefix='cc-mix-mat' options={MATERIAL_OPTIONS} value={lines.map((l) => l.material)} onChange={toggle} />
      {lines.map((l) => (
        <View key={l.material} className='cc-actions'>
          <Text>{MATERIAL_LABELS[l.material]}</Text>
          <Field id={`cc-mix-kg-${l.material}`} type='digit' placeholder='kg/m³' value={l.kg} onInput={(v) => set(l.material, 'kg', v)} />
          <Field id={`cc-mix-tol-${l.material}`} type='digit' placeholder={`允许偏差 ±${DEFAULT_TOLERANCE_PCT[l.material]}%`} value={l.tol} onInput={(v) => set(l.material, 'tol', v)} />
        </View>
      ))}
      <act.Error id='cc-mix-error' />
      <ActionButton id='cc-mix-submit' busy={act.busy} onClick={() => void submit()}>保存配合比</ActionButton>
    </Card>
  );
}

/** One mix with its 开盘鉴定: recorded once (slump and conclusion); a mix without it cannot be produced. */
function Opening({ mix, onDone }: { mix: MixView; onDone: () => void }) {
  const [slump, setSlump] = useState('');
  const [note, setNote] = useState('');
  const act = useAction();
  const submit = () =>
    act.run(async () => {
      if (!(num(slump) > 0)) throw new FormError('坍落度应为大于 0 的数字（mm）');
      if (note.trim().length < 2) throw new FormError('请填写开盘鉴定结论');
      await concreteApi.recordOpening(mix.id, { slumpMm: num(slump), note: note.trim() });
      onDone();
    });
  return (
    <View className='cc-mix' id={`cc-mix-${mix.code}`}>
      <Row label={`${mix.code} ${mix.grade} · ${mix.lines.map((l) => `${MATERIAL_LABELS[l.material as Material] ?? l.material} ${l.kgPerM3}`).join(' / ')}`}>
        <Text id={`cc-mix-${mix.code}-opened`} className={mix.opened ? 'cc-good' : 'cc-bad'}>{mix.opened ? '已开盘鉴定' : '未开盘鉴定'}</Text>
      </Row>
      {mix.opened ? null : (
        <View>
          <Field id={`cc-mix-${mix.code}-slump`} type='digit' placeholder='实测坍落度（mm）' value={slump} onInput={setSlump} />
          <Field id={`cc-mix-${mix.code}-note`} placeholder='开盘鉴定结论' value={note} onInput={setNote} />
          <act.Error id={`cc-mix-${mix.code}-error`} />
          <ActionButton id={`cc-mix-${mix.code}-open`} busy={act.busy} onClick={() => void submit()}>记录开盘鉴定</ActionButton>
        </View>
      )}
    </View>
  );
}

/** 原材料与配合比 (the plant's own staff): suppliers, material lots with their tests, mixes with their opening, devices. */
export default function ConcreteMaterialsPage() {
  const id = pageParam(useRouter().params.id);
  const suppliers = useLoaded(() => concreteApi.suppliers(id));
  const lots = useLoaded(() => concreteApi.plantLots(id));
  const mixes = useLoaded(() => concreteApi.plantMixes(id));
  const [tab, setTab] = useState<'lots' | 'mixes' | 'device'>('lots');
  const reload = () => Promise.all([suppliers.reload(), lots.reload(), mixes.reload()]);
  const error = suppliers.error ?? lots.error ?? mixes.error;
  const loaded = !!(suppliers.data && lots.data && mixes.data);
  return (
    <Page>
      <View className='cc-actions' style={{ padding: '0 24px' }}>
        {(['lots', 'mixes', 'device'] as const).map((t) => (
          <Text key={t} id={`cc-mat-tab-${t}`} className={`cc-choice${tab === t ? ' cc-choice--on' : ''}`} onClick={() => setTab(t)}>{{ lots: '供应商与原材料', mixes: '配合比', device: '生产设备' }[t]}</Text>
        ))}
      </View>
      {tab !== 'device' ? <LoadState error={error} loaded={loaded} /> : null}
      {loaded && tab === 'lots' ? (
        <>
          <Suppliers plantId={id} list={suppliers.data!} onDone={() => void reload()} />
          <Lots plantId={id} suppliers={suppliers.data!} list={lots.data!} onDone={() => void reload()} />
        </>
      ) : null}
      {loaded && tab === 'mixes' ? <Mixes plantId={id} list={mixes.data!} onDone={() => void reload()} /> : null}
      {tab === 'device' ? <DeviceKey owner='plants' ownerId={id} title='登记生产控制系统（设备密钥只显示一次）' /> : null}
    </Page>
  );
}
