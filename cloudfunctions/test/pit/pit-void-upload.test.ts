import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loopFile, withPitSystem } from '../helpers/pit-factory';
import { verifyChain } from '../../src/contexts/pit/ingest-epoch';

const t = withPitSystem();

const upload = (body: unknown) => t.sys.call('POST', `/api/ingest/pit/projects/${t.pit.projectId}/uploads`, { token: t.pit.people.monitor.token, body });
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
const voidIt = (token: string, id: string, reason: string) => t.sys.call('POST', `/api/pit/uploads/${encodeURIComponent(id)}/void`, { token, body: { reason } });

test('a regulator voids wrong data: kept with its chain link, used for nothing, the alarm it raised says so', async () => {
  const { sys, pit } = t;
  const good = await upload({ format: 'gsi', text: loopFile(2, 1, 0, 11), observedAt: hoursAgo(30) });
  assert.equal(good.status, 201, JSON.stringify(good.json));
  const wrong = await upload({ format: 'gsi', text: loopFile(9.5, 1, 0, 12), observedAt: hoursAgo(20) }); // 95 % of 10 mm: orange
  assert.equal(wrong.status, 201, JSON.stringify(wrong.json));
  assert.equal(wrong.json.data.alarms.length, 1);
  const id = wrong.json.data.id;

  // who may not
  assert.equal((await voidIt(pit.people.otherTownRegulator.token, id, '数据录入错误')).status, 404);
  const monitor = await voidIt(pit.people.monitor.token, id, '数据录入错误');
  assert.equal(monitor.status, 403);
  assert.match(monitor.json.message, /只有监管部门/);
  const terse = await voidIt(pit.people.townRegulator.token, id, '错');
  assert.equal(terse.status, 400);
  assert.match(terse.json.message, /作废原因/);
  assert.equal((await sys.db.collection('pit_uploads').findOne({ _id: id }))?.voided, undefined, 'nothing written by the refusals');

  const ok = await voidIt(pit.people.townRegulator.token, id, '监测单位确认仪器读数录入错误');
  assert.equal(ok.status, 200, JSON.stringify(ok.json));
  assert.equal(ok.json.data.voided.reason, '监测单位确认仪器读数录入错误');
  assert.equal((await voidIt(pit.people.townRegulator.token, id, '再作废一次试试')).json.error, 'already_voided');

  // evidence kept, chain intact
  assert.ok(await sys.db.collection('pit_uploads').findOne({ _id: id }));
  assert.equal(await verifyChain(sys.db, pit.projectId), null);
  // the alarm's trail records it
  const alarm = await sys.call('GET', `/api/pit/alarms/${wrong.json.data.alarms[0]}`, { token: pit.people.owner.token });
  assert.ok(alarm.json.data.history.some((e: { action: string }) => e.action === 'alarm.data_voided'), JSON.stringify(alarm.json.data.history.map((e: { action: string }) => e.action)));
  // the curve skips it, and the next epoch's rate is against the good one (30 h − 10 h = 20 h), not the voided one
  const series = await sys.call('GET', `/api/pit/projects/${pit.projectId}/points/ZQS1/series`, { token: pit.people.owner.token });
  assert.equal(series.status, 200, JSON.stringify(series.json));
  assert.ok(!JSON.stringify(series.json.data).includes(wrong.json.data.observedAt), 'the voided epoch is not on the curve');
  const next = await upload({ format: 'gsi', text: loopFile(2.2, 1, 0, 13), observedAt: hoursAgo(10) });
  const z1 = next.json.data.results.find((x: { point: string }) => x.point === 'ZQS1');
  assert.ok(Math.abs(z1.intervalDays - 20 / 24) < 1e-3, `interval ${z1.intervalDays} d`);
});
