import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { DeviceKeyView } from '../../../services/concrete/api';
import { ActionButton, Card, Field, Row } from './Bits';
import { FormError, useAction } from '../../../components/useAction';
import { concreteApi } from '../concreteApi';

/**
 * 登记设备 (the plant's batching control system, the lab's press): the key is answered once by the server and shown
 * here once — it is not kept by the page; leaving the page forgets it.
 */
export function DeviceKey({ owner, ownerId, title }: { owner: 'plants' | 'labs'; ownerId: string; title: string }) {
  const [name, setName] = useState('');
  const [device, setDevice] = useState<DeviceKeyView | null>(null);
  const act = useAction();
  const submit = () =>
    act.run(async () => {
      if (name.trim().length < 2) throw new FormError('请填写设备名称（至少 2 个字）');
      setDevice(await concreteApi.registerDevice(owner, ownerId, name.trim()));
      setName('');
    });
  return (
    <Card title={title} id='cc-device'>
      <Field id='cc-device-name' placeholder='设备名称，如 HZS180 生产控制系统' value={name} onInput={setName} />
      <act.Error id='cc-device-error' />
      <ActionButton id='cc-device-submit' busy={act.busy} onClick={() => void submit()}>登记设备并生成密钥</ActionButton>
      {device ? (
        <View id='cc-device-key-card'>
          <Row label='设备编号'><Text id='cc-device-id'>{device.id}</Text></Row>
          <View className='cc-sub'>设备密钥只显示这一次，请立即配置到设备中；离开本页后无法再次查看。</View>
          <Text id='cc-device-key' selectable className='cc-key'>{device.key}</Text>
          <Text id='cc-device-hide' className='cc-link' onClick={() => setDevice(null)}>已配置，隐藏密钥</Text>
        </View>
      ) : null}
    </Card>
  );
}
