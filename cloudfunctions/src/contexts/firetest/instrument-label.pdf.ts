import PDFDocument from 'pdfkit';
import { cjkFont } from '../../platform/pdf/cjk-font';
import { drawQr } from '../../platform/pdf/qr';
import type { FireInstrument } from './firetest.collections';

const MM = 72 / 25.4;

/** A 60 × 40 mm label for an instrument: the signed QR operators scan before use, type, serial, calibration. */
export async function renderInstrumentLabel(i: FireInstrument, codeUrl: string, font = cjkFont()): Promise<Buffer> {
  const size: [number, number] = [60 * MM, 40 * MM];
  const doc = new PDFDocument({ size, margin: 0, info: { Title: `仪器标签 ${i.serial}`, Author: 'CityLoop' } });
  doc.registerFont('cjk', font.path, font.family as string);
  doc.font('cjk');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  drawQr(doc, codeUrl, 2 * MM, 2 * MM, 36 * MM, 'Q');
  const x = 38 * MM;
  const w = 21 * MM;
  doc.fillColor('black').fontSize(8).text(i.type, x, 4 * MM, { width: w });
  doc.fontSize(6).fillColor('#333333').text(`编号 ${i.serial}`, x, doc.y + 2, { width: w });
  doc.text(`检定 ${i.calibrationNo}`, x, doc.y + 2, { width: w });
  doc.text(`有效期至 ${i.validUntil}`, x, doc.y + 2, { width: w });
  doc.text('使用前扫码核验', x, 34 * MM, { width: w });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
