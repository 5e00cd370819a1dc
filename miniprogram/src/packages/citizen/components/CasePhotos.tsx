import { useEffect, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { session } from '../../../services/client';
import { joinUrl } from '../../../services/api';
import { apiBaseFor } from '../../../services/config';
import { blobPath } from '../../../services/city/api';
import { taroEnv } from '../../../services/adapters/taro';
import { authorizedImage, previewImages } from '../../../services/adapters/city-device';
import './photo-picker.scss';

const base = apiBaseFor(taroEnv(), process.env.TARO_APP_API_BASE);

type Thumb = { sha: string; src: string | null; failed: boolean };

/**
 * Evidence photos of a case or a step, as thumbnails (tap to enlarge). The server shows evidence to staff
 * and to its uploader only; a photo the viewer may not see is a placeholder, never an error.
 */
export function CasePhotos({ shas, className }: { shas: string[]; className?: string }) {
  const [thumbs, setThumbs] = useState<Thumb[]>(() => shas.map((sha) => ({ sha, src: null, failed: false })));
  const key = shas.join(',');

  useEffect(() => {
    let live = true;
    setThumbs(shas.map((sha) => ({ sha, src: null, failed: false })));
    const token = session.getToken();
    shas.forEach((sha, i) => {
      authorizedImage(joinUrl(base, blobPath(sha)), token)
        .then((src) => live && setThumbs((t) => t.map((x, j) => (j === i ? { ...x, src } : x))))
        .catch(() => live && setThumbs((t) => t.map((x, j) => (j === i ? { ...x, failed: true } : x))));
    });
    return () => {
      live = false;
    };
  }, [key]);

  if (!shas.length) return null;
  const shown = thumbs.filter((t) => t.src).map((t) => t.src!) as string[];
  const hidden = thumbs.filter((t) => t.failed).length;
  return (
    <View className={`city-case-photos ${className ?? ''}`} data-count={shas.length}>
      <View className='city-photos-grid'>
        {thumbs.map((t) =>
          t.src ? (
            <Image key={t.sha} className='city-photo-thumb city-photo-thumb--small' src={t.src} mode='aspectFill' onClick={() => previewImages(shown, t.src!)} />
          ) : t.failed ? null : (
            <View key={t.sha} className='city-photo-thumb city-photo-thumb--small city-photo-loading' />
          ),
        )}
      </View>
      {hidden ? (
        <Text className='muted'>
          {hidden === shas.length ? `现场照片 ${shas.length} 张（仅办理人员可见）` : `另有 ${hidden} 张照片仅办理人员可见`}
        </Text>
      ) : null}
    </View>
  );
}
