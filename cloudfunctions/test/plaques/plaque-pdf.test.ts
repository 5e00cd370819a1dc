import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildCity, type CityFixture } from '../helpers/city-factory';
import { signCodeUrl } from '../../src/platform/codes/signed-code';
import { runPlaquesPrint } from '../../src/cli/plaques-print.command';
import { runCli } from '../../src/cli/main';

let sys: TestSystem;
let city: CityFixture;
let regA: { id: string; token: string };
let shops: { id: string; name: string }[];
let eastShop: string;
const dir = mkdtempSync(path.join(tmpdir(), 'cl-plaques-'));

before(async () => {
  sys = await startTestSystem();
  city = await buildCity(sys);
  regA = await sys.user('南城监管', [{ role: 'regulator', level: 'town', cityId: 'dongguan', townId: 'nancheng' }]);
  const header = 'licenceNo,name,address,lng,lat,ownerName,ownerPhone,frontageM,depthM,duties';
  const south = await sys.call('POST', '/api/plaques/import', {
    token: regA.token,
    body: {
      cityId: 'dongguan',
      text: [header, '91441900MA5PDF0001,老王烧腊店,南城街道鸿福路 12 号,113.7452,23.0041,王五,13911110001,8,4,包卫生、包秩序', '91441900MA5PDF0002,鸿福便利店,南城街道鸿福路 14 号,113.7455,23.0042,李四,13911110002,10,4.5,', '91441900MA5PDF0003,粤味茶餐厅,南城街道鸿福路 18 号,113.7461,23.0043,陈六,13911110003,6,3,包卫生'].join('\n'),
    },
  });
  assert.equal(south.status, 201, JSON.stringify(south.json));
  shops = south.json.data.shops;
  const east = await sys.call('POST', '/api/plaques/import', { token: city.regulatorB.token, body: { cityId: 'dongguan', text: [header, '91441900MA5PDF0004,东城糖水铺,东城某路 1 号,113.8452,23.0041,钱八,13911110008,8,4,'].join('\n') } });
  assert.equal(east.status, 201, JSON.stringify(east.json));
  eastShop = east.json.data.shops[0].id;
});
after(async () => sys.close());

const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
/** The text layer, as pdftotext reads it (Debian's poppler-utils), or null where it is not installed. */
function pdfText(pdf: Buffer): string | null {
  const bin = '/usr/bin/pdftotext';
  if (!existsSync(bin)) return null;
  const file = path.join(dir, `t-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return spawnSync(bin, ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
}
/** Each QR drawn, as the module matrix its `re` runs paint (drawQr: one `cm` transform, then the runs). */
function drawnQrs(pdf: Buffer): { size: number; data: Uint8Array }[] {
  const text = pdf.toString('latin1');
  const out: { size: number; data: Uint8Array }[] = [];
  for (let m, re = /stream\r?\n/g; (m = re.exec(text)); ) {
    let s: string;
    try {
      s = inflateSync(pdf.subarray(m.index + m[0].length, text.indexOf('endstream', m.index))).toString('latin1');
    } catch {
      continue;
    }
    for (const q of s.matchAll(/q\n\S+ 0 0 \S+ \S+ \S+ cm\n((?:\d+ \d+ \d+ 1 re\n)+)/g)) {
      const runs = [...q[1].matchAll(/(\d+) (\d+) (\d+) 1 re/g)].map((r) => r.slice(1).map(Number));
      const size = Math.max(...runs.map(([x, , w]) => x + w));
      const data = new Uint8Array(size * size);
      for (const [x, y, w] of runs) for (let i = 0; i < w; i++) data[y * size + x + i] = 1;
      out.push({ size, data });
    }
  }
  return out;
}
const get = (p: string, token?: string) => fetch(`${sys.url}${p}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

test('one shop’s plaque: an A5 landscape PDF page with the CJK font, the name, duties, grade, hotline and the signed plaque QR', async () => {
  const res = await get(`/api/plaques/${shops[0].id}/pdf`, regA.token);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const pdf = Buffer.from(await res.arrayBuffer());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.equal(pageCount(pdf), 1);
  assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 595\.28 419\.53\]/, 'A5 landscape');
  assert.match(pdf.toString('latin1'), /\/FontFile2/, 'the CJK font is embedded (subset)');
  const qrs = drawnQrs(pdf);
  assert.equal(qrs.length, 1);
  const want = QRCode.create(signCodeUrl(sys.deps.config.codeSecret, sys.deps.config.codeBaseUrl, shops[0].id), { errorCorrectionLevel: 'Q' }).modules;
  assert.deepEqual(qrs[0].data, Uint8Array.from(want.data), 'the QR is exactly the signed plaque URL');
  const text = pdfText(pdf);
  if (text !== null) {
    for (const s of ['门前三包责任牌', '老王烧腊店', '南城街道鸿福路 12 号', '包卫生', '包秩序', '门前 8 米 × 进深 4 米', '100 分', '监督电话 12319', shops[0].id]) assert.ok(text.includes(s), `${s} in the text layer:\n${text}`);
  }
});

test('a list of shops: one page each, in the order asked; the chief of the grid may print too; a hotline of the city’s choice', async () => {
  const ids = [shops[2].id, shops[0].id, shops[1].id];
  const res = await get(`/api/plaque-pdf?ids=${ids.join(',')}&hotline=0769-12345`, city.chiefA.token);
  assert.equal(res.status, 200);
  const pdf = Buffer.from(await res.arrayBuffer());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  assert.equal(pageCount(pdf), 3);
  const qrs = drawnQrs(pdf);
  assert.deepEqual(
    qrs.map((q) => q.size),
    ids.map((id) => QRCode.create(signCodeUrl(sys.deps.config.codeSecret, sys.deps.config.codeBaseUrl, id), { errorCorrectionLevel: 'Q' }).modules.size),
  );
  const text = pdfText(pdf);
  if (text !== null) {
    const at = ['粤味茶餐厅', '老王烧腊店', '鸿福便利店'].map((n) => text.indexOf(n));
    assert.ok(at.every((i) => i >= 0) && at[0] < at[1] && at[1] < at[2], 'pages in the order of ids');
    assert.ok(text.includes('监督电话 0769-12345'));
  }
});

test('another town’s shop: 404 and no PDF, for one id or hidden in a list; no sign-in → 401; a citizen → 404', async () => {
  for (const [p, token] of [
    [`/api/plaques/${eastShop}/pdf`, regA.token],
    [`/api/plaque-pdf?ids=${shops[0].id},${eastShop}`, regA.token],
    [`/api/plaques/${shops[0].id}/pdf`, city.regulatorB.token],
    [`/api/plaques/${shops[0].id}/pdf`, city.chiefB.token],
    [`/api/plaques/${shops[0].id}/pdf`, city.citizen.token],
    ['/api/plaques/pq_nosuchshop00001/pdf', regA.token],
  ] as const) {
    const res = await get(p, token);
    assert.equal(res.status, 404, p);
    assert.notEqual(res.headers.get('content-type'), 'application/pdf');
    const body = await res.text();
    assert.ok(!body.startsWith('%PDF'), 'no PDF');
    assert.equal(JSON.parse(body).error, 'shop_not_found');
  }
  assert.equal((await get(`/api/plaques/${shops[0].id}/pdf`)).status, 401);
  assert.equal((await get('/api/plaque-pdf?ids=', regA.token)).status, 400);
});

test('npx cityloop plaques print --town: the town’s plaques, one page each; nothing matched → exit 2', async () => {
  const env = { PATH: process.env.PATH, MONGODB_URI: process.env.MONGODB_URI ?? sys.deps.config.mongodbUri, MONGODB_DB: sys.db.databaseName, CODE_SECRET: sys.deps.config.codeSecret, CODE_BASE_URL: 'https://code.example.cn', CITYLOOP_ENV: 'test' };
  const out = { stdout: '', stderr: '' };
  const io = { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) };
  const file = path.join(dir, 'nancheng.pdf');
  assert.equal(await runPlaquesPrint(['--town', 'nancheng', '--out', file], io, env), 0, out.stderr);
  const pdf = readFileSync(file);
  assert.equal(pageCount(pdf), 3);
  assert.match(out.stdout, /3 个责任牌，3 页/);
  const text = pdfText(pdf);
  if (text !== null) assert.ok(text.includes('鸿福便利店') && !text.includes('东城糖水铺'));
  assert.equal(await runPlaquesPrint(['--town', 'nowhere', '--out', path.join(dir, 'none.pdf')], io, env), 2);
  assert.ok(!existsSync(path.join(dir, 'none.pdf')));
  assert.equal(await runPlaquesPrint(['--ecc', 'X'], io, env), 2);
  const help = { stdout: '', stderr: '' };
  assert.equal(await runCli(['--help'], { readFile: async () => '', readStdin: async () => '', stdout: (t) => void (help.stdout += t), stderr: (t) => void (help.stderr += t) }), 0);
  assert.match(help.stdout, /plaques print/);
});
