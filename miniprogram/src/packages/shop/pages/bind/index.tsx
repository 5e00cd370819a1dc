import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { CODE_FORMAT_MESSAGE, isSmsCode } from '@cityloop/shared/identity/sms-code.limits';
import { ErrorText, Page } from '../../../../components/Page';
import { SmsCodeInput } from '../../../../components/SmsCodeInput';
import { useCountdown } from '../../../../components/useCountdown';
import { runWrite } from '../../../../components/useFormSubmit';
import { api, completeLogin } from '../../../../services/client';
import { toast } from '../../../../services/adapters/taro';
import { SHOP_MINE_PAGE } from '../../../../services/links';

/**
 * 商户绑定: the 绑定码 from the plaque kit → an SMS code to the owner's phone on file (shown masked) → the
 * session becomes the owner's account, landing on 我的责任牌.
 */
export default function ShopBind() {
  const [bindingCode, setBindingCode] = useState('');
  const [code, setCode] = useState('');
  const [sentTo, setSentTo] = useState<{ shopName: string; phone: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [left, startCountdown] = useCountdown();

  const onSend = () => {
    if (!bindingCode.trim()) return setError('请输入绑定码');
    return runWrite('send', { setBusy, setError }, async () => {
      const r = await api.shopBindingStart(bindingCode.trim());
      setSentTo({ shopName: r.shopName, phone: r.phone });
      startCountdown(r.resendAfterSec);
      toast(`验证码已发送至 ${r.phone}`);
    });
  };

  const onBind = () => {
    if (!bindingCode.trim()) return setError('请输入绑定码');
    if (!isSmsCode(code)) return setError(CODE_FORMAT_MESSAGE);
    return runWrite('bind', { setBusy, setError }, async () => completeLogin(await api.shopBindingFinish(bindingCode.trim(), code.trim()), SHOP_MINE_PAGE));
  };

  return (
    <Page className='shop-bind'>
      <View className='card'>
        <View className='muted'>请输入责任牌资料“商户账号绑定告知书”上的绑定码，验证码将发送到登记的负责人手机。</View>
        <Input
          id='bind-code'
          className='text-input'
          placeholder='绑定码，例如 ABCDE-FGHJK'
          maxlength={20}
          value={bindingCode}
          onInput={(e) => setBindingCode(e.detail.value)}
        />
        {sentTo ? (
          <View id='bind-sent-to' className='muted'>
            {sentTo.shopName}：验证码已发送至 {sentTo.phone}
          </View>
        ) : null}
        <SmsCodeInput id='bind-sms' value={code} onInput={setCode} left={left} sending={busy === 'send'} onSend={() => void onSend()} />
        <ErrorText id='bind-error' message={error} />
        <Button id='bind-submit' className='btn-block' type='primary' block loading={busy === 'bind'} onClick={() => void onBind()}>
          绑定并登录
        </Button>
      </View>
    </Page>
  );
}
