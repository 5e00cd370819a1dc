/**
 * City service code labels at print-run scale, in their own process (time, CPU and peak memory of this
 * process alone). Usage: node --import tsx city-labels.ts <count> <out.pdf>
 * Renders <count> labels (renderLabels, streamed to <out.pdf>), then times QRCode.create alone for the same
 * URLs (the share of the QR encoder). Prints `RESULT {json}`.
 */
import { createWriteStream, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import QRCode from 'qrcode';
import { renderLabels, LABELS_PER_PAGE, type LabelFacility } from '../../cloudfunctions/src/contexts/facilities/code-labels.pdf';
import { signCodeUrl } from '../../cloudfunctions/src/platform/codes/signed-code';
import { newId } from '../../cloudfunctions/src/platform/ids';

const [countArg = '10254', out = '/tmp/city-labels.pdf'] = process.argv.slice(2);
const N = Number(countArg);
const SECRET = 'bench-code-secret-0123456789abcdef';
const BASE = 'https://code.cityloop.example.cn';
const PLACES = ['鸿福路', '元美路', '东城中路', '南城大道', '莞太路', '石竹路', '宏图路', '体育路', '八一路', '光明路'];
const KINDS: [string, string][] = [['0101', '上水井盖'], ['0102', '污水井盖'], ['0103', '雨水井盖'], ['0105', '路灯'], ['0201', '公交站亭'], ['0302', '垃圾箱']];
const t0 = Date.UTC(2025, 5, 1);
// Realistic rows: `fc_` ids as import-facilities makes them, varied Chinese names (a realistic font subset).
const rows: LabelFacility[] = Array.from({ length: N }, (_, i) => {
  const [cls, kind] = KINDS[i % KINDS.length];
  return { id: newId('fc', t0 + i), name: `${PLACES[i % PLACES.length]}${Math.floor(i / 60) + 1}号${kind}${i % 7 === 0 ? '（靠近人行天桥东侧出口）' : ''}`, componentId: `441900${cls}${String(i + 1).padStart(6, '0')}` };
});
const codeUrl = (id: string) => signCodeUrl(SECRET, BASE, id);

let peakRss = process.memoryUsage().rss;
let peakHeap = process.memoryUsage().heapUsed;
const cpu0 = process.cpuUsage();
const w0 = performance.now();
await pipeline(
  renderLabels(rows, { codeUrl, total: N }, () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }),
  createWriteStream(out),
);
const wallMs = performance.now() - w0;
const cpu = process.cpuUsage(cpu0);

const q0 = performance.now();
for (const r of rows) QRCode.create(codeUrl(r.id), { errorCorrectionLevel: 'Q' });
const qrMs = performance.now() - q0;

const bytes = statSync(out).size;
process.stdout.write(`RESULT ${JSON.stringify({ labels: N, pages: Math.ceil(N / LABELS_PER_PAGE), bytes, wall_ms: wallMs, cpu_ms: (cpu.user + cpu.system) / 1000, peak_rss_bytes: peakRss, peak_heap_bytes: peakHeap, qr_create_only_ms: qrMs })}\n`);
