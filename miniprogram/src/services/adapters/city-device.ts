/**
 * Platform bits of the city subpackages: the device position, opening a map, and evidence images that need the
 * bearer token. Thin wrappers only — conversions and messages live in services/city-geo.ts (tested).
 */
import Taro from '@tarojs/taro';
import { classifyLocationError, LOCATION_FAILURE_TEXT, wgs84ToGcj02, type Fix, type LocationFailure } from '../city-geo';

const h5 = () => process.env.TARO_ENV === 'h5';

/** A failed position request, with a Chinese `message` for the page. */
export class LocationError extends Error {
  constructor(readonly reason: LocationFailure) {
    super(LOCATION_FAILURE_TEXT[reason]);
    this.name = 'LocationError';
  }
}

function browserFix(timeoutMs: number): Promise<Fix> {
  return new Promise((resolve, reject) => {
    const geo = typeof navigator !== 'undefined' ? navigator.geolocation : undefined;
    if (!geo) {
      reject(new LocationError('unsupported'));
      return;
    }
    geo.getCurrentPosition(
      (pos) => {
        // Browsers report WGS-84; our facilities (and WeChat) use GCJ-02.
        const p = wgs84ToGcj02({ lng: pos.coords.longitude, lat: pos.coords.latitude });
        resolve({ lng: p.lng, lat: p.lat, accuracy: pos.coords.accuracy });
      },
      (e) => reject(new LocationError(classifyLocationError(e))),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 0 },
    );
  });
}

async function weappFix(timeoutMs: number): Promise<Fix> {
  try {
    const r = await Taro.getLocation({ type: 'gcj02', isHighAccuracy: true, highAccuracyExpireTime: Math.min(timeoutMs, 5000) });
    return { lng: r.longitude, lat: r.latitude, accuracy: r.accuracy };
  } catch (e) {
    throw new LocationError(classifyLocationError(e));
  }
}

/**
 * The current position in GCJ-02 with its accuracy (metres). Never cached: a patrol check-in must be where
 * the patroller stands now. Rejects with a LocationError.
 */
export function getLocation(timeoutMs = 10_000): Promise<Fix> {
  return h5() ? browserFix(timeoutMs) : weappFix(timeoutMs);
}

/** weapp: the settings page, so a user who denied location can allow it (no-op on H5). */
export function openLocationSettings() {
  if (h5()) return;
  void Taro.openSetting().catch(() => undefined);
}

/** weapp: the built-in map at a facility, for walking there (H5: not available). */
export function openMap(p: { lng: number; lat: number }, name: string): boolean {
  if (h5()) return false;
  void Taro.openLocation({ longitude: p.lng, latitude: p.lat, name, scale: 17 }).catch(() => undefined);
  return true;
}

export const canOpenMap = (): boolean => !h5();

/** H5: a web map page (its URL from services/city/patrol-route.ts) in a new tab; weapp uses `openMap`. */
export function openWebMap(url: string) {
  if (h5() && typeof window !== 'undefined') window.open(url, '_blank', 'noopener');
}

// Evidence images ---------------------------------------------------------------------------------------

const previews = new Map<string, Promise<string>>();

/**
 * A displayable URL for an evidence photo served at `url` (the blob route needs the bearer token, which an
 * `<Image src>` cannot send): an object URL on H5, a temp file on weapp. Cached per URL for the session.
 */
export function authorizedImage(url: string, token: string | null): Promise<string> {
  let p = previews.get(url);
  if (!p) {
    const header: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    p = (async () => {
      if (h5()) {
        const res = await fetch(url, { headers: header });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return URL.createObjectURL(await res.blob());
      }
      const res = await Taro.downloadFile({ url, header });
      if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
      return res.tempFilePath;
    })();
    p.catch(() => previews.delete(url));
    previews.set(url, p);
  }
  return p;
}

/** Full-screen photo viewer (weapp native; Taro's H5 implementation elsewhere). */
export function previewImages(urls: string[], current: string) {
  void Taro.previewImage({ urls, current }).catch(() => undefined);
}

/**
 * H5 pages share the window's scroll, so a page opened from a scrolled one would start half-way down;
 * a detail page starts at its top (weapp pages always do).
 */
export function resetScroll() {
  if (h5() && typeof window !== 'undefined') window.scrollTo(0, 0);
}

/**
 * Brings an element that just appeared (an answer panel) into view (no move when it already is), wherever the page scrolls: the
 * window or the page's own container on H5, the page on weapp (`selector` is an `#id`).
 */
export function revealElement(selector: string) {
  if (h5()) {
    if (typeof document === 'undefined') return;
    // the newest page's element (Taro H5 keeps the previous page in the DOM)
    const all = Array.from(document.querySelectorAll<HTMLElement>(selector));
    const el = all[all.length - 1];
    if (el) el.scrollIntoView({ block: 'nearest', behavior: 'auto' });
    return;
  }
  void Taro.pageScrollTo({ selector, duration: 200 }).catch(() => undefined);
}
