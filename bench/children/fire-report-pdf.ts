/**
 * The fire test report PDF at its largest realistic size, in its own process. Usage:
 * node --import tsx fire-report-pdf.ts <items> <rounds>
 * Renders a report of <items> items (renderReportPdf: QR, CJK font, paged table, team, instruments, seals) and, as
 * the baseline in the same process, a trivial one-page PDF with the same font and one line of text; the first
 * (cold: font parsed, code paths warmed) of each reported apart, then <rounds> alternating timed runs of each.
 * Prints `RESULT {json}`.
 */
import PDFDocument from 'pdfkit';
import { renderReportPdf } from '../../cloudfunctions/src/contexts/firetest/report.pdf';
import type { FireReport } from '../../cloudfunctions/src/contexts/firetest/firetest.collections';
import { cjkFont } from '../../cloudfunctions/src/platform/pdf/cjk-font';
import { signCodeUrl } from '../../cloudfunctions/src/platform/codes/signed-code';

const [itemsArg = '300', roundsArg = '7'] = process.argv.slice(2);
const ITEMS = Number(itemsArg);
const ROUNDS = Number(roundsArg);
const SYSTEMS = ['火灾自动报警系统', '自动喷水灭火系统', '消火栓系统', '防烟排烟系统', '应急照明和疏散指示系统', '消防应急广播系统'];
const ITEM_NAMES = ['感烟探测器报警功能', '手动报警按钮报警功能', '末端试水装置压力', '最不利点栓口静压', '最不利点栓口动压', '风机联动启动', '正压送风口风速', '应急照明照度', '疏散指示标志', '广播音质'];
const at = new Date('2026-12-07T02:00:00Z');
const report = {
  _id: 'fr_bench', version: 2, history: [], outbox: [],
  projectId: 'fp_bench', agencyId: 'fa_bench', agencyName: '中山安信消防技术服务有限公司',
  building: { name: '兴中广场', address: '中山市石岐街道兴中道 1 号', key: 'bench' },
  baseNumber: 'ZSXF-2026-0001', revision: 0, number: 'ZSXF-2026-0001', checkCode: 'A1B2C3D4',
  items: Array.from({ length: ITEMS }, (_, i) => ({ system: SYSTEMS[i % SYSTEMS.length], item: `${ITEM_NAMES[i % ITEM_NAMES.length]}（${Math.floor(i / 10) + 1}F-${(i % 10) + 1}）`, value: `${(0.1 + (i % 17) / 50).toFixed(2)} MPa`, limit: '≥0.10 MPa', verdict: i % 41 === 7 ? '不合格' : '合格' })),
  verdicts: {}, conclusion: '不合格',
  team: [{ personId: 'fp1', name: '陈建国', siteRole: '项目负责人', registrationNo: 'ZS2-20190001' }, { personId: 'fp2', name: '李明华', siteRole: '技术负责人', registrationNo: 'ZS1-20150007' }, { personId: 'fp3', name: '张伟', siteRole: '消防设施操作员', certificateNo: 'ZS-OP-2023001' }, { personId: 'fp4', name: '王芳', siteRole: '消防设施操作员', certificateNo: 'ZS-OP-2023002' }],
  instruments: [{ type: '数字压力表', serial: 'YL-2024-001', calibrationNo: 'JD2025-0311', validUntil: '2027-06-30' }, { type: '声级计', serial: 'SJ-2023-017', calibrationNo: 'JD2025-0518', validUntil: '2027-01-31' }],
  testDate: '2026-12-07',
  signatures: { projectLead: { personId: 'fp1', name: '陈建国', registrationNo: 'ZS2-20190001', at }, techLead: { personId: 'fp2', name: '李明华', registrationNo: 'ZS1-20150007', level: 1, at } },
  practiceSeals: true, agencySeal: true, state: 'issued', issuedAt: at,
  scope: { cityId: 'zhongshan' }, createdAt: at,
} as unknown as FireReport;
const codeUrl = signCodeUrl('bench-code-secret-0123456789abcdef', 'https://code.cityloop.example.cn', 'fr_bench');
const font = cjkFont();

/** The baseline: the same font registered, one page, one line — what any PDF of ours costs at least. */
async function trivialPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 0 });
  doc.registerFont('cjk', font.path, font.family as string);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => { doc.on('end', resolve); doc.on('error', reject); });
  doc.font('cjk').fontSize(12).text('建筑消防设施检测报告', 40, 40);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

const timed = async (f: () => Promise<Buffer>) => {
  const t0 = performance.now();
  const b = await f();
  return { ms: performance.now() - t0, bytes: b.length, pages: (b.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length };
};
const cold = { report: await timed(() => renderReportPdf(report, { codeUrl, font })), trivial: await timed(trivialPdf) };
const reportMs: number[] = [];
const trivialMs: number[] = [];
let last = cold.report;
for (let i = 0; i < ROUNDS; i++) {
  last = await timed(() => renderReportPdf(report, { codeUrl, font }));
  reportMs.push(last.ms);
  trivialMs.push((await timed(trivialPdf)).ms);
}
console.log(`RESULT ${JSON.stringify({ items: ITEMS, rounds: ROUNDS, cold, report_ms: reportMs, trivial_ms: trivialMs, bytes: last.bytes, pages: last.pages })}`);
