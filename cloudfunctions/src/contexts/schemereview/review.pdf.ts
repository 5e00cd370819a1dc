import PDFDocument from 'pdfkit';
import { CATEGORY_LABELS, EXPERT_SPECIALTIES, REVIEW_STATE_LABELS } from '@cityloop/shared/dangerous-works/review.limits';
import { cjkFont } from '../../platform/pdf/cjk-font';
import { drawQr } from '../../platform/pdf/qr';
import type { DwProject, Review } from './schemereview.collections';

const MM = 72 / 25.4;
const A4 = { w: 210 * MM, h: 297 * MM };
const M = 15 * MM;
const bj = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

type Font = { path: string; family?: string };

/** A pdfkit document with the CJK font registered, and the promise of its bytes. */
function newDoc(title: string, font: Font = cjkFont()) {
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: false, info: { Title: title, Author: 'CityLoop' } });
  doc.registerFont('cjk', font.path, font.family as string);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const bytes = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.addPage({ size: 'A4', margin: 0 });
  doc.font('cjk');
  return { doc, bytes };
}

/**
 * 专项施工方案专家论证报告 (37号令 art. 13) built from the review's record, never from an uploaded file: project,
 * sub-item, meeting, the experts who signed in, each opinion, the one conclusion with its signers and the next
 * step, the draw's commitment and seed; the review's signed QR, so a paper copy is checked against the record.
 */
export async function renderReviewReportPdf(r: Review, o: { codeUrl: string; font?: Font }): Promise<Buffer> {
  const { doc, bytes } = newDoc(`专家论证报告 ${r.projectName}`, o.font);
  const qr = 32 * MM;
  drawQr(doc, o.codeUrl, A4.w - M - qr, M, qr, 'M');
  const w = A4.w - 2 * M - qr - 4;
  doc.fillColor('black').fontSize(17).text('危大工程专项施工方案专家论证报告', M, M + 4, { width: w, lineBreak: false });
  doc.fontSize(10).fillColor('#333333');
  const head = [`工程名称 ${r.projectName}`, `分项 ${r.itemName}（${CATEGORY_LABELS[r.category] ?? r.category}）`, `论证会 ${bj(r.meetingAt)}　${r.venue}`, `专业 ${EXPERT_SPECIALTIES[r.specialty] ?? r.specialty}　状态 ${REVIEW_STATE_LABELS[r.state]}`];
  head.forEach((s, i) => doc.text(s, M, M + 30 + i * 16, { width: w, lineBreak: false, ellipsis: true }));
  doc.fontSize(8).fillColor('#666666').text('微信扫码核验：显示系统中的论证记录', A4.w - M - qr, M + qr + 2, { width: qr, align: 'center' });
  let y = M + qr + 24;
  const section = (title: string) => {
    if (y > A4.h - M - 60) {
      doc.addPage({ size: 'A4', margin: 0 });
      doc.font('cjk');
      y = M;
    }
    y += 6;
    doc.fillColor('black').fontSize(12).text(title, M, y, { lineBreak: false });
    y += 18;
    doc.fontSize(9).fillColor('#333333');
  };
  const para = (s: string) => {
    const h = doc.heightOfString(s, { width: A4.w - 2 * M });
    if (y + h > A4.h - M) {
      doc.addPage({ size: 'A4', margin: 0 });
      doc.font('cjk').fontSize(9).fillColor('#333333');
      y = M;
    }
    doc.text(s, M, y, { width: A4.w - 2 * M });
    y += h + 4;
  };
  const rep = r.report;
  section('论证结论');
  para(rep ? `${rep.conclusion}。${rep.summary}` : '论证会尚未出具结论');
  if (rep) para(`下一步：${rep.nextStep}`);
  const name = (expertId: string) => r.invitations.find((i) => i.expertId === expertId)?.name ?? '专家';
  section(`专家签到（${r.signIns.length} 名）`);
  for (const s of r.signIns) para(`${name(s.expertId)}　${bj(s.at)}　距会场 ${s.distanceM} 米（人脸核验）`);
  section('专家意见');
  for (const op of r.opinions) para(`${name(op.expertId)}（${op.conclusion}${op.signed ? '，已签字' : '，未签字'}）：${op.text}`);
  if (rep) {
    section('签字专家');
    para(rep.signers.map(name).join('、'));
    para(`出具时间 ${bj(rep.at)}`);
  }
  section('随机抽取（可复核）');
  para(`抽取前公布的承诺值 SHA-256：${r.draw.commitment}`);
  para(`随机种子：${r.draw.seed ?? '论证会结束后公开'}`);
  para(`复核命令：npx cityloop experts replay ${r._id}`);
  doc.end();
  return bytes;
}

/**
 * 危大工程公示牌 for the site entrance (docs/domain/dangerous-works.md §5: the site posts its dangerous works and who
 * is responsible): project, item, the review's status and conclusion, and a large signed QR. A citizen who scans it
 * sees the public part; a regulator the whole trail.
 */
export async function renderSiteBoardPdf(r: Review, p: DwProject | null, o: { codeUrl: string; font?: Font }): Promise<Buffer> {
  const { doc, bytes } = newDoc(`危大工程公示牌 ${r.projectName}`, o.font);
  doc.save().rect(M, M, A4.w - 2 * M, 26 * MM).fill('#b3261e').restore();
  doc.fillColor('white').fontSize(26).text('危大工程公示牌', M, M + 8 * MM, { width: A4.w - 2 * M, align: 'center', lineBreak: false });
  let y = M + 34 * MM;
  const row = (k: string, v: string) => {
    doc.fillColor('#666666').fontSize(12).text(k, M, y, { lineBreak: false });
    doc.fillColor('black').fontSize(14).text(v, M + 32 * MM, y - 1, { width: A4.w - 2 * M - 32 * MM, lineBreak: false, ellipsis: true });
    y += 11 * MM;
  };
  row('工程名称', r.projectName);
  if (p) row('工程地址', p.address);
  row('危大分项', r.itemName);
  row('类别', CATEGORY_LABELS[r.category] ?? r.category);
  row('专家论证', REVIEW_STATE_LABELS[r.state]);
  row('论证结论', r.report?.conclusion ?? '—');
  for (const x of (p?.participants ?? []).filter((x) => x.role === 'contractor' || x.role === 'supervisor')) row(x.role === 'contractor' ? '施工单位' : '监理单位', x.org);
  const qr = 90 * MM;
  drawQr(doc, o.codeUrl, (A4.w - qr) / 2, y + 4 * MM, qr, 'Q');
  doc.fillColor('#333333').fontSize(12).text('微信扫一扫：查看论证状态；监管部门扫码查看全过程记录', M, y + qr + 8 * MM, { width: A4.w - 2 * M, align: 'center', lineBreak: false });
  doc.end();
  return bytes;
}
