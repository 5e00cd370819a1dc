import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Page } from '../../../../components/Page';
import { LoadState } from '../../../../components/LoadState';
import { pageParam } from '../../../../services/links';
import { ActionButton, Card, Choices, Field, Row, useLoaded } from '../../components/Bits';
import { useAction } from '../../../../components/useAction';
import { concreteApi } from '../../concreteApi';
import '../../concrete.scss';

/**
 * 实体检测 (GB 50204 §7.1.3): the owner commissions an agency, the agency records the result, the regulator closes
 * with a note. The server's `policies` say which step this person may take; the state machine says which is next.
 */
export default function ConcreteCasePage() {
  const id = pageParam(useRouter().params.id);
  const c = useLoaded(() => concreteApi.case(id));
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<'pass' | 'fail'>('pass');
  const act = useAction();
  if (!c.data) return <Page><LoadState error={c.error} loaded={false} /></Page>;
  const x = c.data.data;
  const pol = c.data.policies ?? {};
  const step = x.kind !== 'insitu' ? null : x.state === 'required' && pol.commission ? 'commission' : x.state === 'commissioned' && pol.record ? 'record' : (x.state === 'passed' || x.state === 'failed') && pol.close ? 'close' : null;
  const submit = () =>
    act.run(async () => {
      if (!step) return;
      const v = text.trim();
      await concreteApi.actOnCase(id, { action: step, version: x.version, ...(step === 'commission' ? { agency: v } : step === 'record' ? { result: v, outcome } : { note: v }) });
      setText('');
      await c.reload();
    });
  return (
    <Page>
      <Card title={x.kind === 'insitu' ? `实体检测 ${x.member ?? ''}` : '自检与检测结果不一致'}>
        <Row label='状态'><Text id='cc-case-state' className='cc-pill'>{x.stateLabel}</Text></Row>
        <View className='cc-sub'>{x.detail}</View>
        {x.agency ? <Row label='检测机构'>{x.agency}</Row> : null}
        {x.result ? <Row label='检测结论'>{x.result}</Row> : null}
      </Card>
      {step ? (
        <Card title={{ commission: '委托实体检测', record: '录入检测结论', close: '结案' }[step]} id='cc-case-step'>
          <Field id='cc-case-text' placeholder={{ commission: '受委托的检测机构', record: '检测结论，如钻芯法推定强度 31.5 MPa', close: '结案意见' }[step]} value={text} onInput={setText} />
          {step === 'record' ? <Choices idPrefix='cc-case-outcome' options={[{ value: 'pass', label: '合格' }, { value: 'fail', label: '不合格' }]} value={outcome} onChange={setOutcome} /> : null}
          <act.Error id='cc-case-error' />
          <ActionButton id='cc-case-submit' busy={act.busy} onClick={() => void submit()}>提交</ActionButton>
        </Card>
      ) : null}
    </Page>
  );
}
