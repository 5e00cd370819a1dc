import { useState } from 'react';
import { View } from '@tarojs/components';
import { PhotoPicker, type PhotoItem } from '../../citizen/components/PhotoPicker';
import { ActionButton, Card, Field } from './Bits';
import { FormError, useAction } from '../../../components/useAction';
import { concreteApi } from '../concreteApi';

/** 无单进场上报 (the contractor): a truck came without an online ticket — plant named, member, volume, a photo; alerts the regulator. */
export function Unticketed({ projectId }: { projectId: string }) {
  const [f, setF] = useState({ plantName: '', member: '', volume: '' });
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [uploading, setUploading] = useState(false);
  const [done, setDone] = useState(false);
  const act = useAction();
  const submit = () =>
    act.run(async () => {
      const v = Number(f.volume);
      if (f.plantName.trim().length < 2) throw new FormError('请填写供货搅拌站名称');
      if (f.member.trim().length < 2) throw new FormError('请填写浇筑部位');
      if (!(v > 0)) throw new FormError('方量应为大于 0 的数字');
      if (uploading) throw new FormError('照片上传中，请稍候');
      if (!photos.length) throw new FormError('请拍摄车辆或卸料照片');
      await concreteApi.reportUnticketed(projectId, { plantName: f.plantName.trim(), member: f.member.trim(), volumeM3: v, photo: photos[0].sha256 });
      setF({ plantName: '', member: '', volume: '' });
      setPhotos([]);
      setDone(true);
    });
  return (
    <Card title='无电子运输单进场上报' id='cc-unticketed'>
      <Field id='cc-unticketed-plant' placeholder='供货搅拌站名称' value={f.plantName} onInput={(v) => setF({ ...f, plantName: v })} />
      <Field id='cc-unticketed-member' placeholder='浇筑部位' value={f.member} onInput={(v) => setF({ ...f, member: v })} />
      <Field id='cc-unticketed-volume' type='digit' placeholder='方量（m³）' value={f.volume} onInput={(v) => setF({ ...f, volume: v })} />
      <PhotoPicker idPrefix='cc-unticketed-photo' items={photos} onChange={setPhotos} onBusyChange={setUploading} max={1} api={concreteApi} addText='拍摄车辆照片' />
      <act.Error id='cc-unticketed-error' />
      <ActionButton id='cc-unticketed-submit' busy={act.busy} onClick={() => void submit()}>上报监管部门</ActionButton>
      {done ? <View id='cc-unticketed-done' className='cc-sub'>已上报，监管部门已收到预警</View> : null}
    </Card>
  );
}
