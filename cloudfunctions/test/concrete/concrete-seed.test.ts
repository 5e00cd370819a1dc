/**
 * The Zhongshan concrete demo holds up (issue 16 §9): three plants (one suspended), a 黑站 reported from site, two
 * projects with accepted tickets and witnessed groups, a swapped chip refused at the lab, and a failing batch whose
 * self-test passed — divergence case, blocked certificates, lowered credit, in-situ testing; personas log in.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { seedDemo } from '../../dev/seed/seed';
import { seedConcreteDemo } from '../../dev/seed/concrete-demo';
import { demoPersonas } from '../../dev/seed/persona-list';
import { issueToken } from '../../src/platform/auth/jwt';

let sys: TestSystem;
const openidFor = async (persona: string) => sys.standins.wechat.issueOpenid(`${sys.db.databaseName}-${persona}`);
const tokenOf = async (persona: string) => {
  const u = await sys.db.collection('users').findOne({ persona });
  return issueToken(sys.deps.config.jwtSecret, String(u!._id), 3600, sys.deps.now());
};

before(async () => {
  sys = await startTestSystem();
  await seedDemo(sys.db, openidFor);
  await seedConcreteDemo(sys.deps, openidFor);
});
after(async () => sys.close());

test('the regulator sees the three plants, the 黑站, the swapped chip and the failing batch’s consequences', async () => {
  const reg = await tokenOf('concrete-regulator');
  const plants = (await sys.call('GET', '/api/concrete/plants', { token: reg })).json.data;
  assert.deepEqual(plants.map((p: any) => [p.name, p.status]).sort(), [['岐江预拌混凝土有限公司', 'qualified'], ['横门混凝土搅拌站', 'unqualified'], ['翠亨建材混凝土站', 'qualified']].sort());
  assert.equal(plants.find((p: any) => p.id === 'mp_zsqijiang').credit, 70);
  const kinds = (await sys.call('GET', '/api/concrete/alerts', { token: reg })).json.data.map((a: any) => a.kind);
  for (const k of ['unticketed', 'specimen_refused', 'batch_failed', 'divergence', 'group_failed']) assert.ok(kinds.includes(k), `${k} in ${kinds}`);
  const cases = (await sys.call('GET', '/api/concrete/cases', { token: reg })).json.data;
  assert.deepEqual(cases.map((c: any) => c.kind).sort(), ['divergence', 'insitu', 'insitu'], 'both members of the failing C30 batch need in-situ testing');
  const trace = await sys.call('GET', `/api/concrete/trace?projectId=pj_zs_cuiheng&member=${encodeURIComponent('3F 板 B2')}`, { token: reg });
  assert.equal(trace.json.data.evaluations[0].result, '不合格');
  assert.equal(trace.json.data.tickets.filter((t: any) => t.certificateBlocked).length, 3);
  const passing = await sys.call('GET', `/api/concrete/trace?projectId=pj_zs_cuiheng&member=${encodeURIComponent('2F 柱 A1')}`, { token: reg });
  assert.equal(passing.json.data.groups.length, 3);
  const analysis = (await sys.call('GET', '/api/concrete/analysis', { token: reg })).json.data;
  assert.equal(analysis.plants[0].id, 'mp_zsqijiang', 'the plant with the failure ranks riskiest');
  assert.deepEqual(analysis.unticketed, [{ plantName: '沙溪无名搅拌站', reports: 1 }]);
  // the seed writes no check-ins: its samplings say so rather than claiming a presence nobody checked
  const presence = await sys.db.collection('concrete_groups').distinct('witnessPresence');
  assert.deepEqual(presence, ['seeded']);
});

test('the concrete personas say who they are; a second seed changes nothing', async () => {
  const rows = (await demoPersonas(sys.db)).filter((r) => r.key.startsWith('concrete-'));
  assert.equal(rows.length, 6);
  assert.equal(rows.find((r) => r.key === 'concrete-plant')!.where, '岐江预拌混凝土有限公司');
  assert.equal(rows.find((r) => r.key === 'concrete-lab')!.roleLabel, '检测机构');
  const before_ = await sys.db.collection('concrete_groups').countDocuments();
  assert.deepEqual(await seedConcreteDemo(sys.deps, openidFor), { skipped: true });
  assert.equal(await sys.db.collection('concrete_groups').countDocuments(), before_);
});

test('every seeded plant’s printed code scans to its public page (ids fit the signed-code token)', async () => {
  const plants = (await sys.call('GET', '/api/concrete/plants', { token: await tokenOf('concrete-regulator') })).json.data;
  assert.equal(plants.length, 3);
  for (const p of plants) {
    const scan = await sys.call('GET', `/api/codes/${encodeURIComponent(String(p.codeUrl).split('/c/')[1])}`);
    assert.equal(scan.status, 200, `${p.id}: ${JSON.stringify(scan.json)}`);
    assert.deepEqual([scan.json.data.kind, scan.json.data.title], ['concrete_plant', p.name]);
  }
});
