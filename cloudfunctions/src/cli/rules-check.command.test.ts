import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runRulesCheck } from './rules-check.command';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const bin = join(repo, 'cloudfunctions/bin/cityloop.mjs');

/** The real command line, as `npx cityloop rules check` runs it: no database in the environment. */
const cli = (args: string[], input?: string) => {
  const env = { ...process.env, MONGODB_URI: 'mongodb://127.0.0.1:1/none' };
  const r = spawnSync(process.execPath, [bin, 'rules', 'check', ...args], { input, encoding: 'utf8', cwd: repo, env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
/** stdout must be exactly one JSON line. */
const json = (stdout: string) => {
  assert.ok(stdout.endsWith('\n'), 'ends with a newline');
  assert.equal(stdout.trimEnd().split('\n').length, 1, 'one line');
  return JSON.parse(stdout);
};

test('the real bin: one request per kind from stdin, exit 0, one JSON line, nothing on stderr', () => {
  const cases: [Record<string, unknown>, Record<string, unknown>][] = [
    [{ kind: 'group_strength', grade: 'C30', cubeSizeMm: 200, failureLoadsKN: [1700, 1832, 2112] }, { valid: true, cubeStrengthsMPa: [42.5, 45.8, 52.8], representativeMPa: 48.1, method: 'median' }],
    [{ kind: 'evaluate_batch', grade: 'C30', groupStrengthsMPa: [34.5, 34.5, 34.5] }, { methodUsed: 'non_statistical', n: 3, lambda3: 1.15, lambda4: 0.95, meanMPa: 34.5, minMPa: 34.5, result: '合格', passed: true, failedChecks: [] }],
    [{ kind: 'classify_dangerous_work', items: [{ category: 'excavation', depthM: 5.5 }, { category: 'formwork_support', heightM: 9 }] }, { itemLevels: ['超规模危大', '超规模危大'], projectLevel: '超规模危大', itemsNeedingExpertReview: [0, 1], itemsNeedingSpecialScheme: [0, 1] }],
    [{ kind: 'expert_draw', requiredSpecialty: '岩土', projectParticipants: ['甲'], minExperts: 1, pool: [{ id: 'e1', specialties: ['岩土'], employer: '甲', status: 'active' }, { id: 'e2', specialties: ['岩土'], employer: '乙', status: 'active' }] }, { eligible: ['e2'], excluded: { e1: 'employer_is_project_participant' }, canConvene: true }],
    [{ kind: 'expert_admission', title: '中级', years: 20, richExperience: false, badCredit: false }, { admissible: false, reasons: ['title_not_senior'] }],
    [{ kind: 'review_outcome', conclusion: '不通过', expertsSigned: 5, unanimous: true }, { valid: true, requiresResubmissionToTechLeadAndChiefSupervisor: true, requiresNewReview: true, nextStep: '修改后重新组织专家论证' }],
    [{ kind: 'agency_qualification', scope: '评估', enterpriseLegalPerson: true, workplaceM2: 100, equipmentConforming: true, assessmentProcessControl: true, registeredFireEngineers: [{ name: '甲', level: 1 }, { name: '乙', level: 2 }] }, { qualified: true, reasons: [] }],
    [{ kind: 'onsite_presence', checkins: [{ role: '项目负责人', inGeofence: true, faceMatch: true }] }, { compliant: false, violations: ['operator_not_on_site'] }],
    [{ kind: 'report_formal_check', techLeadSigned: true, techLeadLevel: 2, projectLeadSigned: true, practiceSeals: true, agencySeal: true }, { valid: false, defects: ['tech_lead_not_level1'] }],
    [{ kind: 'acceptance_crosscheck', testReport: { 防烟排烟系统: '合格' }, acceptance: { 防烟排烟系统: '不合格' } }, { conflictingItems: ['防烟排烟系统'], suspectedFalseReport: true }],
  ];
  for (const [request, expected] of cases) {
    const r = cli(['-'], JSON.stringify({ ...request, unknownExtra: { ignored: true } }));
    assert.equal(r.status, 0, `${request.kind}: ${r.stdout}${r.stderr}`);
    assert.equal(r.stderr, '');
    assert.deepEqual(json(r.stdout), expected, String(request.kind));
  }
});

test('the real bin: a request file, and --pretty', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cityloop-rules-'));
  const file = join(dir, 'request.json');
  writeFileSync(file, `\uFEFF${JSON.stringify({ kind: 'group_strength', grade: 'C30', cubeSizeMm: 100, cubesMPa: [30, 31, 32] })}`);
  const r = cli([file]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(json(r.stdout), { valid: true, representativeMPa: 29.5, method: 'mean' });
  const pretty = cli([file, '--pretty']);
  assert.equal(pretty.status, 0);
  assert.match(pretty.stdout, /^\{\n {2}"valid": true,/);
});

test('the real bin: bad input is exit 2 with only {"error":{code,message}} on stdout', () => {
  const bad: [string, string][] = [
    ['{"kind":"group_strength"', 'invalid_json'],
    ['[]', 'invalid_request'],
    ['{}', 'invalid_request'],
    ['{"kind":"frob"}', 'unknown_kind'],
    ['{"kind":"classify_dangerous_work","category":"bridge"}', 'unknown_category'],
    ['{"kind":"classify_dangerous_work","items":[{"category":"excavation"},{"category":"x"}]}', 'unknown_category'],
    ['{"kind":"group_strength","grade":"C30","cubesMPa":[30,31]}', 'invalid_request'],
    ['{"kind":"group_strength","grade":"c30","cubesMPa":[30,31,32]}', 'invalid_request'],
    ['{"kind":"evaluate_batch","grade":"C30"}', 'invalid_request'],
    ['{"kind":"review_outcome","conclusion":"通过","expertsSigned":"5","unanimous":true}', 'invalid_request'],
  ];
  for (const [input, code] of bad) {
    const r = cli(['-'], input);
    assert.equal(r.status, 2, input);
    const body = json(r.stdout);
    assert.deepEqual(Object.keys(body), ['error'], input);
    assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message']);
    assert.equal(body.error.code, code, input);
    assert.match(body.error.message, /^[\x20-\x7e"]+/, 'an English message');
  }
  const missing = cli(['/nonexistent/request.json']);
  assert.equal(missing.status, 2);
  assert.equal(json(missing.stdout).error.code, 'read_error');
  const usage = cli([]);
  assert.equal(usage.status, 2);
  assert.equal(usage.stdout, '');
  assert.match(usage.stderr, /rules check needs a request file or - for stdin/);
});

test('runRulesCheck: the message names the field', () => {
  const out = runRulesCheck('{"kind":"classify_dangerous_work","items":[{"category":"excavation","depthM":"deep"}]}');
  assert.equal(out.exitCode, 2);
  assert.deepEqual(JSON.parse(out.stdout), { error: { code: 'invalid_request', message: 'items[0].depthM: expected number, received string' } });
});

// `npx cityloop` needs the workspace bin link (npm install); main.test.ts says the same when it is missing.
test('npx cityloop rules check - from the repository root', (t) => {
  const linked = spawnSync('test', ['-e', join(repo, 'node_modules/.bin/cityloop')]).status === 0;
  if (!linked) t.diagnostic('node_modules/.bin/cityloop is missing; running the bin file directly');
  const [cmd, args] = linked ? ['npx', ['--no-install', 'cityloop']] : [process.execPath, [bin]];
  const r = spawnSync(cmd, [...args, 'rules', 'check', '-'], { input: '{"kind":"expert_admission","title":"正高级","years":15}', encoding: 'utf8', cwd: repo });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(json(r.stdout), { admissible: true, reasons: [] });
});
