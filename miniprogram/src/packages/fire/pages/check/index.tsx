import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Page } from '../../../../components/Page';
import { pageParam } from '../../../../services/links';
import type { PublicReportView } from '../../../../services/fire/api';
import { ActionButton, Card, Field, Row } from '../../components/FireBits';
import { useAction } from '../../../../components/useAction';
import { fireApi } from '../../fireApi';
import '../../fire.scss';

/**
 * 报告真伪核验 (public, no sign-in): the registry's record of a report, from its scanned QR (`?token=`) or from
 * the number and check code printed on the paper. A forged or altered copy is refused.
 */
export default function FireCheckPage() {
  const params = useRouter().params;
  const token = pageParam(params.token ?? params.code);
  const [r, setR] = useState<PublicReportView | null>(null);
  const [number, setNumber] = useState('');
  const [check, setCheck] = useState('');
  const act = useAction();
  useEffect(() => {
    if (token) void act.run(async () => setR(await fireApi.checkToken(token.includes('/c/') ? token.split('/c/')[1] : token)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [token]);
  return (
    <Page>
      <Card title='消防检测报告核验'>
        <Field id='fire-check-number' placeholder='报告编号' value={number} onInput={setNumber} />
        <Field id='fire-check-code' placeholder='防伪校验码' value={check} onInput={setCheck} />
        <ActionButton id='fire-check' busy={act.busy} onClick={() => act.run(async () => setR(await fireApi.checkNumber(number.trim(), check.trim())))}>核验</ActionButton>
        <act.Error />
      </Card>
      {r && !act.error ? (
        <Card title='登记系统中的报告记录' id='fire-check-result'>
          <Row label='报告编号'>{r.number}</Row>
          <Row label='状态'><View className={r.status === 'issued' ? 'fire-good' : 'fire-bad'}>{r.statusLabel}</View></Row>
          {r.supersededBy ? <Row label='更正报告'>{r.supersededBy}</Row> : null}
          <Row label='检测机构'>{r.agencyName}</Row>
          <Row label='建筑'>{r.building}</Row>
          <Row label='检测日期'>{r.testDate}</Row>
          <Row label='结论'>{r.conclusion}</Row>
          <View className='fire-sub'>纸质报告与以上记录不一致的，可能被伪造或篡改，请向住建部门举报。</View>
        </Card>
      ) : null}
    </Page>
  );
}
