import PDFDocument from 'pdfkit';
import { cjkFont } from '../../platform/pdf/cjk-font';
import { drawQr } from '../../platform/pdf/qr';
import type { FireReport } from './firetest.collections';

const MM = 72 / 25.4;
const A4 = { w: 210 * MM, h: 297 * MM };
const M = 15 * MM;
const COLS = [{ t: '系统', w: 38 }, { t: '检测项目', w: 52 }, { t: '实测值', w: 28 }, { t: '标准要求', w: 42 }, { t: '结论', w: 20 }];

/**
 * 建筑消防设施检测报告 as a PDF built from the registry's record (never an uploaded file): number and check code, the
 * QR of the report's signed code (anyone scanning it sees the registry's record, so an altered paper copy shows),
 * the items with measured value, limit and verdict, the conclusion, the team with registration numbers, the
 * instruments with calibration ids, the signatures and seals. A voided report is stamped 作废.
 */
export async function renderReportPdf(r: FireReport, o: { codeUrl: string; font?: { path: string; family?: string } }): Promise<Buffer> {
  const font = o.font ?? cjkFont();
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, info: { Title: `消防检测报告 ${r.number}`, Author: 'CityLoop' } });
  doc.registerFont('cjk', font.path, font.family as string);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const page = () => {
    doc.addPage({ size: 'A4', margin: 0 });
    doc.font('cjk');
    if (r.state === 'voided') doc.save().fillColor('#cf222e').opacity(0.25).fontSize(120).text('作废', 0, A4.h / 2 - 80, { width: A4.w, align: 'center', lineBreak: false }).restore();
  };
  page();
  const qr = 32 * MM;
  drawQr(doc, o.codeUrl, A4.w - M - qr, M, qr, 'M');
  doc.fillColor('black').fontSize(18).text('建筑消防设施检测报告', M, M + 4, { width: A4.w - 2 * M - qr, lineBreak: false });
  doc.fontSize(10).fillColor('#333333');
  const line = (s: string, y: number) => doc.text(s, M, y, { width: A4.w - 2 * M - qr - 4, lineBreak: false, ellipsis: true });
  line(`报告编号 ${r.number}　防伪校验码 ${r.checkCode}${r.state === 'voided' ? '（已作废）' : ''}`, M + 30);
  line(`检测机构 ${r.agencyName}`, M + 46);
  line(`建筑 ${r.building.name}　${r.building.address}`, M + 62);
  line(`检测日期 ${r.testDate}　检测结论 ${r.conclusion}`, M + 78);
  doc.fontSize(8).fillColor('#666666').text('微信扫码核验：显示登记系统中的报告记录', A4.w - M - qr, M + qr + 2, { width: qr, align: 'center' });
  let y = M + qr + 22;
  const header = () => {
    let x = M;
    doc.save().rect(M, y - 2, A4.w - 2 * M, 16).fill('#1f4e79').restore();
    doc.fillColor('white').fontSize(9);
    for (const c of COLS) {
      doc.text(c.t, x + 3, y + 2, { width: c.w * MM - 6, lineBreak: false });
      x += c.w * MM;
    }
    y += 18;
  };
  header();
  doc.fontSize(9);
  for (const it of r.items) {
    if (y > A4.h - M - 20) {
      page();
      y = M;
      header();
    }
    let x = M;
    const cells = [it.system, it.item, it.value, it.limit, it.verdict];
    cells.forEach((v, i) => {
      doc.fillColor(i === 4 && v === '不合格' ? '#cf222e' : 'black').text(v, x + 3, y, { width: COLS[i].w * MM - 6, lineBreak: false, ellipsis: true });
      x += COLS[i].w * MM;
    });
    y += 14;
  }
  const block = (title: string, rows: string[]) => {
    if (y > A4.h - M - 40 - rows.length * 13) {
      page();
      y = M;
    }
    y += 8;
    doc.fillColor('black').fontSize(11).text(title, M, y, { lineBreak: false });
    y += 16;
    doc.fontSize(9).fillColor('#333333');
    for (const s of rows) {
      doc.text(s, M, y, { width: A4.w - 2 * M, lineBreak: false, ellipsis: true });
      y += 13;
    }
  };
  block('检测人员', r.team.map((m) => `${m.siteRole}　${m.name}　${m.registrationNo ? `注册编号 ${m.registrationNo}` : m.certificateNo ? `证书编号 ${m.certificateNo}` : ''}`));
  block('检测仪器', r.instruments.map((i) => `${i.type}　出厂编号 ${i.serial}　检定证书 ${i.calibrationNo}　有效期至 ${i.validUntil}`));
  const s = r.signatures;
  block('签章', [
    `项目负责人 ${s.projectLead?.name ?? '未签名'}${s.projectLead?.registrationNo ? `（${s.projectLead.registrationNo}）` : ''}`,
    `技术负责人 ${s.techLead?.name ?? '未签名'}${s.techLead?.registrationNo ? `（${s.techLead.registrationNo}，${s.techLead.level === 1 ? '一级' : '二级'}注册消防工程师）` : ''}`,
    `执业印章 ${r.practiceSeals ? '已加盖' : '未加盖'}　机构印章 ${r.agencySeal ? '已加盖' : '未加盖'}${r.issuedAt ? `　签发时间 ${new Date(r.issuedAt.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')}` : ''}`,
  ]);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
