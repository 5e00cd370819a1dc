/**
 * Platform bits of the pit pages' files: a raw instrument file to upload (weapp: from a WeChat chat, the only
 * files a mini-program can choose; H5: the page's `<input type=file>`) and the daily report PDF, which the API
 * serves to the signed-in user only (bearer token), so it is fetched here rather than linked.
 * Thin wrappers only; the checks (size, format, time) are in services/pit.ts and tested.
 */
import Taro from '@tarojs/taro';
import { ApiError } from '../api';

const h5 = () => process.env.TARO_ENV === 'h5';

/** A chosen file: what the page shows and checks before reading it. */
export interface PickedTextFile {
  name: string;
  size: number;
  /** The text (UTF-8; instrument exports are ASCII). */
  read: () => Promise<string>;
}

/** H5: a `File` from the page's input. */
export function h5TextFile(file: File): PickedTextFile {
  return { name: file.name, size: file.size, read: () => file.text() };
}

function readTextFile(filePath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath,
      encoding: 'utf8',
      success: (res) => resolve(String(res.data)),
      fail: (e) => reject(new ApiError('file_unreadable', 0, `无法读取文件（${e.errMsg}）`)),
    });
  });
}

/** weapp: one file from a chat (`chooseMessageFile`); null when the user backs out. */
export async function chooseChatFile(): Promise<PickedTextFile | null> {
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file' });
    const f = res.tempFiles[0];
    return f ? { name: f.name, size: f.size, read: () => readTextFile(f.path) } : null;
  } catch (e) {
    if (/cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? e))) return null;
    throw new ApiError('file_choose_failed', 0, '无法打开微信聊天文件，请重试');
  }
}

/** The Chinese message of a refusal the API sent as JSON (in place of the file), else a generic one. */
function refusal(status: number, body: string): ApiError {
  try {
    const j = JSON.parse(body) as { error?: string; message?: string };
    if (j.message) return new ApiError(j.error ?? 'error', status, j.message);
  } catch {
    /* not JSON */
  }
  return new ApiError('bad_response', status, `文件获取失败（HTTP ${status}），请稍后重试`);
}

async function h5Download(url: string, header: Record<string, string>, fileName: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { headers: header });
  } catch {
    throw new ApiError('network_error', 0, '网络连接失败，请检查网络后重试');
  }
  if (!res.ok) throw refusal(res.status, await res.text());
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

async function weappDocument(url: string, header: Record<string, string>, fileType: 'pdf' | 'xlsx'): Promise<void> {
  let res: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    res = await Taro.downloadFile({ url, header });
  } catch {
    throw new ApiError('network_error', 0, '网络连接失败，请检查网络后重试');
  }
  if (res.statusCode !== 200) throw refusal(res.statusCode, await readTextFile(res.tempFilePath).catch(() => ''));
  await Taro.openDocument({ filePath: res.tempFilePath, fileType, showMenu: true });
}

/**
 * Gets a PDF the API serves to `token`'s user and hands it over: H5 saves it (`<a download>`), the
 * mini-program opens it in WeChat's document viewer (save and forward from its menu). A refusal rejects
 * with the server's Chinese message.
 */
export function openPdf(url: string, token: string | null, fileName: string): Promise<void> {
  return openDocument(url, token, fileName, 'pdf');
}

/** The same for any document the API serves (a PDF, an xlsx export): H5 saves it, weapp opens it in WeChat's viewer. */
export function openDocument(url: string, token: string | null, fileName: string, fileType: 'pdf' | 'xlsx'): Promise<void> {
  const header: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
  return h5() ? h5Download(url, header, fileName) : weappDocument(url, header, fileType);
}

/** A chosen binary file (a point spreadsheet): its bytes as base64. */
export interface PickedBinaryFile {
  name: string;
  size: number;
  readBase64: () => Promise<string>;
}

/** H5: a `File` from the page's input, read as base64. */
export function h5BinaryFile(file: File): PickedBinaryFile {
  return {
    name: file.name,
    size: file.size,
    readBase64: async () => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    },
  };
}

/** weapp: one spreadsheet from a chat (`chooseMessageFile`), read as base64; null when the user backs out. */
export async function chooseChatSpreadsheet(): Promise<PickedBinaryFile | null> {
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'xls', 'csv'] });
    const f = res.tempFiles[0];
    if (!f) return null;
    const readBase64 = () =>
      new Promise<string>((resolve, reject) => {
        Taro.getFileSystemManager().readFile({ filePath: f.path, encoding: 'base64', success: (r) => resolve(String(r.data)), fail: (e) => reject(new ApiError('file_unreadable', 0, `无法读取文件（${e.errMsg}）`)) });
      });
    return { name: f.name, size: f.size, readBase64 };
  } catch (e) {
    if (/cancel/i.test(String((e as { errMsg?: string })?.errMsg ?? e))) return null;
    throw new ApiError('file_choose_failed', 0, '无法打开微信聊天文件，请重试');
  }
}
