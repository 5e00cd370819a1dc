import { Image, View } from '@tarojs/components';
import { joinUrl } from '../../../services/api';
import { apiBaseFor } from '../../../services/config';
import { taroEnv } from '../../../services/adapters/taro';
import { previewImages } from '../../../services/adapters/city-device';
import '../../citizen/components/photo-picker.scss';

const base = apiBaseFor(taroEnv(), process.env.TARO_APP_API_BASE);

/**
 * The short-lived photo URLs the plaque API returns with a complaint (`photoUrls`: the complaint's own
 * photos, for its complainant, the shop owner and the area chief; `fixPhotoUrls`: the shop's after photos,
 * also on the public plaque). Server: cloudfunctions/src/contexts/plaques/photo-links.ts.
 */
export type PhotoUrls = { photoUrls?: string[]; fixPhotoUrls?: string[] };

/** Thumbnails of signed photo URLs (a plain `<Image src>`: the link carries its own permission); tap to enlarge. */
export function LinkedPhotos({ urls, id, className, small, label }: { urls: string[] | undefined; id?: string; className?: string; small?: boolean; label?: string }) {
  if (!urls?.length) return null;
  const full = urls.map((u) => joinUrl(base, u));
  const grid = (
    <View id={id} className={`city-photos-grid plaque-linked-photos ${className ?? ''}`} data-count={urls.length}>
      {full.map((src) => (
        <Image key={src} className={`city-photo-thumb plaque-linked-photo${small ? ' city-photo-thumb--small' : ''}`} src={src} mode='aspectFill' onClick={() => previewImages(full, src)} />
      ))}
    </View>
  );
  // a label says whose photos these are (投诉照片 / 整改后照片) where both appear on one page
  if (!label) return grid;
  return (
    <View className='plaque-photos-block'>
      <View className='plaque-photos-label'>{label}</View>
      {grid}
    </View>
  );
}
