import type { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { cjkFont } from '../../platform/pdf/cjk-font';
import { drawQr } from '../../platform/pdf/qr';

/** What one label shows. */
export type LabelFacility = { id: string; name: string; componentId: string };

export type LabelOptions = {
  /** The signed URL a label's QR code carries (signCodeUrl). */
  codeUrl: (id: string) => string;
  /** 12319 (城建服务热线) unless the city says otherwise */
  hotline?: string;
  /** QR error correction: M or Q (docs/domain/platform.md §8: outdoor wear); default Q */
  ecc?: 'M' | 'Q';
  /** How many labels will come, for the progress callback; optional. */
  total?: number;
  /** Thin cut lines around each label, for plain paper instead of a pre-cut sheet. */
  border?: boolean;
  /** The CJK font (cjk-font.ts) */
  font?: { path: string; family?: string };
};

/** Called after every page and once at the end, with labels done and `total` (or done when unknown). */
export type LabelProgress = (done: number, total: number) => void;

const MM = 72 / 25.4;
/**
 * A4 21-up label sheet (3 × 7 labels of 63.5 × 38.1 mm, e.g. Avery L7160 / Herma 4677): margins and
 * pitch as printed on the sheet.
 */
export const SHEET = {
  size: 'A4' as const,
  columns: 3,
  rows: 7,
  labelW: 63.5 * MM,
  labelH: 38.1 * MM,
  left: 7.2 * MM,
  top: 15.15 * MM,
  pitchX: 66.04 * MM,
  pitchY: 38.1 * MM,
};
export const LABELS_PER_PAGE = SHEET.columns * SHEET.rows;
/** QR symbol plus its 4-module quiet zone fits this square at the label's left. */
const QR_BOX = 34 * MM;
const PAD = 2.2 * MM;

/** `4419000101000001` → `441900 01 01 000001` (docs/domain/city.md §1.4: county, 大类, 小类, serial). */
export const spacedComponentId = (id: string) => (/^\d{16}$/.test(id) ? `${id.slice(0, 6)} ${id.slice(6, 8)} ${id.slice(8, 10)} ${id.slice(10)}` : id);

// The QR drawing lives in platform/pdf/qr.ts (shared with the plaque PDF); re-exported for existing callers.
export { qrMatrix, qrRuns } from '../../platform/pdf/qr';

type Doc = PDFKit.PDFDocument;

function drawLabel(doc: Doc, f: LabelFacility, slot: number, o: Required<Pick<LabelOptions, 'codeUrl' | 'hotline' | 'ecc' | 'border'>>) {
  const col = slot % SHEET.columns;
  const row = Math.floor(slot / SHEET.columns);
  const x = SHEET.left + col * SHEET.pitchX;
  const y = SHEET.top + row * SHEET.pitchY;
  if (o.border) doc.save().lineWidth(0.25).strokeColor('#bbbbbb').roundedRect(x, y, SHEET.labelW, SHEET.labelH, 2 * MM).stroke().restore();

  // QR: vector rectangles in module units under one transform; 4 quiet modules all round.
  drawQr(doc, o.codeUrl(f.id), x + (SHEET.labelH - QR_BOX) / 2, y + (SHEET.labelH - QR_BOX) / 2, QR_BOX, o.ecc);

  // Text column, right of the QR box.
  const tx = x + (SHEET.labelH - QR_BOX) / 2 + QR_BOX;
  const tw = x + SHEET.labelW - PAD - tx;
  let ty = y + PAD + 0.5 * MM;
  doc.fillColor('black');
  doc.fontSize(10.5).text('城市服务码', tx, ty, { width: tw, lineBreak: false });
  ty += 13.5;
  doc.fontSize(7).fillColor('#333333').text('扫码反映问题', tx, ty, { width: tw, lineBreak: false });
  ty += 11;
  doc.fillColor('black').fontSize(7.5).text(f.name, tx, ty, { width: tw, height: 19.5, ellipsis: true, lineGap: 0 });
  ty = y + SHEET.labelH - PAD - 23;
  doc.fontSize(6.3).text(spacedComponentId(f.componentId), tx, ty, { width: tw + PAD, lineBreak: false, characterSpacing: 0.1 });
  ty += 10.5;
  doc.fontSize(7).text(`服务热线 ${o.hotline}`, tx, ty, { width: tw, lineBreak: false });
}

/** Resolves when the consumer wants more (the stream called `_read`), or after 50 ms at the latest. */
function backpressure(doc: Doc & Readable): () => Promise<void> {
  let wake: (() => void) | undefined;
  (doc as unknown as { _read: () => void })._read = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  return async () => {
    while (doc.readableLength >= doc.readableHighWaterMark && !doc.destroyed) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 50).unref();
      });
    }
    await new Promise<void>((resolve) => setImmediate(resolve)); // let the consumer write and the progress bar draw
  };
}

/**
 * Printable A4 sheets of city service code labels (21 per page): per label a QR code of the signed code
 * URL (vector modules), 城市服务码 / 扫码反映问题, the facility name (2 lines at most), the 16-digit 部件标识码
 * spaced as `441900 01 01 000001`, and the hotline. Chinese is drawn with an embedded, subsetted CJK font.
 *
 * Streams: returns the PDF as a Readable at once and renders page by page while it is consumed (each
 * finished page is written out and released; at most ~1 MB waits in the stream), so 10,000 labels never
 * sit in memory. `facilities` may be an array or an async iterable (a database cursor). Errors destroy
 * the stream.
 * @example
 *   await pipeline(renderLabels(rows, { codeUrl: (id) => signCodeUrl(secret, base, id) }, bar), createWriteStream('labels.pdf'));
 */
export function renderLabels(facilities: Iterable<LabelFacility> | AsyncIterable<LabelFacility>, opts: LabelOptions, onProgress?: LabelProgress): Readable {
  const font = opts.font ?? cjkFont();
  const doc = new PDFDocument({ size: SHEET.size, margin: 0, autoFirstPage: false, highWaterMark: 1 << 20, info: { Title: '城市服务码标签', Author: 'CityLoop' } } as PDFKit.PDFDocumentOptions) as Doc & Readable;
  doc.registerFont('cjk', font.path, font.family as string);
  const o = { codeUrl: opts.codeUrl, hotline: opts.hotline ?? '12319', ecc: opts.ecc ?? 'Q', border: !!opts.border };
  const waitForConsumer = backpressure(doc);

  void (async () => {
    let done = 0;
    let slot = LABELS_PER_PAGE;
    for await (const f of facilities) {
      if (doc.destroyed) return;
      if (slot === LABELS_PER_PAGE) {
        if (done > 0) {
          onProgress?.(done, opts.total ?? done);
          await waitForConsumer();
        }
        doc.addPage({ size: SHEET.size, margin: 0 });
        doc.font('cjk');
        slot = 0;
      }
      drawLabel(doc, f, slot++, o);
      done++;
    }
    if (done === 0) {
      doc.addPage({ size: SHEET.size, margin: 0 });
      doc.font('cjk').fontSize(12).text('没有符合条件的设施', 72, 72);
    }
    onProgress?.(done, opts.total ?? done);
    doc.end();
  })().catch((e: Error) => doc.destroy(e));
  return doc;
}

/** The whole PDF in memory: for tests and small batches. */
export async function renderLabelsToBuffer(facilities: Iterable<LabelFacility> | AsyncIterable<LabelFacility>, opts: LabelOptions, onProgress?: LabelProgress): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of renderLabels(facilities, opts, onProgress)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
