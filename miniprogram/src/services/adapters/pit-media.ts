/**
 * Platform bits of the pit subpackage: photos (pick, read, hash, PUT) and 2D canvases.
 * Thin wrappers only — the logic (hash, upload protocol, chart drawing) is in services/*.ts and tested.
 * Generic enough to move to a shared adapter when another subpackage needs photos.
 */
import Taro from '@tarojs/taro';
import { bytesToHex, sha256Hex } from '../sha256';
import type { Ctx2D } from '../../charts/draw';

const h5 = () => process.env.TARO_ENV === 'h5';
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function pixelRatio(): number {
  if (h5()) return typeof window !== 'undefined' ? Math.min(3, window.devicePixelRatio || 1) : 1;
  try {
    const info = (Taro as unknown as { getWindowInfo?: () => { pixelRatio: number } }).getWindowInfo?.() ?? Taro.getSystemInfoSync();
    return Math.min(3, info.pixelRatio || 2);
  } catch {
    return 2;
  }
}

// Photos -------------------------------------------------------------------------------------------------

export interface PickedPhoto {
  bytes: Uint8Array;
  /** Something an <Image> can show: a temp file path (weapp) or an object URL (H5). */
  preview: string;
}

/** weapp: camera or album (`chooseMedia`); rejects with `cancel` when the user backs out. */
export async function choosePhotoPaths(count: number): Promise<string[]> {
  const res = await Taro.chooseMedia({ count, mediaType: ['image'], sourceType: ['camera', 'album'], sizeType: ['compressed'] });
  return res.tempFiles.map((f) => f.tempFilePath);
}

/** weapp: the bytes of a temp file. */
export function readFileBytes(filePath: string): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath,
      success: (res) => resolve(new Uint8Array(res.data as ArrayBuffer)),
      fail: (e) => reject(new Error(e.errMsg)),
    });
  });
}

/** H5: the bytes and a preview URL of a picked `File`. */
export async function readH5File(file: Blob): Promise<PickedPhoto> {
  const buf = await file.arrayBuffer();
  return { bytes: new Uint8Array(buf), preview: URL.createObjectURL(file) };
}

/** SHA-256 hex: WebCrypto on H5 (secure contexts), else the pure-JS implementation. */
export async function hashBytes(bytes: Uint8Array): Promise<string> {
  const subtle = h5() && typeof crypto !== 'undefined' ? crypto.subtle : undefined;
  if (subtle) {
    try {
      return bytesToHex(await subtle.digest('SHA-256', bytes as unknown as ArrayBuffer));
    } catch {
      /* fall through */
    }
  }
  return sha256Hex(bytes);
}

/** PUT raw bytes to a presigned URL; resolves with the HTTP status. */
export async function putBytes(url: string, bytes: Uint8Array, contentType: string): Promise<number> {
  const body = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  if (h5()) {
    const res = await fetch(url, { method: 'PUT', headers: { 'Content-Type': contentType }, body });
    return res.status;
  }
  const res = await Taro.request({ url, method: 'PUT', header: { 'Content-Type': contentType }, data: body, dataType: 'text', responseType: 'text', timeout: 60000 });
  return res.statusCode;
}

/**
 * Back to the top of the page (after a form is sent, so its answer and the record's head are in view).
 * H5 pages scroll the window, which Taro's `pageScrollTo` (it scrolls the page element) does not move.
 */
export function scrollToTop() {
  if (h5()) {
    if (typeof window === 'undefined') return;
    window.scrollTo(0, 0);
    // a focused control (a switch, a textarea) may have scrolled the page's own container rather than the window
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('.taro_page, .taro_router, .taro-tabbar__panel'))) if (el.scrollTop) el.scrollTop = 0;
    return;
  }
  void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined);
}

// Canvas -------------------------------------------------------------------------------------------------

interface Canvas2d {
  ctx: Ctx2D & { setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void };
  /** CSS pixels. */
  width: number;
  height: number;
  /** Still the canvas we sized (H5: Taro's <taro-canvas-core> resets it when it re-renders). */
  intact: () => boolean;
}

/** H5: `<Canvas id>` renders `<taro-canvas-core id><canvas/></taro-canvas-core>`; the newest page's wins. */
async function h5Canvas(id: string): Promise<Canvas2d | null> {
  for (let i = 0; i < 60; i++) {
    const hosts = document.querySelectorAll(`[id="${id}"]`);
    const host = hosts[hosts.length - 1] as (HTMLElement & { componentOnReady?: () => Promise<unknown> }) | undefined;
    if (host) {
      if (host.componentOnReady) await host.componentOnReady();
      // Let the component's first re-render (it sizes its <canvas> once) finish before we size it ourselves.
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      const canvas = (host.tagName === 'CANVAS' ? host : host.querySelector('canvas')) as HTMLCanvasElement | null;
      const rect = host.getBoundingClientRect();
      if (canvas && rect.width > 0 && rect.height > 0) {
        const dpr = pixelRatio();
        const w = Math.round(rect.width * dpr);
        const h = Math.round(rect.height * dpr);
        canvas.width = w;
        canvas.height = h;
        const ctx = canvas.getContext('2d');
        if (!ctx) return null;
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        return { ctx: ctx as unknown as Canvas2d['ctx'], width: rect.width, height: rect.height, intact: () => canvas.isConnected && canvas.width === w && canvas.height === h };
      }
    }
    await sleep(50);
  }
  return null;
}

interface WxCanvasNode {
  width: number;
  height: number;
  getContext(type: '2d'): Canvas2d['ctx'];
}

/** weapp: the `Canvas type="2d"` node of the current page (retries while the page is still rendering). */
async function weappCanvas(id: string): Promise<Canvas2d | null> {
  for (let i = 0; i < 20; i++) {
    const res = await new Promise<{ node?: WxCanvasNode; width?: number; height?: number } | null>((resolve) => {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true }, () => undefined)
        .exec((r) => resolve((r?.[0] as never) ?? null));
    });
    if (res?.node && res.width && res.height) {
      const dpr = pixelRatio();
      const node = res.node;
      node.width = Math.round(res.width * dpr);
      node.height = Math.round(res.height * dpr);
      const ctx = node.getContext('2d');
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      return { ctx, width: res.width, height: res.height, intact: () => true };
    }
    await sleep(60);
  }
  return null;
}

/**
 * Sizes the canvas `#id` for the device and calls `draw(ctx, width, height)` in CSS pixels.
 * Resolves false when the canvas never appeared (page left). Redraws once if H5 reset it meanwhile.
 */
export async function paintCanvas(id: string, draw: (ctx: Ctx2D, width: number, height: number) => void): Promise<boolean> {
  await new Promise<void>((r) => Taro.nextTick(() => r()));
  for (let attempt = 0; attempt < 3; attempt++) {
    const c = h5() ? await h5Canvas(id) : await weappCanvas(id);
    if (!c) return false;
    draw(c.ctx, c.width, c.height);
    if (!h5()) return true;
    await sleep(300);
    if (c.intact()) return true;
  }
  return true;
}
