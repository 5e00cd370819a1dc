import type { Db } from 'mongodb';
import { ITEMS, type Item } from '@cityloop/shared/pit/domain/items';
import type { PointResult } from '@cityloop/shared/pit/domain/point-judge';
import { cjkFont } from '../../platform/pdf/cjk-font';
import { PIT_ALARMS, PIT_POINTS, PIT_UPLOADS, type PitAlarm, type PitPoint, type PitProject, type PitUpload } from './pit.collections';
import { LEVEL_LABELS } from './alarm-notice';

const SHANGHAI = 8 * 3600_000;
const fmt = (v: number | null | undefined, d = 2) => (v === null || v === undefined ? '—' : v.toFixed(d));

/** The day's last accepted result per point, with the previous day's value for "本次变化". */
export async function dailyRows(db: Db, project: PitProject, date: string) {
  const start = new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI);
  const end = new Date(start.getTime() + 86_400_000);
  const uploads = await db.collection<PitUpload>(PIT_UPLOADS).find({ projectId: project._id, status: 'accepted', observedAt: { $lt: end } }, { projection: { results: 1, observedAt: 1 } }).sort({ observedAt: 1 }).toArray();
  const today = new Map<string, PointResult & { at: Date }>();
  const before = new Map<string, number>();
  for (const u of uploads) for (const r of u.results) (u.observedAt < start ? before.set(r.point, r.value) : today.set(r.point, { ...r, at: u.observedAt }));
  const points = await db.collection<PitPoint>(PIT_POINTS).find({ projectId: project._id }).sort({ code: 1 }).toArray();
  const alarms = await db.collection<PitAlarm>(PIT_ALARMS).find({ projectId: project._id, createdAt: { $lt: end }, $or: [{ status: { $ne: 'archived' } }, { updatedAt: { $gte: start } }] }).toArray();
  return { points, today, before, alarms, start };
}

/** 基坑监测日报 in the style of GB 50497 附录 A–E: one table per monitoring item, alarms, signatures. */
export async function renderDailyReport(db: Db, project: PitProject, date: string): Promise<Buffer> {
  const { points, today, before, alarms } = await dailyRows(db, project, date);
  const font = cjkFont();
  // Loaded on demand (and shipped beside the bundle as a package): keeps the api cold start free of it.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: `${project.name} 基坑监测日报 ${date}`, Author: 'CityLoop' } });
  doc.registerFont('cjk', font.path, font.family);
  doc.font('cjk');
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  doc.fontSize(18).text('基坑监测日报', { align: 'center' });
  doc.moveDown(0.3).fontSize(10);
  doc.text(`工程名称：${project.name}    日期：${date}    基坑安全等级：${'一二三'[project.safetyLevel - 1]}级    开挖深度：${project.depthM} m`);
  doc.text(`监测单位：${project.parties.monitor?.org ?? '—'}    监理单位：${project.parties.supervisor?.org ?? '—'}    建设单位：${project.parties.owner?.org ?? '—'}`);
  doc.moveDown(0.5);

  const cols = ['点号', '上次累计', '本次变化', '累计变化', '变化速率', '控制值', '比例', '状态'];
  const widths = [60, 65, 60, 65, 70, 60, 50, 75];
  const row = (cells: string[], bold = false) => {
    const y = doc.y;
    let x = doc.page.margins.left;
    cells.forEach((c, i) => {
      doc.fontSize(bold ? 10 : 9).text(c, x + 2, y, { width: widths[i] - 4, lineBreak: false });
      x += widths[i];
    });
    doc.moveTo(doc.page.margins.left, y + 14).lineTo(x, y + 14).lineWidth(0.3).stroke();
    doc.y = y + 17;
    doc.x = doc.page.margins.left;
  };
  const byItem = new Map<Item, PitPoint[]>();
  for (const p of points) byItem.set(p.item, [...(byItem.get(p.item) ?? []), p]);
  for (const [item, pts] of byItem) {
    const meta = ITEMS[item];
    if (doc.y > 720) doc.addPage();
    doc.fontSize(12).text(`${meta.label}（${meta.unit}，速率 ${meta.rateUnit}）`, doc.page.margins.left);
    doc.moveDown(0.2);
    row(cols, true);
    for (const p of pts) {
      const r = today.get(p.code);
      const prev = before.get(p.code);
      row([
        p.code,
        fmt(prev),
        r && prev !== undefined ? fmt(r.value - prev) : '—',
        fmt(r?.value),
        fmt(r?.rate),
        fmt(p.control.cumulative),
        r ? `${Math.round(r.ratio * 100)}%` : '—',
        r ? LEVEL_LABELS[r.finalLevel] : '本日无数据',
      ]);
    }
    doc.moveDown(0.5);
  }
  if (doc.y > 680) doc.addPage();
  doc.fontSize(12).text('报警与处置', doc.page.margins.left);
  doc.fontSize(9);
  if (alarms.length === 0) doc.text('本日无报警。');
  for (const a of alarms) doc.text(`· ${a.point} ${LEVEL_LABELS[a.level]}：${a.kind === 'threshold' ? `累计 ${fmt(a.value)} / 控制值 ${fmt(a.control)}` : (a.description ?? '')}，状态 ${a.status === 'archived' ? '已销警' : a.status === 'handled' ? '已处置待复核' : '待处置'}${a.escalated ? '（已升级督办）' : ''}`);
  doc.moveDown(1.5).fontSize(10).text('监测结论：________________________________________________');
  doc.moveDown(1).text('监测人：__________    校核人：__________    项目负责人：__________    （监测单位盖章）');
  doc.moveDown(0.5).fontSize(8).fillColor('#666').text('本报表由城建监管闭环平台根据监测单位上传的原始数据自动解算生成，数值可由 `cityloop pit solve` 独立复核。');
  doc.end();
  return done;
}
