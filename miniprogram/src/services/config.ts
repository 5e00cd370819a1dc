/** Build-time facts, as pure functions of the values Taro injects (testable without Taro). */

export const DEFAULT_API_BASE = 'http://127.0.0.1:8080';

/** H5 talks to its own origin (`/api/...`); the mini-program needs an absolute HTTPS origin. */
export function apiBaseFor(taroEnv: string | undefined, configured: string | undefined): string {
  if (taroEnv === 'h5') return '';
  return (configured || DEFAULT_API_BASE).replace(/\/+$/, '');
}
