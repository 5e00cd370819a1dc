import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText } from '../../../components/Page';
import { errorMessage } from '../../../services/api';
import { idNumberShapeError, safeMasked, type EnrolmentView } from '../../../services/checkin/view-model';
import { PhotoPicker, type PhotoItem } from '../../citizen/components/PhotoPicker';
import { checkinApi } from '../checkinApi';

/**
 * 人脸核验登记: name, ID number and one photo of one's face. The ID number is sent once, stored encrypted and only
 * ever shown masked; the photo is what later check-in photos are compared with.
 */
export function EnrolForm({ current, onDone }: { current: EnrolmentView | null; onDone: (e: EnrolmentView) => void }) {
  const [name, setName] = useState(current?.name ?? '');
  const [idNumber, setIdNumber] = useState('');
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [busy, setBusy] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const bad = name.trim().length < 2 ? '请填写姓名' : idNumberShapeError(idNumber) ?? (photos.length ? null : '请上传一张本人正面照片');
    if (bad || busy || saving) {
      setError(bad ?? '照片上传中，请稍候');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const e = await checkinApi.enrol({ name: name.trim(), idNumber: idNumber.trim(), photoHash: photos[0].sha256 });
      setIdNumber('');
      onDone(e);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <View id='checkin-enrol' className='card'>
      <View className='city-label'>人脸核验登记</View>
      <View className='muted'>
        现场签到需核验是否本人。身份证号加密保存，仅显示前四位和后四位{current ? `（已登记：${safeMasked(current.idNumberMasked)}）` : ''}。
      </View>
      <View className='city-label'>姓名</View>
      <Input id='enrol-name' className='text-input' value={name} maxlength={30} placeholder='与身份证一致' onInput={(e) => setName(e.detail.value)} />
      <View className='city-label'>身份证号</View>
      <Input id='enrol-id' className='text-input' type='idcard' value={idNumber} maxlength={18} placeholder='18 位身份证号' onInput={(e) => setIdNumber(e.detail.value)} />
      <View className='city-label'>本人正面照片</View>
      <PhotoPicker idPrefix='enrol-photo' items={photos} onChange={setPhotos} onBusyChange={setBusy} max={1} api={checkinApi} addText='拍摄本人' />
      <ErrorText id='enrol-error' message={error} />
      <Button id='enrol-submit' className='btn-block' type='primary' size='large' block loading={saving} onClick={() => void submit()}>
        {current ? '重新登记' : '提交登记'}
      </Button>
    </View>
  );
}
