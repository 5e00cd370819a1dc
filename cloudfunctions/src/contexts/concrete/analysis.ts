import { forbidden } from '@cityloop/shared/errors';
import { scopeFilter } from '@cityloop/shared/policy/can';
import type { Actor } from '@cityloop/shared/identity/roles';
import type { Deps } from '../../platform/deps';
import { CALERTS, CCASES, GROUPS, LABS, LOTS, PLANTS, type Lab, type Plant } from './concrete.collections';
import { countBy, findDocs } from './concrete-docs.repository';

type Rate = { tested: number; failed: number; failureRate: number };
const rate = (tested: number, failed: number): Rate => ({ tested, failed, failureRate: tested ? Math.round((failed / tested) * 1000) / 10 : 0 });

/**
 * The regulator's analysis of their area: failure and divergence rates by plant, supplier (failed incoming lots),
 * lab and month, and the plants sorted by risk (failure % + divergence % + credit lost). `$group` with `$sum` only.
 */
export async function concreteAnalysis(deps: Deps, actor: NonNullable<Actor>) {
  const area = scopeFilter(actor, 'concrete.analysis');
  if (!area) throw forbidden('只有监管部门可以查看质量分析');
  const tested = { $and: [area, { state: 'tested' }] };
  const [byPlant, byLab, byMonth, divergence, lots, plants, labs, unticketed] = await Promise.all([
    countBy(deps.db, GROUPS, tested, { plantId: '$plantId', passed: '$passed' }),
    countBy(deps.db, GROUPS, tested, { labId: '$labId', passed: '$passed' }),
    countBy(deps.db, GROUPS, tested, { month: '$month', passed: '$passed' }),
    countBy(deps.db, CCASES, { $and: [area, { kind: 'divergence' }] }, { plantId: '$plantId' }),
    countBy(deps.db, LOTS, area, { supplier: '$supplierName', result: '$test.result' }),
    findDocs<Plant>(deps.db, PLANTS, area, { projection: { name: 1, status: 1, credit: 1 } }),
    findDocs<Lab>(deps.db, LABS, area, { projection: { name: 1 } }),
    countBy(deps.db, CALERTS, { $and: [area, { kind: 'unticketed' }] }, { plantName: '$refs.plantName' }),
  ]);
  const sum = (rows: { _id: Record<string, unknown>; n: number }[], k: string, v: unknown, pass?: boolean) => rows.filter((r) => r._id[k] === v && (pass === undefined || r._id.passed === pass)).reduce((a, r) => a + r.n, 0);
  const plantRows = plants.map((p) => {
    const r = rate(sum(byPlant, 'plantId', p._id), sum(byPlant, 'plantId', p._id, false));
    const div = sum(divergence, 'plantId', p._id);
    const divergenceRate = r.tested ? Math.round((div / r.tested) * 1000) / 10 : 0;
    return { id: p._id, name: p.name, status: p.status, credit: p.credit.score, ...r, divergences: div, divergenceRate, risk: Math.round((r.failureRate + divergenceRate + (100 - p.credit.score)) * 10) / 10 };
  });
  const suppliers = [...new Set(lots.map((l) => String(l._id.supplier)))].map((s) => {
    const all = lots.filter((l) => l._id.supplier === s);
    const n = all.reduce((a, l) => a + l.n, 0);
    const failed = all.filter((l) => l._id.result === 'fail').reduce((a, l) => a + l.n, 0);
    return { name: s, lots: n, failedLots: failed, failureRate: n ? Math.round((failed / n) * 1000) / 10 : 0 };
  });
  const months = [...new Set(byMonth.map((m) => String(m._id.month)))].sort().map((m) => ({ month: m, ...rate(sum(byMonth, 'month', m), sum(byMonth, 'month', m, false)) }));
  return {
    plants: plantRows.sort((a, b) => b.risk - a.risk),
    suppliers: suppliers.sort((a, b) => b.failureRate - a.failureRate),
    labs: labs.map((l) => ({ id: l._id, name: l.name, ...rate(sum(byLab, 'labId', l._id), sum(byLab, 'labId', l._id, false)) })),
    months,
    unticketed: unticketed.map((u) => ({ plantName: String(u._id.plantName), reports: u.n })).sort((a, b) => b.reports - a.reports),
  };
}
