/**
 * The only module that calls `@tarojs/taro` for app logic. Everything here is a thin wrapper so
 * the logic in services/*.ts can be unit-tested in plain node with fakes.
 */
import Taro from '@tarojs/taro';
import type { KeyValueStore } from '../session';
import type { Transport } from '../api';

export const taroEnv = (): string | undefined => process.env.TARO_ENV;
export const isH5 = (): boolean => process.env.TARO_ENV === 'h5';
export const isWeapp = (): boolean => process.env.TARO_ENV === 'weapp';

export const taroStore: KeyValueStore = {
  get(key) {
    try {
      const v = Taro.getStorageSync(key);
      return v === '' ? undefined : v;
    } catch {
      return undefined;
    }
  },
  set(key, value) {
    try {
      Taro.setStorageSync(key, value);
    } catch {
      /* storage full or unavailable: the preference just does not persist */
    }
  },
  remove(key) {
    try {
      Taro.removeStorageSync(key);
    } catch {
      /* ignore */
    }
  },
};

export const taroTransport: Transport = async (req) => {
  const res = await Taro.request({
    url: req.url,
    method: req.method,
    header: req.headers,
    data: req.body as TaroGeneral.IAnyObject | undefined,
    dataType: 'json',
    timeout: 15000,
  });
  return { status: res.statusCode, body: res.data };
};

// Navigation -----------------------------------------------------------------------------------

export const navigateTo = (url: string) => Taro.navigateTo({ url });
export const redirectTo = (url: string) => Taro.redirectTo({ url });
export const reLaunch = (url: string) => Taro.reLaunch({ url });
export const navigateBack = () => Taro.navigateBack();
export const pageDepth = (): number => Taro.getCurrentPages().length;

/** Route of the page on top, e.g. `pages/login/index` (no leading slash, no query). */
export function currentRoute(): string {
  const pages = Taro.getCurrentPages();
  const top = pages[pages.length - 1] as { route?: string; path?: string } | undefined;
  const r = top?.route ?? top?.path ?? '';
  return r.replace(/^\//, '').split('?')[0];
}

// Feedback -------------------------------------------------------------------------------------

/** The phone's dialer with the number filled in (WeChat asks the person first; H5 opens a tel: link). */
export const makePhoneCall = (phoneNumber: string) => Taro.makePhoneCall({ phoneNumber });

export function toast(title: string, icon: 'none' | 'success' | 'error' = 'none') {
  void Taro.showToast({ title, icon, duration: 2500 }).catch(() => undefined);
}

export const stopPullDownRefresh = () => {
  try {
    Taro.stopPullDownRefresh();
  } catch {
    /* not refreshing */
  }
};

// Device ---------------------------------------------------------------------------------------

/** A wx.login code (weapp only). */
export async function wxLoginCode(): Promise<string> {
  const { code } = await Taro.login();
  if (!code) throw new Error('wx.login returned no code');
  return code;
}

/** Opens the camera scanner for QR codes. Rejects when cancelled or unsupported (H5). */
export async function scanQrCode(): Promise<{ result: string; path?: string }> {
  const res = await Taro.scanCode({ scanType: ['qrCode'] });
  return { result: res.result, path: (res as { path?: string }).path };
}

export async function copyText(data: string) {
  await Taro.setClipboardData({ data });
}

export function openExternal(url: string) {
  if (isH5() && typeof window !== 'undefined') {
    window.open(url, '_blank', 'noopener');
    return;
  }
  void copyText(url).then(() => toast('链接已复制，请在浏览器中打开'));
}

// Events ---------------------------------------------------------------------------------------

export const emit = (event: string, ...args: unknown[]) => Taro.eventCenter.trigger(event, ...args);
export function listen(event: string, fn: (...args: any[]) => void): () => void {
  Taro.eventCenter.on(event, fn);
  return () => Taro.eventCenter.off(event, fn);
}
