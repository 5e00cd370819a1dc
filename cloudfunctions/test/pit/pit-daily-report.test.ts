/**
 * The daily report is offered from the project's first day with accepted data up to today: an earlier day (or
 * any day before the first accepted upload) is refused with a Chinese 400 that names the first day, not a PDF
 * of 本日无数据 rows. Only the owner, the monitoring unit and the regulators are offered it (`policies`).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestSystem, type TestSystem } from '../helpers/test-system';
import { buildPit, loopFile, type PitFixture } from '../helpers/pit-factory';
import { REPORT_FOOTER, reportDataProblem } from '../../src/contexts/pit/daily-report';

const DAY = 86_400_000;
// 10:00 in Dongguan on 2026-11-20; the first accepted epoch is observed at 09:30 on the 17th.
const clock = Date.parse('2026-11-20T02:00:00Z');
const FIRST_DAY = '2026-11-17';
let sys: TestSystem;
let pit: PitFixture;

before(async () => {
  sys = await startTestSystem({ now: () => new Date(clock) });
  pit = await buildPit(sys);
});
after(async () => sys.close());

const report = (token: string, date: string) => fetch(`${sys.url}/api/pit/projects/${pit.projectId}/daily-report?date=${date}`, { headers: { authorization: `Bearer ${token}` } });
const upload = (text: string, observedAt: string) => sys.call('POST', `/api/ingest/pit/projects/${pit.projectId}/uploads`, { token: pit.people.monitor.token, body: { format: 'gsi', text, observedAt } });

async function refusal(res: Response): Promise<{ error: string; message: string; data?: { field: string; firstDate: string | null } }> {
  assert.equal(res.status, 400);
  assert.match(res.headers.get('content-type') ?? '', /json/, 'no PDF');
  return (await res.json()) as { error: string; message: string; data?: { field: string; firstDate: string | null } };
}

test('before any accepted data, every day is refused in Chinese, and the project says there is no first day', async () => {
  const owner = pit.people.owner.token;
  const body = await refusal(await report(owner, '2026-11-20'));
  assert.equal(body.error, 'date_before_data');
  assert.equal(body.message, '本项目尚无已接收的监测数据，暂不能生成日报');
  assert.deepEqual(body.data, { field: 'date', firstDate: null });
  // A rejected epoch is not data: the report still has nothing to show.
  const rejected = await upload(loopFile(2, 1, 9), '2026-11-16T09:30:00+08:00');
  assert.equal(rejected.json.data.status, 'rejected', JSON.stringify(rejected.json));
  assert.equal((await refusal(await report(owner, '2026-11-16'))).error, 'date_before_data');
  const p = await sys.call('GET', `/api/pit/projects/${pit.projectId}`, { token: owner });
  assert.equal(p.json.data.firstDataDate, null);
});

test('after the first accepted epoch, earlier days are refused with the first day named; from that day on there is a PDF', async () => {
  const r = await upload(loopFile(2, 1), `${FIRST_DAY}T09:30:00+08:00`);
  assert.equal(r.json.data.status, 'accepted', JSON.stringify(r.json));
  const owner = pit.people.owner.token;
  for (const date of ['2026-11-16', '2026-10-01']) {
    const body = await refusal(await report(owner, date));
    assert.equal(body.error, 'date_before_data', date);
    assert.equal(body.message, `日期 ${date} 早于本项目首次有监测数据的日期（北京时间 ${FIRST_DAY}），当天没有数据可报；请选择 ${FIRST_DAY} 及以后的日期`);
    assert.deepEqual(body.data, { field: 'date', firstDate: FIRST_DAY });
  }
  // The first day itself, a later day without uploads (rows carry the last value) and today are reports.
  for (const date of [FIRST_DAY, '2026-11-18', '2026-11-20']) {
    const res = await report(owner, date);
    assert.equal(res.status, 200, date);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    assert.equal(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString(), '%PDF-', date);
  }
  const p = await sys.call('GET', `/api/pit/projects/${pit.projectId}`, { token: owner });
  assert.equal(p.json.data.firstDataDate, FIRST_DAY);
});

test('a day is judged in Beijing time: an epoch at 00:30 on the 17th is not data of the 16th', async () => {
  assert.equal(reportDataProblem('2026-11-16', '2026-11-17')?.startsWith('日期 2026-11-16 早于'), true);
  assert.equal(reportDataProblem('2026-11-17', '2026-11-17'), null);
  assert.equal(reportDataProblem('2026-11-18', '2026-11-17'), null);
  // 00:30 on the 17th in Dongguan is still the 16th in UTC (16:30): it becomes the first epoch, and the 16th
  // stays refused.
  const r = await upload(loopFile(2.2, 1.1, 0, 9), `${FIRST_DAY}T00:30:00+08:00`);
  assert.equal(r.json.data.status, 'accepted', JSON.stringify(r.json));
  assert.equal((await refusal(await report(pit.people.owner.token, '2026-11-16'))).error, 'date_before_data');
});

test('the future and impossible dates keep their own refusal (checked before the data)', async () => {
  const body = await refusal(await report(pit.people.owner.token, new Date(clock + DAY + 8 * 3600_000).toISOString().slice(0, 10)));
  assert.equal(body.error, 'invalid_date');
  assert.match(body.message, /晚于今天/);
});

test('only the owner, the monitoring unit and the regulators are offered the report; others may not fetch it', async () => {
  for (const who of ['owner', 'monitor', 'townRegulator', 'cityRegulator'] as const) {
    const p = await sys.call('GET', `/api/pit/projects/${pit.projectId}`, { token: pit.people[who].token });
    assert.equal(p.json.policies['pit.daily_report'], true, who);
    assert.equal((await report(pit.people[who].token, FIRST_DAY)).status, 200, who);
  }
  for (const who of ['contractor', 'supervisor', 'designer'] as const) {
    const p = await sys.call('GET', `/api/pit/projects/${pit.projectId}`, { token: pit.people[who].token });
    assert.equal(p.json.policies['pit.daily_report'], false, who);
    const res = await report(pit.people[who].token, FIRST_DAY);
    assert.equal(res.status, 403, who);
    assert.match(((await res.json()) as { message: string }).message, /建设单位、监测单位和监管部门/);
  }
  // Someone who may not see the project learns nothing about its data, not even its first day.
  const other = await report(pit.people.otherTownRegulator.token, '2026-11-01');
  assert.equal(other.status, 404);
});

test('the footer says in Chinese that the numbers can be recomputed independently, without command-line wording', () => {
  assert.match(REPORT_FOOTER, /原始数据/);
  assert.match(REPORT_FOOTER, /公开的解算程序/);
  assert.match(REPORT_FOOTER, /独立复算/);
  assert.doesNotMatch(REPORT_FOOTER, /[`]|cityloop|solve/i);
});
