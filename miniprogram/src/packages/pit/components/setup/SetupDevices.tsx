import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { DEVICE_FORMATS, DEVICE_FORMAT_LABELS, type DeviceFormat } from '@cityloop/shared/pit/onboard.limits';
import { ErrorText } from '../../../../components/Page';
import { errorMessage } from '../../../../services/api';
import type { DeviceKeyOnce } from '../../../../services/pit/onboard-api';
import { onboardApi } from '../../onboardApi';
import { Options } from './Options';
import type { SectionProps } from './types';

/** 自动化设备: register (the key is shown once, here), rotate (the old key stops), revoke. */
export function SetupDevices({ view, onSaved, editable }: SectionProps) {
  const [name, setName] = useState('');
  const [format, setFormat] = useState<DeviceFormat>('water_csv');
  const [shown, setShown] = useState<DeviceKeyOnce | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async (f: () => Promise<DeviceKeyOnce | unknown>) => {
    setError(null);
    try {
      const r = await f();
      setShown(r && typeof r === 'object' && 'key' in r ? (r as DeviceKeyOnce) : null);
      onSaved(await onboardApi.setup(view.id));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <View className='card pit-setup-section' id='setup-devices'>
      <View className='pit-title'>自动化设备</View>
      {view.devices.map((d) => (
        <View key={d.id} className='row' data-device={d.id}>
          <Text className={d.enabled ? '' : 'muted'}>
            {d.name} · {DEVICE_FORMAT_LABELS[d.format]} · {d.id}
            {d.enabled ? '' : '（已停用）'}
          </Text>
          <View className='spacer' />
          {editable && d.enabled ? (
            <View className='row'>
              <Text className='pit-link' onClick={() => void run(() => onboardApi.rotateDevice(d.id))}>更换密钥</Text>
              <Text className='pit-link' onClick={() => void run(() => onboardApi.revokeDevice(d.id))}> 停用</Text>
            </View>
          ) : null}
        </View>
      ))}
      {shown ? (
        <View id='setup-device-key' className='pit-note' data-device={shown.id}>
          设备 {shown.id} 的密钥（只显示这一次，请立即配置到设备）：<Text selectable>{shown.key}</Text>
        </View>
      ) : null}
      {editable ? (
        <View>
          <Input id='setup-device-name' className='text-input' placeholder='设备名称，如 自动水位计' value={name} onInput={(e) => setName(e.detail.value)} />
          <Options id='setup-device-format' value={format} options={DEVICE_FORMATS.map((f) => ({ value: f, label: DEVICE_FORMAT_LABELS[f] }))} onChange={setFormat} />
          <Button id='setup-device-add' className='btn-block' fill='outline' type='primary' block onClick={() => (name.trim() ? void run(() => onboardApi.registerDevice(view.id, { name: name.trim(), format })) : setError('请填写设备名称'))}>
            登记设备
          </Button>
        </View>
      ) : null}
      <ErrorText id='setup-devices-error' message={error} />
    </View>
  );
}
