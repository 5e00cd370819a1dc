import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../../../components/Page';
import { useSessionUser } from '../../../../components/hooks';
import { errorMessage } from '../../../../services/api';
import { gridsOf } from '../../../../services/city-access';
import { beijingDate } from '../../../../services/format';
import type { PatrollerInvitationResult } from '../../../../services/city/api';
import { MOBILE_PATTERN } from '@cityloop/shared/identity/identity.limits';
import { CityLoginGate } from '../../../citizen/components/CityLoginGate';
import { cityApi } from '../../../citizen/cityApi';
import { chiefTowns, gridName } from '../../directory/directory';
import { useDirectory } from '../../directory/useDirectory';
import '../../../citizen/city.scss';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * 邀请巡查员 (area chief): a third-party patroller (name + phone) for some of the chief's own grids, until a date.
 * The code is texted to the phone; the person redeems it on the login page and patrols only those grids.
 */
export default function Invite() {
  const user = useSessionUser();
  const grids = gridsOf(user, 'areaChief');
  const directory = useDirectory(chiefTowns(user?.roles));
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [company, setCompany] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [until, setUntil] = useState(() => beijingDate(new Date(Date.now() + 30 * 86_400_000)));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<PatrollerInvitationResult | null>(null);
  const toggle = (g: string) => setPicked((xs) => (xs.includes(g) ? xs.filter((x) => x !== g) : [...xs, g]));

  const submit = async () => {
    if (busy) return;
    const digits = phone.replace(/[\s-]/g, '');
    const problem = !name.trim() ? '请填写巡查员姓名' : !MOBILE_PATTERN.test(digits) ? '手机号格式不正确，请填写11位手机号' : !picked.length ? '请至少选择 1 个网格' : !DATE.test(until) ? '有效期格式应为 YYYY-MM-DD' : null;
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      setDone(await cityApi.invitePatroller({ name: name.trim(), phone: digits, company: company.trim() || undefined, gridIds: picked, until }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page className='city-invite-page'>
      <CityLoginGate why='邀请巡查员由片长操作'>
        {done ? (
          <View id='invite-done' className='city-success' data-code={done.code}>
            <View className='city-success-title'>邀请已发送</View>
            <View>
              邀请码 <View id='invite-code' className='invite-code'>{done.code}</View>
              已短信发送给 {name}。对方登录后在“工作人员邀请码”处输入即可，仅可巡查所选网格，有效期至 {until}。
            </View>
          </View>
        ) : null}
        {!grids.length ? (
          <View className='card city-empty'>您不是任何网格的片长，无法邀请巡查员</View>
        ) : (
          <View className='card'>
            <View className='city-label'>姓名</View>
            <Input id='invite-name' className='text-input' value={name} maxlength={20} onInput={(e) => setName(e.detail.value)} />
            <View className='city-label'>手机号</View>
            <Input id='invite-phone' className='text-input' type='number' value={phone} maxlength={13} onInput={(e) => setPhone(e.detail.value)} />
            <View className='city-label'>所属公司（第三方，可不填）</View>
            <Input id='invite-company' className='text-input' value={company} maxlength={40} onInput={(e) => setCompany(e.detail.value)} />
            <View className='city-label'>可巡查的网格</View>
            <View className='city-options'>
              {grids.map((g) => (
                <View key={g} className={`city-option invite-grid${picked.includes(g) ? ' is-active' : ''}`} data-grid={g} onClick={() => toggle(g)}>
                  {gridName(directory, g)}
                </View>
              ))}
            </View>
            <View className='city-label'>有效期至（含当日）</View>
            <Input id='invite-until' className='text-input' value={until} placeholder='YYYY-MM-DD' onInput={(e) => setUntil(e.detail.value)} />
            <ErrorText id='invite-error' message={error} />
            <Button id='invite-submit' className='btn-block' type='primary' size='large' block loading={busy} onClick={() => void submit()}>
              发送邀请
            </Button>
          </View>
        )}
      </CityLoginGate>
    </Page>
  );
}
