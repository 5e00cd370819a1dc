import QRCode from 'qrcode';

/** The QR matrix for a URL: `size` and row-major dark modules (1 = dark), straight from `qrcode`. */
export function qrMatrix(url: string, ecc: 'M' | 'Q' = 'Q'): { size: number; data: Uint8Array } {
  const m = QRCode.create(url, { errorCorrectionLevel: ecc }).modules;
  return { size: m.size, data: m.data };
}

/**
 * The dark modules as horizontal runs, one PDF `re` operator each, in module units (x = column, y = row,
 * y down as in pdfkit's page space). Merging runs keeps a 10,000-label file several times smaller than
 * one rectangle per module and far smaller than a PNG per code.
 */
export function qrRuns(m: { size: number; data: Uint8Array }): string {
  let out = '';
  for (let r = 0; r < m.size; r++) {
    const row = r * m.size;
    for (let c = 0; c < m.size; ) {
      if (!m.data[row + c]) {
        c++;
        continue;
      }
      const start = c;
      while (c < m.size && m.data[row + c]) c++;
      out += `${start} ${r} ${c - start} 1 re\n`;
    }
  }
  return out;
}

/** Modules of white margin the QR standard asks for all round. */
export const QR_QUIET_MODULES = 4;

/**
 * Draws the QR code of `url` as vector modules (one transform, one fill) so that the symbol and its
 * 4-module quiet zone fill the square `box` points wide at (`x`, `y`), top-left. Returns the symbol size.
 * @example drawQr(doc, signCodeUrl(secret, base, id), 40, 40, 34 * 72 / 25.4, 'Q')
 */
export function drawQr(doc: PDFKit.PDFDocument, url: string, x: number, y: number, box: number, ecc: 'M' | 'Q' = 'Q'): number {
  const m = qrMatrix(url, ecc);
  const unit = box / (m.size + 2 * QR_QUIET_MODULES);
  doc.save();
  doc.transform(unit, 0, 0, unit, x + QR_QUIET_MODULES * unit, y + QR_QUIET_MODULES * unit);
  doc.addContent(qrRuns(m));
  doc.fillColor('black').fill();
  doc.restore();
  return m.size;
}
