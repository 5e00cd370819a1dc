import { useEffect, useRef, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { errorMessage } from '../../../services/api';
import { MAX_PHOTOS } from '../../../services/pit/form-rules';
import { uploadEvidence } from '../../../services/evidence';
import { choosePhotoPaths, hashBytes, putBytes, readFileBytes, readH5File, type PickedPhoto } from '../../../services/adapters/pit-media';
import { ErrorText } from '../../../components/Page';
import { cityApi } from '../cityApi';
import './photo-picker.scss';

export interface PhotoItem {
  sha256: string;
  preview: string;
}

/**
 * Photos for a report, a 反馈 or a 核查: picked (camera/album on weapp, `<input type=file id={idPrefix}-input>`
 * on H5), hashed and uploaded at once (the pit evidence protocol), so submitting only cites their SHA-256.
 * Ids: `#<idPrefix>-input` (H5), `#<idPrefix>-add` (weapp), `#<idPrefix>-count` (`data-count`).
 * One picker for every photo form: the pit, plaque and shop pages pass their own `api`.
 */
export function PhotoPicker({
  idPrefix,
  items,
  onChange,
  onBusyChange,
  max = MAX_PHOTOS,
  api = cityApi,
  addText = '拍照/相册',
  tileClass = '',
}: {
  idPrefix: string;
  /** whose upload endpoints to use (same server routes; the api object lives in each subpackage) */
  api?: Parameters<typeof uploadEvidence>[1]['api'];
  addText?: string;
  /** an extra class on each photo tile, for the page's own selectors */
  tileClass?: string;
  items: PhotoItem[];
  onChange: (items: PhotoItem[]) => void;
  onBusyChange?: (busy: boolean) => void;
  max?: number;
}) {
  const [busy, setBusy] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(items);
  latest.current = items;

  const track = (delta: number) => setBusy((n) => n + delta);
  useEffect(() => onBusyChange?.(busy > 0), [busy > 0]);

  const addPhotos = async (photos: (() => Promise<PickedPhoto>)[]) => {
    setError(null);
    for (const get of photos) {
      if (latest.current.length >= max) {
        setError(`最多上传 ${max} 张照片`);
        break;
      }
      track(1);
      try {
        const p = await get();
        const sha256 = await uploadEvidence(p.bytes, { api, put: putBytes, hash: hashBytes });
        if (!latest.current.some((x) => x.sha256 === sha256)) {
          latest.current = [...latest.current, { sha256, preview: p.preview }];
          onChange(latest.current);
        }
      } catch (e) {
        setError(errorMessage(e));
      } finally {
        track(-1);
      }
    }
  };

  const pickWeapp = async () => {
    let paths: string[];
    try {
      paths = await choosePhotoPaths(Math.max(1, max - latest.current.length));
    } catch (e) {
      const msg = String((e as { errMsg?: string })?.errMsg ?? e);
      if (!/cancel/i.test(msg)) setError('无法打开相机或相册，请检查权限');
      return;
    }
    await addPhotos(paths.map((p) => async () => ({ bytes: await readFileBytes(p), preview: p })));
  };

  const onH5Files = (e: { currentTarget: HTMLInputElement }) => {
    const input = e.currentTarget;
    const files = Array.from(input.files ?? []);
    void addPhotos(files.map((f) => () => readH5File(f))).finally(() => {
      input.value = '';
    });
  };

  const remove = (sha256: string) => onChange(items.filter((x) => x.sha256 !== sha256));

  return (
    <View className='city-photos'>
      <View className='city-photos-grid'>
        {items.map((it) => (
          <View key={it.sha256} className={`city-photo-thumb ${tileClass}`} data-sha256={it.sha256}>
            <Image className='city-photo-img' src={it.preview} mode='aspectFill' />
            <View className='city-photo-remove' onClick={() => remove(it.sha256)}>
              ×
            </View>
          </View>
        ))}
        {items.length < max ? (
          process.env.TARO_ENV === 'h5' ? (
            <View className='city-photo-add'>
              <Text className='city-photo-plus'>＋</Text>
              <Text className='city-photo-add-text'>{busy ? '上传中…' : addText}</Text>
              <input id={`${idPrefix}-input`} className='city-photo-file' type='file' accept='image/*' multiple onChange={onH5Files} />
            </View>
          ) : (
            <View id={`${idPrefix}-add`} className='city-photo-add' hoverClass='city-photo-pressed' onClick={() => void pickWeapp()}>
              <Text className='city-photo-plus'>＋</Text>
              <Text className='city-photo-add-text'>{busy ? '上传中…' : addText}</Text>
            </View>
          )
        ) : null}
      </View>
      <View id={`${idPrefix}-count`} className='muted' data-count={items.length} data-busy={busy}>
        {busy ? `正在上传 ${busy} 张…` : `已上传 ${items.length} 张照片`}
      </View>
      <ErrorText message={error} />
    </View>
  );
}
