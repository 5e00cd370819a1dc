/**
 * Reading a specimen chip by NFC on the phone (WeChat `NFCAdapter`, base library ≥ 2.11.2: `startDiscovery`, then
 * `onDiscovered` hands the tag's `id`; on iOS only ISO-DEP tags are reported). Not in a browser: there the chip is
 * typed or its label scanned.
 */
import Taro from '@tarojs/taro';
import { chipUidHex, nfcErrorMessage } from '../chip-uid';
import { isWeapp } from './taro';

export const nfcReadable = (): boolean => isWeapp() && typeof (Taro as { getNFCAdapter?: unknown }).getNFCAdapter === 'function';

/** The UID of the next tag held to the phone (upper-case hex); rejects with a message for the witness. */
export function readChipUid(timeoutMs = 20_000): Promise<string> {
  const adapter = Taro.getNFCAdapter();
  return new Promise<string>((resolve, reject) => {
    let done = false;
    const finish = (err: string | null, uid?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      adapter.offDiscovered(onTag);
      void adapter.stopDiscovery().catch(() => undefined);
      if (err) reject(new Error(err));
      else resolve(uid!);
    };
    const onTag = (res: { id?: ArrayBuffer }) => {
      const uid = chipUidHex(res.id);
      finish(uid ? null : '未读到芯片编号，请重试或手工输入', uid ?? undefined);
    };
    const timer = setTimeout(() => finish('未发现芯片，请把试件芯片贴近手机背面后重试'), timeoutMs);
    adapter.onDiscovered(onTag as never);
    adapter.startDiscovery().catch((e: { errCode?: number }) => finish(nfcErrorMessage(e?.errCode)));
  });
}
