import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { CODE_FORMAT_MESSAGE, PHONE_FORMAT_MESSAGE, isSmsCode, mainlandMobile } from '@cityloop/shared/identity/sms-code.limits';
import { ErrorText } from '../../components/Page';
import { SmsCodeInput } from '../../components/SmsCodeInput';
import { useCountdown } from '../../components/useCountdown';
import { runWrite } from '../../components/useFormSubmit';
import { api, completeLogin } from '../../services/client';
import { navigateTo, toast } from '../../services/adapters/taro';
import { SHOP_BIND_PAGE } from '../../services/links';

/** 短信验证码登录: staff on a PC, shop owners; the account of the phone (or a new one) signs in. */
export function SmsLogin() {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [left, startCountdown] = useCountdown();

  const onSend = () => {
    const p = mainlandMobile(phone);
    if (!p) return setError(PHONE_FORMAT_MESSAGE);
    return runWrite('send', { setBusy, setError }, async () => {
      const r = await api.smsCode(p, 'login');
      startCountdown(r.resendAfterSec);
      toast(`验证码已发送至 ${r.phone}`);
    });
  };

  const onLogin = () => {
    const p = mainlandMobile(phone);
    if (!p) return setError(PHONE_FORMAT_MESSAGE);
    if (!isSmsCode(code)) return setError(CODE_FORMAT_MESSAGE);
    return runWrite('login', { setBusy, setError }, async () => completeLogin(await api.smsLogin(p, code.trim())));
  };

  return (
    <View>
      <View className='section-title'>短信验证码登录</View>
      <View id='login-sms' className='card'>
        <Input id='login-sms-phone' className='text-input' type='number' placeholder='手机号' maxlength={11} value={phone} onInput={(e) => setPhone(e.detail.value)} />
        <SmsCodeInput id='login-sms' value={code} onInput={setCode} left={left} sending={busy === 'send'} onSend={() => void onSend()} />
        <ErrorText id='login-sms-error' message={error} />
        <Button id='login-sms-submit' className='btn-block' type='primary' block loading={busy === 'login'} onClick={() => void onLogin()}>
          登录
        </Button>
        <View className='muted login-shop-bind'>
          商户首次使用？
          <Text id='login-shop-bind' className='link' onClick={() => void navigateTo(SHOP_BIND_PAGE)}>
            用责任牌资料上的绑定码绑定
          </Text>
        </View>
      </View>
    </View>
  );
}
