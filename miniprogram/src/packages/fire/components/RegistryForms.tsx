import { useState } from 'react';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { OPERATOR_LEVELS, PRACTICE_FLAG_LABELS, PRACTICE_SCOPES, type PracticeFlag } from '@cityloop/shared/fire-testing/fire.limits';
import { ActionButton, Card, Field } from './FireBits';
import { FormError, useAction } from '../../../components/useAction';
import { fireApi } from '../fireApi';

/** One choice of a few, as small buttons; ids `<id>-<value>`. */
function Choice<T extends string | number>({ id, options, value, onChange, label = String }: { id: string; options: readonly T[]; value: T; onChange: (v: T) => void; label?: (v: T) => string }) {
  return (
    <View className='fire-actions'>
      {options.map((o) => <Button key={String(o)} id={`${id}-${o}`} size='small' type={value === o ? 'primary' : 'default'} onClick={() => onChange(o)}>{label(o)}</Button>)}
    </View>
  );
}

const day = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v.trim());
const FLAGS = Object.keys(PRACTICE_FLAG_LABELS) as PracticeFlag[];

/** The regulator registers an agency with its practice conditions (judged at once by the server). */
export function AgencyForm({ onDone }: { onDone: (id: string) => void }) {
  const [f, setF] = useState({ name: '', creditCode: '', address: '', workplaceM2: '' });
  const [scope, setScope] = useState<(typeof PRACTICE_SCOPES)[number]>('维保检测');
  const [flags, setFlags] = useState<Record<PracticeFlag, boolean>>({ enterpriseLegalPerson: true, equipmentConforming: true, qualityManagementSystem: true, assessmentProcessControl: false });
  const act = useAction();
  const submit = () => act.run(async () => {
    const m2 = Number(f.workplaceM2);
    if (!f.workplaceM2.trim() || !Number.isFinite(m2) || m2 < 0) throw new FormError('请填写工作场所面积（平方米）');
    const a = await fireApi.registerAgency({ name: f.name, creditCode: f.creditCode.trim().toUpperCase(), address: f.address, practice: { scope, workplaceM2: m2, ...flags } });
    setF({ name: '', creditCode: '', address: '', workplaceM2: '' });
    onDone(a.id);
  });
  return (
    <Card title='登记检测机构' id='fire-agency-form'>
      <Field id='fire-agency-name' placeholder='机构名称' value={f.name} onInput={(v) => setF({ ...f, name: v })} />
      <Field id='fire-agency-code' placeholder='统一社会信用代码（18 位）' value={f.creditCode} onInput={(v) => setF({ ...f, creditCode: v })} />
      <Field id='fire-agency-address' placeholder='地址' value={f.address} onInput={(v) => setF({ ...f, address: v })} />
      <Field id='fire-agency-m2' placeholder='工作场所面积（平方米）' value={f.workplaceM2} onInput={(v) => setF({ ...f, workplaceM2: v })} />
      <View className='fire-sub'>执业范围</View>
      <Choice id='fire-agency-scope' options={PRACTICE_SCOPES} value={scope} onChange={setScope} />
      <View className='fire-sub'>从业条件（点选切换）</View>
      <View className='fire-actions'>
        {FLAGS.map((k) => <Button key={k} id={`fire-agency-flag-${k}`} size='small' type={flags[k] ? 'primary' : 'default'} onClick={() => setFlags({ ...flags, [k]: !flags[k] })}>{`${flags[k] ? '✓ ' : ''}${PRACTICE_FLAG_LABELS[k]}`}</Button>)}
      </View>
      <ActionButton id='fire-agency-submit' busy={act.busy} onClick={submit}>登记</ActionButton>
      <act.Error />
    </Card>
  );
}

/** An engineer (一级/二级, registration number) or an operator (certificate level, number, valid-until) joins the agency. */
export function PersonForm({ agencyId, onDone }: { agencyId: string; onDone: (msg: string) => void }) {
  const [kind, setKind] = useState<'engineer' | 'operator'>('engineer');
  const [f, setF] = useState({ name: '', phone: '', number: '', validUntil: '' });
  const [level, setLevel] = useState<1 | 2>(1);
  const [opLevel, setOpLevel] = useState<(typeof OPERATOR_LEVELS)[number]>('中级');
  const act = useAction();
  const submit = () => act.run(async () => {
    const phone = f.phone.trim() ? { phone: f.phone.trim() } : {};
    if (kind === 'operator' && !day(f.validUntil)) throw new FormError('证书有效期应为 YYYY-MM-DD');
    const p = kind === 'engineer'
      ? await fireApi.registerPerson(agencyId, { kind, name: f.name, ...phone, level, registrationNo: f.number })
      : await fireApi.registerPerson(agencyId, { kind, name: f.name, ...phone, level: opLevel, certificateNo: f.number, validUntil: f.validUntil.trim() });
    setF({ name: '', phone: '', number: '', validUntil: '' });
    onDone(`已登记 ${p.name}（${p.kindLabel}）`);
  });
  return (
    <Card title='登记人员' id='fire-person-form'>
      <Choice id='fire-person-kind' options={['engineer', 'operator'] as const} value={kind} onChange={setKind} label={(k) => (k === 'engineer' ? '注册消防工程师' : '消防设施操作员')} />
      <Field id='fire-person-name' placeholder='姓名' value={f.name} onInput={(v) => setF({ ...f, name: v })} />
      <Field id='fire-person-phone' placeholder='手机号（选填，用于登录）' value={f.phone} onInput={(v) => setF({ ...f, phone: v })} />
      {kind === 'engineer' ? (
        <>
          <Choice id='fire-person-level' options={[1, 2] as const} value={level} onChange={setLevel} label={(l) => (l === 1 ? '一级' : '二级')} />
          <Field id='fire-person-number' placeholder='注册编号' value={f.number} onInput={(v) => setF({ ...f, number: v })} />
        </>
      ) : (
        <>
          <Choice id='fire-person-oplevel' options={OPERATOR_LEVELS} value={opLevel} onChange={setOpLevel} />
          <Field id='fire-person-number' placeholder='职业资格证书编号' value={f.number} onInput={(v) => setF({ ...f, number: v })} />
          <Field id='fire-person-valid' placeholder='证书有效期至（YYYY-MM-DD）' value={f.validUntil} onInput={(v) => setF({ ...f, validUntil: v })} />
        </>
      )}
      <ActionButton id='fire-person-submit' busy={act.busy} onClick={submit}>登记</ActionButton>
      <act.Error />
    </Card>
  );
}

/** A test instrument with its calibration certificate and valid-until. */
export function InstrumentForm({ agencyId, onDone }: { agencyId: string; onDone: (msg: string) => void }) {
  const [f, setF] = useState({ type: '', serial: '', calibrationNo: '', validUntil: '' });
  const act = useAction();
  const submit = () => act.run(async () => {
    if (!day(f.validUntil)) throw new FormError('检定有效期应为 YYYY-MM-DD');
    const i = await fireApi.registerInstrument(agencyId, { ...f, validUntil: f.validUntil.trim() });
    setF({ type: '', serial: '', calibrationNo: '', validUntil: '' });
    onDone(`已登记仪器 ${i.type}（编号 ${i.serial}）`);
  });
  return (
    <Card title='登记仪器' id='fire-instrument-form'>
      <Field id='fire-inst-type' placeholder='仪器名称（如：数字压力表）' value={f.type} onInput={(v) => setF({ ...f, type: v })} />
      <Field id='fire-inst-serial' placeholder='出厂编号' value={f.serial} onInput={(v) => setF({ ...f, serial: v })} />
      <Field id='fire-inst-cal' placeholder='检定/校准证书编号' value={f.calibrationNo} onInput={(v) => setF({ ...f, calibrationNo: v })} />
      <Field id='fire-inst-valid' placeholder='检定有效期至（YYYY-MM-DD）' value={f.validUntil} onInput={(v) => setF({ ...f, validUntil: v })} />
      <ActionButton id='fire-inst-submit' busy={act.busy} onClick={submit}>登记</ActionButton>
      <act.Error />
    </Card>
  );
}
