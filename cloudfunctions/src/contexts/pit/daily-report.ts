import type { Db } from 'mongodb';
import { ITEMS, type Item } from '@cityloop/shared/pit/domain/items';
import { MIN_RATE_JUDGE_DAYS, rateVerdict, type PointResult } from '@cityloop/shared/pit/domain/point-judge';
import { cjkFont } from '../../platform/pdf/cjk-font';
import type { PitAlarm, PitPoint, PitProject } from './pit.collections';
import { firstUsableObservedAt, usableResultsBefore } from './upload.repository';
import { pointsOfProject } from './point.repository';
import { alarmsOfDay } from './alarm.repository';
import { ALARM_STATUS_LABELS } from '@cityloop/shared/pit/domain/alarm.machine';
import { LEVEL_LABELS, alarmSubject, suspectText, withUnit } from '@cityloop/shared/pit/domain/alarm-wording';

const SHANGHAI = 8 * 3600_000;
const fmt = (v: number | null | undefined, d = 2) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(d));
/** The Shanghai calendar day (`YYYY-MM-DD`) of an instant. */
const shanghaiDay = (t: Date) => new Date(t.getTime() + SHANGHAI).toISOString().slice(0, 10);

/**
 * Why a report date is refused (→ 400, no PDF), or null: `YYYY-MM-DD`, a real calendar date, and not after
 * today in Asia/Shanghai (a report of a day that has not happened would be a blank form with a date on it).
 *
 * @example
 *   reportDateProblem('2026-13-45', new Date()) // '日期 2026-13-45 不存在，请填写真实的日历日期（YYYY-MM-DD）'
 */
export function reportDateProblem(date: string, now: Date): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return '日期格式应为 YYYY-MM-DD，例如 2026-05-10';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (y < 2000 || t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return `日期 ${date} 不存在，请填写真实的日历日期（YYYY-MM-DD）`;
  const today = shanghaiDay(now);
  if (date > today) return `日期 ${date} 晚于今天（北京时间 ${today}），只能生成今天及以前的日报`;
  return null;
}

/**
 * The day (Asia/Shanghai) of the project's first accepted observation, or null while it has none: a report
 * of an earlier day would be a table of 本日无数据 rows with nothing before them either.
 */
export async function firstDataDay(db: Db, projectId: string): Promise<string | null> {
  const first = await firstUsableObservedAt(db, projectId);
  return first ? shanghaiDay(first) : null;
}

/**
 * Why a (well-formed, not future) report date is refused for this project's data (→ 400), or null: the
 * project has no accepted data yet, or the date is before the day of its first accepted observation.
 *
 * @example
 *   reportDataProblem('2026-05-01', '2026-05-10') // '日期 2026-05-01 早于本项目首次有监测数据的日期（北京时间 2026-05-10）…'
 */
export function reportDataProblem(date: string, firstDay: string | null): string | null {
  if (firstDay === null) return '本项目尚无已接收的监测数据，暂不能生成日报';
  if (date < firstDay) return `日期 ${date} 早于本项目首次有监测数据的日期（北京时间 ${firstDay}），当天没有数据可报；请选择 ${firstDay} 及以后的日期`;
  return null;
}

/** The report's last line: where its numbers come from and that anyone can recompute them. */
export const REPORT_FOOTER = '本报表由城建监管闭环平台根据监测单位上传的原始数据自动解算生成；各项数值均可使用平台公开的解算程序，由原始数据独立复算核对。';

/** `3.0 h`, `1.0 d` for the interval column. */
const fmtInterval = (days: number | null) => (days === null ? '—' : days < 1 ? `${(days * 24).toFixed(1)} h` : `${days.toFixed(2)} d`);

export const REPORT_COLUMNS = ['点号', '上次累计', '本次变化', '本次累计', '间隔', '变化速率', '速率判定', '控制值', '比例', '状态'];

/**
 * One table row, GB 50497 附录 A–E convention: 本次 = the day's last observation of the point, 上次 = the
 * observation before it (which may be earlier the same day); 上次累计, 本次变化 and 变化速率 are all against
 * that same previous observation (变化速率 = 本次变化 ÷ 间隔). A rate over less than MIN_RATE_JUDGE_DAYS is
 * listed but its 速率判定 reads 未判定 (footnote *), never a level.
 */
export function reportRow(code: string, control: number, r: PointResult | undefined, lastBefore: number | undefined): string[] {
  if (!r) return [code, fmt(lastBefore), '—', '—', '—', '—', '—', fmt(control), '—', '本日无数据'];
  const v = rateVerdict(r);
  const rateCell = v.rateJudged ? LEVEL_LABELS[v.rateLevel] : v.rateNotJudged === 'interval_too_short' ? '未判定*' : v.rateNotJudged === 'no_rate_control' ? '未设控制值' : '—';
  return [code, r.change === null ? '—' : fmt(r.value - r.change), fmt(r.change), fmt(r.value), fmtInterval(r.intervalDays), fmt(r.rate), rateCell, fmt(control), `${Math.round(r.ratio * 100)}%`, LEVEL_LABELS[r.finalLevel]];
}

/** The day's last accepted result per point, and each point's last value before the day (for a day without data). */
export async function dailyRows(db: Db, project: PitProject, date: string) {
  const start = new Date(Date.parse(`${date}T00:00:00Z`) - SHANGHAI);
  const end = new Date(start.getTime() + 86_400_000);
  const uploads = await usableResultsBefore(db, project._id, end);
  const today = new Map<string, PointResult & { at: Date }>();
  const before = new Map<string, number>();
  for (const u of uploads) for (const r of u.results) (u.observedAt < start ? before.set(r.point, r.value) : today.set(r.point, { ...r, at: u.observedAt }));
  const points = await pointsOfProject(db, project._id);
  const alarms = await alarmsOfDay(db, project._id, start, end);
  return { points, today, before, alarms, start };
}

/**
 * One line of 报警与处置: which alarm, its level, the reading with units (a threshold alarm), what was found
 * (a danger alarm) or what is wrong with the data in Chinese (suspect data), and where it stands.
 * @example reportAlarmLine(a) // '· 测斜孔 CX1 数据可疑：测斜校验和异常（深度 3.5 m：2.91 mm，中位数 0.30 mm），状态 待处置'
 */
export function reportAlarmLine(a: Pick<PitAlarm, 'kind' | 'point' | 'item' | 'level' | 'value' | 'control' | 'description' | 'flags' | 'status' | 'escalated' | 'projectName'>): string {
  const unit = ITEMS[a.item as Item]?.unit ?? 'mm';
  const what =
    a.kind === 'threshold'
      ? `测点 ${a.point} ${LEVEL_LABELS[a.level]}：累计 ${withUnit(a.value, unit)} / 控制值 ${withUnit(a.control, unit)}`
      : a.kind === 'danger'
        ? `危险报警：${a.description ?? ''}`
        : a.item === 'missing_data'
          ? `缺测：${a.description ?? ''}`
          : `${alarmSubject(a)}：${suspectText(a)}`;
  return `· ${what}，状态 ${ALARM_STATUS_LABELS[a.status]}${a.escalated ? '（已升级督办）' : ''}`;
}

/** 基坑监测日报 in the style of GB 50497 附录 A–E: one table per monitoring item, alarms, signatures. */
export async function renderDailyReport(db: Db, project: PitProject, date: string): Promise<Buffer> {
  const { points, today, before, alarms } = await dailyRows(db, project, date);
  const font = cjkFont();
  // Loaded on demand (shipped beside the bundle as one CommonJS file): keeps the api cold start free of it. From
  // source the package's ES module answers; from that file Node hands over its exports object as `default`.
  const pdfkit = (await import('pdfkit')).default as unknown as typeof import('pdfkit') & { default?: typeof import('pdfkit') };
  const PDFDocument = pdfkit.default ?? pdfkit;
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

  doc.fontSize(8).fillColor('#444').text('本次 = 当日最后一次观测；上次累计、本次变化、变化速率均相对于其前一次观测（GB 50497 附录格式），间隔为两次观测相隔的时间。');
  doc.fillColor('#000').moveDown(0.3);
  const cols = REPORT_COLUMNS;
  const widths = [48, 52, 50, 52, 44, 60, 56, 45, 36, 72];
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
    for (const p of pts) row(reportRow(p.code, p.control.cumulative, today.get(p.code), before.get(p.code)));
    doc.moveDown(0.5);
  }
  if (doc.y > 680) doc.addPage();
  doc.fontSize(12).text('报警与处置', doc.page.margins.left);
  doc.fontSize(9);
  if (alarms.length === 0) doc.text('本日无报警。');
  for (const a of alarms) doc.text(reportAlarmLine(a));
  doc.moveDown(0.5).fontSize(8).fillColor('#444').text(`* 未判定：与上次观测间隔不足 ${MIN_RATE_JUDGE_DAYS * 24} 小时（半天），短间隔的速率只列出、不判定预警等级；累计值照常判定。`);
  doc.fillColor('#000');
  doc.moveDown(1.5).fontSize(10).text('监测结论：________________________________________________');
  doc.moveDown(1).text('监测人：__________    校核人：__________    项目负责人：__________    （监测单位盖章）');
  doc.moveDown(0.5).fontSize(8).fillColor('#666').text(REPORT_FOOTER);
  doc.end();
  return done;
}
