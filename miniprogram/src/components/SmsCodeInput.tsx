import { Input, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { SMS_CODE_LENGTH } from '@cityloop/shared/identity/sms-code.limits';

/** The 验证码 box with its 获取验证码 button and the 60 s countdown (the server enforces the same limit). */
export function SmsCodeInput(props: { id: string; value: string; onInput: (v: string) => void; left: number; sending: boolean; onSend: () => void }) {
  const { id, value, onInput, left, sending, onSend } = props;
  return (
    <View className='row sms-code-row'>
      <Input
        id={`${id}-code`}
        className='text-input spacer'
        type='number'
        placeholder='验证码'
        maxlength={SMS_CODE_LENGTH}
        value={value}
        onInput={(e) => onInput(e.detail.value)}
      />
      <Button id={`${id}-send`} size='small' fill='outline' disabled={left > 0 || sending} loading={sending} onClick={onSend}>
        {left > 0 ? `${left} 秒后重发` : '获取验证码'}
      </Button>
    </View>
  );
}
