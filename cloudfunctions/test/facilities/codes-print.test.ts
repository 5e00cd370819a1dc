import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildCity, type CityFixture } from '../helpers/city-factory';
import { FACILITIES, type Facility } from '../../src/contexts/facilities/facility.collection';
import { FACILITY_IMPORTS, type FacilityImport } from '../../src/contexts/facilities/facility-import.collection';
import { progressBar, runCodesPrint } from '../../src/cli/codes-print.command';
import { runCli } from '../../src/cli/main';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(repo, 'cloudfunctions/bin/cityloop.mjs');
let sys: TestSystem;
let city: CityFixture;
let env: NodeJS.ProcessEnv;
const dir = mkdtempSync(path.join(tmpdir(), 'cl-print-'));

before(async () => {
  sys = await startTestSystem();
  city = await buildCity(sys);
  env = { PATH: process.env.PATH, MONGODB_URI: process.env.MONGODB_URI ?? sys.deps.config.mongodbUri, MONGODB_DB: sys.db.databaseName, CODE_SECRET: sys.deps.config.codeSecret, CODE_BASE_URL: 'https://code.example.cn', CITYLOOP_ENV: 'test' };
  // one more in grid A that is still staging (invisible) and one in a committed batch not yet flipped (visible)
  await sys.db.collection<FacilityImport>(FACILITY_IMPORTS).insertMany([
    { _id: 'fb_staging0000001', cityId: 'dongguan', format: 'csv', state: 'staging', rows: 1, actorId: 'u', createdAt: new Date(), updatedAt: new Date() },
    { _id: 'fb_committed00001', cityId: 'dongguan', format: 'csv', state: 'committed', rows: 1, actorId: 'u', createdAt: new Date(), updatedAt: new Date() },
  ]);
  const base = (await sys.db.collection<Facility>(FACILITIES).findOne({ _id: city.facilityA }))!;
  await sys.db.collection<Facility>(FACILITIES).insertMany([
    { ...base, _id: 'fc_staging0000001', componentId: '4419000101900001', name: '未生效井盖', importBatch: 'fb_staging0000001', active: false },
    { ...base, _id: 'fc_committed00001', componentId: '4419000105900002', classCode: '0105', name: '已提交路灯', importBatch: 'fb_committed00001', active: false },
  ]);
});
after(async () => sys.close());

const capture = () => {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) } };
};
const pages = (file: string) => (readFileSync(file, 'latin1').match(/\/Type \/Page\b/g) ?? []).length;
const fontPrograms = (file: string) => (readFileSync(file, 'latin1').match(/\/FontFile2/g) ?? []).length;

test('codes print --grid: the visible facilities of the grid, a progress bar on stderr, a summary on stdout', async () => {
  const out = path.join(dir, 'grid-a.pdf');
  const c = capture();
  assert.equal(await runCodesPrint(['--grid', 'g-a', '--out', out], c.io, env), 0, c.out.stderr);
  assert.ok(existsSync(out) && !existsSync(`${out}.part`));
  assert.equal(pages(out), 1);
  assert.equal(fontPrograms(out), 1, 'one embedded font program');
  assert.match(c.out.stdout, /2 个标签，1 页/, 'facility A and the committed one; the staging row is left out');
  assert.ok(c.out.stderr.includes(progressBar(2, 2)), c.out.stderr);
  assert.doesNotMatch(c.out.stderr, /CODE_SECRET/);
});

test('codes print filters: --ids, --class, --town; nothing matched → exit 2 and no file; usage errors → exit 2', async () => {
  const ids = capture();
  assert.equal(await runCodesPrint(['--ids', `${city.facilityA},${city.facilityB},fc_staging0000001`, '--out', path.join(dir, 'ids.pdf')], ids.io, env), 0);
  assert.match(ids.out.stdout, /2 个标签/);
  assert.match(ids.out.stderr, /1 个设施不存在或尚未生效/);
  const cls = capture();
  assert.equal(await runCodesPrint(['--class', '0105', '--town', 'nancheng', '--out', path.join(dir, 'cls.pdf')], cls.io, env), 0);
  assert.match(cls.out.stdout, /1 个标签/);
  const none = capture();
  assert.equal(await runCodesPrint(['--town', 'nowhere', '--out', path.join(dir, 'none.pdf')], none.io, env), 2);
  assert.match(none.out.stderr, /没有符合条件的设施/);
  assert.ok(!existsSync(path.join(dir, 'none.pdf')));
  for (const argv of [['--class', '01'], ['--ecc', 'H'], ['--frob'], ['--hotline', 'abc'], ['--base-url', 'ftp://x'], ['stray']]) {
    const u = capture();
    assert.equal(await runCodesPrint(argv, u.io, env), 2, argv.join(' '));
    assert.match(u.out.stderr, /usage:/);
  }
  const dev = capture();
  assert.equal(await runCodesPrint(['--grid', 'g-b', '--out', path.join(dir, 'dev.pdf')], dev.io, { ...env, CODE_SECRET: undefined }), 0);
  assert.match(dev.out.stderr, /未设置 CODE_SECRET/, 'printing with the dev secret is called out');
  const down = capture();
  assert.equal(await runCodesPrint(['--out', path.join(dir, 'down.pdf')], down.io, { ...env, MONGODB_URI: 'mongodb://127.0.0.1:1/' }), 1);
  assert.match(down.out.stderr, /失败/);
});

test('runCli dispatches `codes print`; --help lists it', async () => {
  const h = capture();
  assert.equal(await runCli(['--help'], { ...h.io, readFile: async () => '', readStdin: async () => '' }), 0);
  assert.match(h.out.stdout, /codes print \[--town X\]/);
  const u = capture();
  assert.equal(await runCli(['codes', 'print', '--class', 'x'], { ...u.io, readFile: async () => '', readStdin: async () => '' }), 2);
});

test('the real bin: node cloudfunctions/bin/cityloop.mjs codes print --town nancheng', () => {
  const out = path.join(dir, 'bin.pdf');
  const r = spawnSync(process.execPath, [bin, 'codes', 'print', '--town', 'nancheng', '--out', out, '--hotline', '0769-12319'], { cwd: repo, env, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /已生成 .*bin\.pdf：2 个标签/);
  assert.match(r.stderr, /\r\[#{30}\] 2\/2/);
  assert.equal(readFileSync(out).subarray(0, 5).toString(), '%PDF-');
});
