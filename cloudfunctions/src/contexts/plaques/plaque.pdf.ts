import PDFDocument from 'pdfkit';
import { DUTIES, type Duty } from '@cityloop/shared/plaques/duties';
import { GRADE_PATROL, type Grade } from '@cityloop/shared/plaques/score';
import { cjkFont } from '../../platform/pdf/cjk-font';
import { drawQr } from '../../platform/pdf/qr';

/** What one plaque shows. */
export type PlaqueShop = {
  id: string;
  name: string;
  address: string;
  duties: Duty[];
  grade: Grade;
  score: number;
  zone: { frontageM: number; depthM: number };
  /** the kit: the owner's page with the one-time 绑定码 follows the plaque (absent: the plaque only, or already bound) */
  binding?: { code: string; ownerName: string; phone: string };
};

export type PlaqueOptions = {
  /** The signed URL the plaque's QR carries (signCodeUrl of the shop id). */
  codeUrl: (id: string) => string;
  /** 12319 (城建服务热线) unless the city says otherwise */
  hotline?: string;
  /** QR error correction; default Q (outdoor wear, docs/domain/platform.md §8) */
  ecc?: 'M' | 'Q';
  /** The CJK font (cjk-font.ts) */
  font?: { path: string; family?: string };
  /** The date printed as "评级日期" (Asia/Shanghai); default today */
  printedAt?: Date;
};

const MM = 72 / 25.4;
/** A5 landscape: 210 × 148 mm. */
export const PLAQUE_PAGE = { size: 'A5' as const, layout: 'landscape' as const, w: 210 * MM, h: 148 * MM };
const MARGIN = 10 * MM;
const QR_BOX = 70 * MM;
const GRADE_COLOR: Record<Grade, string> = { A: '#1a7f37', B: '#0969da', C: '#bf8700', D: '#cf222e' };

const shanghaiDate = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const metres = (m: number) => (Number.isInteger(m) ? String(m) : m.toFixed(1));

function drawPlaque(doc: PDFKit.PDFDocument, s: PlaqueShop, o: Required<Pick<PlaqueOptions, 'codeUrl' | 'hotline' | 'ecc'>> & { date: string }) {
  const { w, h } = PLAQUE_PAGE;
  // frame and title band
  doc.save().lineWidth(2).strokeColor('#1f4e79').rect(MARGIN / 2, MARGIN / 2, w - MARGIN, h - MARGIN).stroke().restore();
  doc.save().rect(MARGIN / 2, MARGIN / 2, w - MARGIN, 16 * MM).fill('#1f4e79').restore();
  doc.fillColor('white').fontSize(22).text('门前三包责任牌', MARGIN, MARGIN / 2 + 3.6 * MM, { width: w - 2 * MARGIN, align: 'center', lineBreak: false });

  // right: the QR and its caption
  const qx = w - MARGIN - QR_BOX;
  const qy = MARGIN / 2 + 20 * MM;
  drawQr(doc, o.codeUrl(s.id), qx, qy, QR_BOX, o.ecc);
  doc.fillColor('#333333').fontSize(10).text('微信扫码：查看评分 · 投诉 · 整改进度', qx, qy + QR_BOX + 1 * MM, { width: QR_BOX, align: 'center', lineBreak: false });

  // left column
  const lx = MARGIN + 2 * MM;
  const lw = qx - lx - 6 * MM;
  let y = MARGIN / 2 + 21 * MM;
  doc.fillColor('black').fontSize(24).text(s.name, lx, y, { width: lw, height: 64, ellipsis: true, lineGap: 2 });
  y = doc.y + 2 * MM;
  doc.fillColor('#333333').fontSize(11).text(s.address, lx, y, { width: lw, height: 30, ellipsis: true });
  y = doc.y + 4 * MM;

  doc.fillColor('black').fontSize(12).text('责任内容', lx, y, { lineBreak: false });
  let bx = lx + 52;
  for (const d of Object.keys(DUTIES) as Duty[]) {
    const on = s.duties.includes(d);
    doc.save().lineWidth(1).roundedRect(bx, y - 3, 56, 20, 4).fillAndStroke(on ? '#1f4e79' : 'white', on ? '#1f4e79' : '#bbbbbb').restore();
    doc.fillColor(on ? 'white' : '#bbbbbb').fontSize(12).text(DUTIES[d], bx, y + 1, { width: 56, align: 'center', lineBreak: false });
    bx += 62;
  }
  y += 28;
  doc.fillColor('black').fontSize(12).text(`责任区域　门前 ${metres(s.zone.frontageM)} 米 × 进深 ${metres(s.zone.depthM)} 米`, lx, y, { width: lw, lineBreak: false });
  y += 26;

  // grade
  doc.fontSize(12).fillColor('black').text('信用等级', lx, y + 10, { lineBreak: false });
  doc.save().circle(lx + 80, y + 16, 19).fill(GRADE_COLOR[s.grade]).restore();
  doc.fillColor('white').fontSize(24).text(s.grade, lx + 61, y + 4, { width: 38, align: 'center', lineBreak: false });
  doc.fillColor('black').fontSize(11).text(`${s.score} 分 · ${GRADE_PATROL[s.grade].label}`, lx + 106, y + 5, { width: lw - 106, lineBreak: false });
  doc.fillColor('#666666').fontSize(8.5).text(`评级日期 ${o.date}，每日更新，以扫码所见为准`, lx + 106, y + 21, { width: lw - 106, lineBreak: false });

  // footer: hotline and plaque number
  const fy = h - MARGIN / 2 - 12 * MM;
  doc.save().moveTo(MARGIN, fy - 2 * MM).lineTo(w - MARGIN, fy - 2 * MM).lineWidth(0.5).strokeColor('#bbbbbb').stroke().restore();
  doc.fillColor('black').fontSize(14).text(`监督电话 ${o.hotline}`, lx, fy + 1 * MM, { lineBreak: false });
  doc.fillColor('#666666').fontSize(9).text(`责任牌编号 ${s.id}`, w - MARGIN - 80 * MM, fy + 3 * MM, { width: 80 * MM - 2 * MM, align: 'right', lineBreak: false });
}

/** The owner's page of the kit: never posted, handed to the owner with the plaque. */
function drawBindingPage(doc: PDFKit.PDFDocument, s: PlaqueShop, b: NonNullable<PlaqueShop['binding']>) {
  const { w, h } = PLAQUE_PAGE;
  const x = MARGIN + 2 * MM;
  const width = w - 2 * MARGIN - 4 * MM;
  doc.save().lineWidth(1).strokeColor('#1f4e79').rect(MARGIN / 2, MARGIN / 2, w - MARGIN, h - MARGIN).stroke().restore();
  doc.fillColor('#1f4e79').fontSize(20).text('商户账号绑定告知书', x, MARGIN, { width, align: 'center', lineBreak: false });
  doc.fillColor('black').fontSize(12).text(`${s.name}（责任牌编号 ${s.id}）`, x, MARGIN + 12 * MM, { width, lineBreak: false, ellipsis: true });
  doc.fillColor('#333333').fontSize(11).text(`负责人 ${b.ownerName}　登记手机 ${b.phone}`, x, MARGIN + 19 * MM, { width, lineBreak: false });
  doc.fillColor('black').fontSize(12).text('绑定码', x, MARGIN + 30 * MM, { lineBreak: false });
  // the code in a standard monospaced font: unambiguous on paper (no 0/O, 1/I/L in the alphabet)
  doc.font('Courier-Bold').fontSize(30).fillColor('#cf222e').text(b.code, x + 50, MARGIN + 26.5 * MM, { lineBreak: false });
  doc.font('cjk');
  const steps = [
    '1. 微信扫描责任牌上的二维码，或打开小程序“城建监管”，进入“登录/账号” → “商户绑定”；电脑上打开网页版的同一页面。',
    `2. 输入上方绑定码，点“获取验证码”：短信验证码发送到登记的负责人手机 ${b.phone}，5 分钟内有效。`,
    '3. 输入短信验证码完成绑定，进入“我的责任牌”：查看投诉、上传整改照片、提出申诉。',
    '绑定码只能使用一次，请妥善保管，不要张贴或转告他人。登记手机有误或已停用，请联系所在网格片长更正。',
    '绑定之前，针对本店的投诉先转所在网格片长处理。',
  ];
  doc.fillColor('black').fontSize(11);
  let y = MARGIN + 44 * MM;
  for (const line of steps) {
    doc.text(line, x, y, { width, lineGap: 2 });
    y = doc.y + 2.5 * MM;
  }
}

/**
 * 智能责任牌 PDF: one A5 landscape page per shop — the shop name, address, its 门前三包 duties, its zone,
 * the current grade and score, the QR of its signed plaque URL (vector modules), the supervision hotline.
 * Chinese is drawn with the embedded, subsetted CJK font. In memory: plaques are printed per shop or per
 * street (a few hundred pages), not by the ten thousand like service code labels.
 */
export async function renderPlaquesToBuffer(shops: readonly PlaqueShop[], opts: PlaqueOptions): Promise<Buffer> {
  const font = opts.font ?? cjkFont();
  const doc = new PDFDocument({ size: PLAQUE_PAGE.size, layout: PLAQUE_PAGE.layout, margin: 0, autoFirstPage: false, info: { Title: '门前三包责任牌', Author: 'CityLoop' } });
  doc.registerFont('cjk', font.path, font.family as string);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const o = { codeUrl: opts.codeUrl, hotline: opts.hotline ?? '12319', ecc: opts.ecc ?? 'Q', date: shanghaiDate(opts.printedAt ?? new Date()) };
  for (const s of shops) {
    doc.addPage({ size: PLAQUE_PAGE.size, layout: PLAQUE_PAGE.layout, margin: 0 });
    doc.font('cjk');
    drawPlaque(doc, s, o);
    if (s.binding) {
      doc.addPage({ size: PLAQUE_PAGE.size, layout: PLAQUE_PAGE.layout, margin: 0 });
      doc.font('cjk');
      drawBindingPage(doc, s, s.binding);
    }
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
