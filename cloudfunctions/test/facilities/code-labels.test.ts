import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { inflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { signCodeUrl, verifyCode } from '../../src/platform/codes/signed-code';
import { qrMatrix, qrRuns, renderLabels, renderLabelsToBuffer, spacedComponentId, type LabelFacility } from '../../src/contexts/facilities/code-labels.pdf';

const SECRET = 'test-code-secret-0123456789abcdef';
const BASE = 'https://code.cityloop.example.cn';
const codeUrl = (id: string) => signCodeUrl(SECRET, BASE, id);
const facilities: LabelFacility[] = [
  { id: 'fc_0k3m9x2a7fq4hw2n', name: '鸿福路上水井盖', componentId: '4419000101000001' },
  { id: 'fc_0k3m9x2b00000002', name: '南城街道鸿福路与元美路交叉口东北角公交站台旁边的路灯（很长的名字会被截断）', componentId: '4419000105000002' },
  { id: 'fc_0k3m9x2c00000003', name: '东城中路垃圾箱', componentId: '4419000302000003' },
];

/** Every Flate stream of the file, inflated (page contents, font file, ToUnicode map). */
function streams(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  const re = /stream\r?\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    try {
      out.push(inflateSync(pdf.subarray(start, end)).toString('latin1'));
    } catch {
      // not deflated
    }
  }
  return out;
}

/** Each QR drawn on the pages, as the module matrix its `re` runs paint. */
function drawnQrs(pdf: Buffer): { size: number; data: Uint8Array }[] {
  const qrs: { size: number; data: Uint8Array }[] = [];
  for (const s of streams(pdf)) {
    for (const m of s.matchAll(/q\n\S+ 0 0 \S+ \S+ \S+ cm\n((?:\d+ \d+ \d+ 1 re\n)+)/g)) {
      const runs = [...m[1].matchAll(/(\d+) (\d+) (\d+) 1 re/g)].map((r) => r.slice(1).map(Number));
      const size = Math.max(...runs.map(([x, , w]) => x + w));
      const data = new Uint8Array(size * size);
      for (const [x, y, w] of runs) for (let i = 0; i < w; i++) data[y * size + x + i] = 1;
      qrs.push({ size, data });
    }
  }
  return qrs;
}

test('a few labels: a valid A4 PDF with the CJK font embedded as a subset, small', async () => {
  const progress: [number, number][] = [];
  const pdf = await renderLabelsToBuffer(facilities, { codeUrl, total: 3 }, (d, n) => progress.push([d, n]));
  const text = pdf.toString('latin1');
  assert.equal(text.slice(0, 5), '%PDF-');
  assert.match(text.slice(-8), /%%EOF\s*$/);
  assert.match(text, /\/MediaBox \[0 0 595\.28 841\.89\]/, 'A4');
  assert.match(text, /\/BaseFont \/[A-Z]{6}\+\S+/, 'a subset font (tag + name)');
  assert.match(text, /\/FontFile2 \d+ 0 R/, 'the TrueType program is embedded');
  assert.match(text, /\/ToUnicode/, 'text stays searchable and copyable');
  assert.ok(pdf.length < 150_000, `3 labels = ${pdf.length} bytes: the font is subsetted, not the whole 5 MB face`);
  assert.deepEqual(progress.at(-1), [3, 3]);
  const pdftotext = '/usr/bin/pdftotext';
  if (existsSync(pdftotext)) {
    const dir = mkdtempSync(path.join(tmpdir(), 'cl-labels-'));
    writeFileSync(path.join(dir, 'l.pdf'), pdf);
    const out = spawnSync(pdftotext, ['-layout', path.join(dir, 'l.pdf'), '-'], { encoding: 'utf8' }).stdout;
    for (const s of ['城市服务码', '扫码反映问题', '鸿福路上水井盖', '441900 01 01 000001', '服务热线 12319', '东城中路垃圾箱']) assert.ok(out.includes(s), `${s} in the text layer`);
    assert.ok(out.includes('…'), 'an over-long name is cut with an ellipsis');
  }
});

test('each QR drawn equals QRCode.create(url).modules, and its URL verifies (the signed code of that facility)', async () => {
  for (const ecc of ['Q', 'M'] as const) {
    const pdf = await renderLabelsToBuffer(facilities, { codeUrl, ecc });
    const drawn = drawnQrs(pdf);
    assert.equal(drawn.length, facilities.length);
    facilities.forEach((f, i) => {
      const url = codeUrl(f.id);
      assert.deepEqual(verifyCode(SECRET, url), { id: f.id, prefix: 'fc' });
      const want = QRCode.create(url, { errorCorrectionLevel: ecc }).modules;
      assert.equal(drawn[i].size, want.size, `${ecc}: symbol size`);
      assert.deepEqual(drawn[i].data, Uint8Array.from(want.data), `${ecc}: label ${i + 1} draws exactly the modules of its URL`);
    });
  }
  assert.throws(() => verifyCode('another-secret-xxxxxxxxxxxxxxxx', codeUrl(facilities[0].id)), /伪造或篡改/);
});

test('qrRuns merges each row into runs; spacedComponentId groups the id as printed', () => {
  const m = { size: 4, data: Uint8Array.from([1, 1, 0, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 1, 0, 0]) };
  assert.equal(qrRuns(m), '0 0 2 1 re\n3 0 1 1 re\n0 2 4 1 re\n1 3 1 1 re\n');
  assert.equal(qrMatrix('https://x.cn/c/fc_00000000.AAAAAAAAAAAAAAAA', 'M').size, 29, 'version 3 for a 45-character URL at level M');
  assert.equal(spacedComponentId('4419000101000001'), '441900 01 01 000001');
});

test('streams: pages reach a slow consumer while later pages are still being drawn; 30 pages, one per 21 labels', async () => {
  const many = Array.from({ length: 21 * 30 }, (_, i) => ({ id: `fc_stream${String(i).padStart(8, '0')}`, name: `井盖${i}`, componentId: `4419000101${String(i + 1).padStart(6, '0')}` }));
  let received = 0;
  const receivedAt: number[] = [];
  const slow = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _enc, cb) {
      received += chunk.length;
      setTimeout(cb, 1);
    },
  });
  let pages = 0;
  await pipeline(
    renderLabels(many, { codeUrl, total: many.length }, (d) => {
      pages++;
      receivedAt.push(received);
      assert.ok(d <= many.length);
    }),
    slow,
  );
  assert.equal(pages, 30, 'after each finished page (the last one: at the end)');
  assert.ok(receivedAt[10] > 0, 'bytes were written out before the last page was drawn');
  assert.ok(receivedAt[10] < received / 2, 'not everything was buffered up front');
});
