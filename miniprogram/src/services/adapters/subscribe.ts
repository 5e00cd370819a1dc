/**
 * The wired-up `askSubscribe`: WeChat's consent dialog (weapp only) and the report to the server.
 * Logic and messages live in services/subscribe.ts (tested).
 *
 * @example
 *   const submit = async () => {
 *     await askSubscribe(['progress']); // first, while the tap is on the stack; resolves at once on H5
 *     await cityApi.report(...);
 *   };
 */
import Taro from '@tarojs/taro';
import { createApi } from '../api';
import { apiBaseFor } from '../config';
import { session } from '../client';
import { createAskSubscribe } from '../subscribe';
import { taroEnv, taroTransport } from './taro';

function requestSubscribe(tmplIds: string[]): Promise<unknown> | null {
  if (process.env.TARO_ENV !== 'weapp') return null;
  const t = Taro as unknown as { requestSubscribeMessage?: unknown; canIUse?: (api: string) => boolean };
  if (typeof t.requestSubscribeMessage !== 'function' || (t.canIUse && !t.canIUse('requestSubscribeMessage'))) return null;
  return Taro.requestSubscribeMessage({ tmplIds } as Parameters<typeof Taro.requestSubscribeMessage>[0]);
}

// Its own client without the 401 handler: a lapsed session must not send the user to the login page mid-action.
const quietApi = createApi({ baseUrl: apiBaseFor(taroEnv(), process.env.TARO_APP_API_BASE), transport: taroTransport, getToken: () => session.getToken() });

export const askSubscribe = createAskSubscribe({
  request: requestSubscribe,
  report: (body) => quietApi.post('/api/me/subscriptions', body),
  canReport: () => session.isLoggedIn(),
});
