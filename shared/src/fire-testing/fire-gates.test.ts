import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeAgency, planRefusals, reportNumber, reportVerdicts, type PracticeConditions, type RegistryPerson } from './fire-gates';

const practice: PracticeConditions = { scope: '维保检测', enterpriseLegalPerson: true, workplaceM2: 220, equipmentConforming: true, qualityManagementSystem: true, assessmentProcessControl: false };
const eng = (id: string, level: 1 | 2, agencyId: string | null = 'fa_1'): RegistryPerson => ({ id, name: `工程师${id}`, kind: 'engineer', agencyId, engineer: { level, registrationNo: `R-${id}` } });
const op = (id: string, level: '初级' | '中级', validUntil = '2029-12-31'): RegistryPerson => ({ id, name: `操作员${id}`, kind: 'operator', agencyId: 'fa_1', operator: { level, certificateNo: `C-${id}`, validUntil } });
const six = [op('o1', '中级'), op('o2', '中级'), op('o3', '初级'), op('o4', '初级'), op('o5', '初级'), op('o6', '初级')];

test('the registry feeds agencyQualification: a lapsed certificate or a departed engineer counts on the day', () => {
  assert.deepEqual(judgeAgency('fa_1', practice, [eng('e1', 1), eng('e2', 2), ...six], '2026-12-07'), { qualified: true, reasons: [] });
  assert.deepEqual(judgeAgency('fa_1', practice, [eng('e1', 1, null), eng('e2', 2), ...six], '2026-12-07').reasons, ['registered_engineers_lt_2', 'no_level1_registered_engineer']);
  const lapsed = [...six.slice(1), op('o1', '中级', '2026-12-06')];
  assert.deepEqual(judgeAgency('fa_1', practice, [eng('e1', 1), eng('e2', 2), ...lapsed], '2026-12-07').reasons, ['operators_lt_6', 'operators_intermediate_plus_lt_2']);
});

test('plan refusals name each person and instrument', () => {
  const rs = planRefusals({
    agency: { id: 'fa_1', name: '安信', scope: '评估', qualification: { qualified: true, reasons: [] } },
    kind: '维保检测',
    testDate: '2026-12-08',
    projectLead: eng('e1', 2),
    techLead: eng('e2', 2),
    operators: [op('o1', '中级', '2026-12-01')],
    instruments: [{ id: 'fi_1', type: '声级计', serial: 'SJ-1', calibrationNo: 'JD-1', validUntil: '2026-12-07', agencyId: 'fa_1' }],
  });
  assert.deepEqual(rs.map((r) => r.code), ['scope_not_covered', 'tech_lead_unqualified', 'operator_certificate_expired', 'instrument_expired']);
  assert.equal(rs[3].message, '仪器“声级计”（编号 SJ-1）检定有效期至 2026-12-07，检测日 2026-12-08 已过期');
  assert.equal(rs[1].personId, 'e2');
});

test('report verdicts per system, the conclusion, and correction numbers', () => {
  const v = reportVerdicts([
    { system: 'A', item: '1', value: '1', limit: '1', verdict: '合格' },
    { system: 'B', item: '1', value: '1', limit: '1', verdict: '不合格' },
    { system: 'B', item: '2', value: '1', limit: '1', verdict: '合格' },
  ]);
  assert.deepEqual(v, { verdicts: { A: '合格', B: '不合格' }, failedSystems: ['B'], conclusion: '不合格' });
  assert.deepEqual([reportNumber('ZSXJ-2026-0007', 0), reportNumber('ZSXJ-2026-0007', 2)], ['ZSXJ-2026-0007', 'ZSXJ-2026-0007-2']);
});
