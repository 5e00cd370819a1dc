import { useEffect, useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText, Page } from '../../../../components/Page';
import { errorMessage } from '../../../../services/api';
import { pageParam } from '../../../../services/links';
import { PLAQUE_PAGES, type PlaqueView } from '../../../../services/plaque/api';
import { validateComplaint } from '../../../../services/plaque/form-rules';
import { redirectTo, toast } from '../../../../services/adapters/taro';
import { askSubscribe } from '../../../../services/adapters/subscribe';
import { GradeBadge } from '../../components/GradeBadge';
import { LoginGate } from '../../components/LoginGate';
import { PhotoPicker, type PhotoItem } from '../../../citizen/components/PhotoPicker';
import { plaqueApi } from '../../plaqueApi';
import '../../plaque.scss';
import './index.scss';
import { COMPLAINT_DESCRIPTION_MAX } from '@cityloop/shared/plaques/plaque.limits';

/** 投诉: pick the problem (门前三包 classes), describe it, add at least one photo. The shop never learns who complained. */
export default function PlaqueComplain() {
  const id = pageParam(useRouter().params.id);
  const [plaque, setPlaque] = useState<PlaqueView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [classCode, setClassCode] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<PhotoItem[]>([]);
  const [uploading, setUploading] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = () => {
    if (!id) {
      setLoadError('缺少责任牌编号，请重新扫码');
      return;
    }
    setLoadError(null);
    plaqueApi
      .view(id)
      .then(setPlaque)
      .catch((e) => setLoadError(errorMessage(e)));
  };
  useEffect(load, [id]);

  const submit = async () => {
    if (submitting || !plaque) return;
    if (uploading) {
      setError('照片仍在上传，请稍候');
      return;
    }
    const invalid = validateComplaint({ classCode, description, photoCount: photos.length });
    if (invalid) {
      setError(invalid);
      return;
    }
    await askSubscribe(['progress']); // the shop's fix comes as a progress message (never throws; at once on H5)
    setSubmitting(true);
    setError(null);
    try {
      const c = await plaqueApi.complain(plaque.id, { classCode: classCode!, description: description.trim(), photos: photos.map((x) => x.sha256) });
      toast('投诉已提交', 'success');
      await redirectTo(PLAQUE_PAGES.complaint(c.id));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  const p = plaque;
  // only problems of the shop's own duties (a shop without 包绿化 has no 绿地脏乱); the API refuses the others too
  const classes = p ? p.complaintClasses.filter((c) => p.duties.includes(c.duty)) : [];
  const chosen = classes.find((c) => c.code === classCode);

  return (
    <Page className='plaque-complain-page'>
      <ErrorText message={loadError} />
      {loadError && id ? (
        <Button className='btn-block' fill='outline' onClick={load}>
          重试
        </Button>
      ) : null}
      {!p && !loadError ? <View className='loading-text'>正在加载…</View> : null}
      {p ? (
        <LoginGate why='登录后即可投诉；商户看不到您的身份和联系方式'>
          <View className='card'>
            <View className='row'>
              <View className='spacer'>
                <View id='plaque-complain-shop' className='plaque-title'>
                  {p.name}
                </View>
                <View className='plaque-sub'>{p.address}</View>
              </View>
              <GradeBadge grade={p.grade} />
            </View>
          </View>

          <View className='card'>
            <View className='plaque-form-label complain-first-label'>问题类型</View>
            <View id='plaque-classes' className='complain-classes'>
              {classes.map((c) => (
                <View
                  key={c.code}
                  className={`plaque-class-option${c.code === classCode ? ' plaque-class-option--active' : ''}`}
                  data-code={c.code}
                  data-selected={c.code === classCode ? 'true' : 'false'}
                  hoverClass='plaque-pressed'
                  onClick={() => {
                    setClassCode(c.code);
                    setError(null);
                  }}
                >
                  <Text className='plaque-class-name'>{c.name}</Text>
                  <Text className='plaque-class-duty'>{c.duty}</Text>
                </View>
              ))}
            </View>
            {chosen ? <View className='muted'>属于「{chosen.duty}」责任</View> : <View className='muted'>本店承担：{p.duties.join('、')}</View>}

            <View className='plaque-form-label'>问题描述</View>
            <Textarea
              id='plaque-description'
              className='plaque-textarea'
              value={description}
              maxlength={COMPLAINT_DESCRIPTION_MAX}
              placeholder='请描述看到的问题，如：门口摆了三个货架占用人行道'
              onInput={(e) => {
                setDescription(e.detail.value);
                setError(null);
              }}
            />

            <View className='plaque-form-label'>现场照片（至少 1 张）</View>
            <PhotoPicker
              idPrefix='plaque-photo'
              api={plaqueApi}
              tileClass='plaque-photo-thumb'
              items={photos}
              onChange={(items) => {
                setPhotos(items);
                setError(null);
              }}
              onBusyChange={setUploading}
            />

            <ErrorText id='plaque-form-error' message={error} />
            <Button id='plaque-submit' className='btn-block' type='primary' size='large' block loading={submitting} disabled={uploading} onClick={() => void submit()}>
              提交投诉
            </Button>
            <View className='muted complain-note'>同一商户每天最多投诉 2 次。商户须在时限内整改并上传整改照片，整改后请您确认。</View>
          </View>
        </LoginGate>
      ) : null}
    </Page>
  );
}
