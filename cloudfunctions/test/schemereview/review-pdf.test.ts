/**
 * The review report PDF and the site board: built from the record, each carrying the review's signed `rv` QR (the
 * vector modules of exactly that URL are in the page stream); the report only once concluded; the board not for an
 * expert, nothing for a stranger.
 */
import { inflateSync } from 'node:zlib';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { seedReviewDemo } from '../../dev/seed/review-demo';
import { signCodeUrl } from '../../src/platform/codes/signed-code';
import { qrMatrix, qrRuns } from '../../src/platform/pdf/qr';

let sys: TestSystem;
let regulator: { token: string };
before(async () => {
  sys = await startTestSystem();
  await sys.db.collection('regions').insertMany([
    { _id: 'nancheng', kind: 'town', name: '南城', parentId: 'dongguan' },
    { _id: 'dongcheng', kind: 'town', name: '东城', parentId: 'dongguan' },
  ] as never[]);
  let n = 0;
  await seedReviewDemo(sys.deps, async (p) => sys.standins.wechat.issueOpenid(`${sys.db.databaseName}-${p}-${n++}`));
  regulator = await sys.user('住建局PDF', [{ role: 'regulator', level: 'city', cityId: 'dongguan' }], { phone: '13800009901' });
});
after(async () => sys.close());

const streams = (pdf: Buffer) => {
  const text = pdf.toString('latin1');
  const out: string[] = [];
  for (let m, re = /stream\r?\n/g; (m = re.exec(text)); ) {
    try {
      out.push(inflateSync(pdf.subarray(m.index + m[0].length, text.indexOf('endstream', m.index))).toString('latin1'));
    } catch {
      /* not a deflated stream */
    }
  }
  return out.join('\n');
};
const get = async (path: string, token?: string) => {
  const res = await fetch(sys.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, type: res.headers.get('content-type'), body: Buffer.from(await res.arrayBuffer()) };
};

test('the report PDF and the site board carry the signed QR of the review', async () => {
  const archived = (await sys.db.collection('dw_reviews').findOne({ state: 'archived' }))!;
  const url = signCodeUrl(sys.deps.config.codeSecret, sys.deps.config.codeBaseUrl, String(archived._id));
  const report = await get(`/api/reviews/${archived._id}/report.pdf`, regulator.token);
  assert.equal(report.status, 200);
  assert.equal(report.type, 'application/pdf');
  assert.equal(report.body.subarray(0, 4).toString(), '%PDF');
  assert.ok(streams(report.body).includes(qrRuns(qrMatrix(url, 'M'))), 'the report shows the review’s signed code');
  const board = await get(`/api/reviews/${archived._id}/board.pdf`, regulator.token);
  assert.equal(board.status, 200);
  assert.ok(streams(board.body).includes(qrRuns(qrMatrix(url, 'Q'))), 'the board shows the review’s signed code');
  const other = signCodeUrl(sys.deps.config.codeSecret, sys.deps.config.codeBaseUrl, 'rv_someoneelse00');
  assert.equal(streams(board.body).includes(qrRuns(qrMatrix(other, 'Q'))), false);
});

test('refusals: no report before the meeting concludes; an expert gets no board; a stranger nothing', async () => {
  const committed = (await sys.db.collection('dw_reviews').findOne({ state: 'committed' }))!;
  const early = await get(`/api/reviews/${committed._id}/report.pdf`, regulator.token);
  assert.equal(early.status, 409);
  assert.equal(JSON.parse(early.body.toString()).error, 'report_pending');
  const archived = (await sys.db.collection('dw_reviews').findOne({ state: 'archived' }))!;
  const expert = archived.invitations.find((i: { status: string }) => i.status === 'accepted');
  const { issueToken } = await import('../../src/platform/auth/jwt');
  const expertToken = await issueToken(sys.deps.config.jwtSecret, expert.userId, 3600, sys.deps.now());
  assert.equal((await get(`/api/reviews/${archived._id}/report.pdf`, expertToken)).status, 200, 'a panel expert reads the report');
  assert.equal((await get(`/api/reviews/${archived._id}/board.pdf`, expertToken)).status, 404);
  const stranger = await sys.user('路人PDF', [], { phone: '13800009902' });
  assert.equal((await get(`/api/reviews/${archived._id}/report.pdf`, stranger.token)).status, 404);
  assert.equal((await get(`/api/reviews/${archived._id}/board.pdf`)).status, 401);
});

test('the registration form’s towns: the city’s towns by name, for signed-in users only', async () => {
  const r = await sys.call('GET', '/api/dw-projects/towns/dongguan', { token: regulator.token });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.data.map((t: { id: string; name: string }) => [t.id, t.name]).sort(), [['dongcheng', '东城'], ['nancheng', '南城']]);
  assert.equal((await sys.call('GET', '/api/dw-projects/towns/dongguan')).status, 401);
});
