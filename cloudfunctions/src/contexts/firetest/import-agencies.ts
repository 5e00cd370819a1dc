import type * as z from 'zod';
import { forbidden, invalid } from '@cityloop/shared/errors';
import { can } from '@cityloop/shared/policy/can';
import type { Actor } from '@cityloop/shared/identity/roles';
import { parseAgencyGrid } from '@cityloop/shared/fire-testing/agency-import';
import { agencyRequest, type agencyImportRequest } from '@cityloop/shared/fire-testing/fire.contract';
import type { FireAgencyImportView } from '@cityloop/shared/fire-testing/fire-views.contract';
import { QUALIFICATION_REASON_LABELS } from '@cityloop/shared/fire-testing/fire.limits';
import type { Deps } from '../../platform/deps';
import { newId } from '../../platform/ids';
import { appendAudit } from '../../platform/audit/audit-log';
import { agencyStaging, importRejected } from './import-staging';
import { readSpreadsheet } from '../../platform/spreadsheet/read-spreadsheet';
import type { FireCtx } from './fire-messages';
import { FIRE_AGENCY_IMPORTS, type FireAgency, type FireAgencyImport } from './firetest.collections';
import { agenciesByCreditCodes } from './registry.repository';
import { agencyScopeFor, newAgencyDoc } from './registry-commands';

const MAX_ROWS = 500;



/**
 * 检测机构批量导入 for one city: the sheet is read (xlsx or UTF-8 CSV), each row checked as a single registration
 * would be, credit codes checked against the registry; the dry run answers every problem by line and a preview of
 * each agency's judgement, writing nothing. The commit refuses a file with any problem, else writes every agency
 * or none (staged: inactive rows → the commit record flips → rows activated; a crash is settled by the job).
 * Only a regulator of that city (fire.registry) may import; another city's is refused before the file is read.
 */
export async function importAgencies(deps: Deps, actor: NonNullable<Actor>, req: z.output<typeof agencyImportRequest>, ctx: FireCtx): Promise<FireAgencyImportView> {
  if (!can(actor, 'fire.registry', { kind: 'fire', scope: { cityId: req.cityId } }).allow) throw forbidden('只有本市的监管部门可以导入检测机构', 'fire_forbidden');
  const bytes = Buffer.from(req.contentBase64, 'base64');
  if (!bytes.length) throw invalid('文件为空', 'empty_file');
  const grid = await readSpreadsheet(bytes, req.fileName, { maxRows: MAX_ROWS, maxColumns: 20, what: '机构表' });
  const { rows, problems } = parseAgencyGrid(grid);
  const t = deps.now();
  const docs: FireAgency[] = [];
  for (const r of rows) {
    let scope;
    try {
      scope = agencyScopeFor(actor, r.agency.townId, req.cityId);
    } catch {
      throw forbidden('只有本市的监管部门可以导入检测机构', 'fire_forbidden');
    }
    if (!can(actor, 'fire.registry', { kind: 'fire', scope }).allow) {
      problems.push({ row: r.row, field: '镇街', message: `镇街 ${r.agency.townId} 不在您的监管范围内` });
      continue;
    }
    docs.push(newAgencyDoc(deps, actor, agencyRequest.parse(r.agency), scope, ctx, 'agency.import'));
  }
  const lineOf = new Map(rows.map((r) => [r.agency.creditCode, r.row]));
  for (const f of await agenciesByCreditCodes(deps.db, docs.map((d) => d.creditCode))) {
    problems.push({ row: lineOf.get(f.creditCode) ?? 0, field: '统一社会信用代码', message: f.active === false ? `${f.creditCode} 正被另一批导入占用` : `${f.creditCode} 已登记为“${f.name}”` });
  }
  problems.sort((a, b) => a.row - b.row);
  const preview = docs.map((d) => ({ row: lineOf.get(d.creditCode) ?? 0, name: d.name, creditCode: d.creditCode, scope: d.practice.scope, qualified: d.qualification.qualified, reasons: d.qualification.reasons.map((x) => QUALIFICATION_REASON_LABELS[x] ?? x) }));
  if (!req.commit) return { committed: false, batch: null, rows: rows.length, imported: 0, problems, preview };
  if (problems.length) throw importRejected(problems, '机构');

  const batch = newId('fm', t.getTime());
  const staged = docs.map((d) => ({ ...d, active: false, importBatch: batch }));
  const record: FireAgencyImport = { _id: batch, cityId: req.cityId, fileName: req.fileName, state: 'staging', rows: staged.length, actorId: actor.userId, requestId: ctx.requestId, createdAt: t, updatedAt: t };
  await agencyStaging.place(deps.db, deps.log, record, staged, {
    now: deps.now,
    problems: (_e, placed) => [{ row: lineOf.get(staged[placed]?.creditCode ?? '') ?? 0, field: '统一社会信用代码', message: '写入时与同时登记的机构冲突，已撤销本批全部机构，请重新导入' }],
  });
  // committed: the rows exist from here on; activation is quick for a registry-sized batch, and the job finishes a crash
  await agencyStaging.finish(deps.db, batch, deps.now(), Date.now() + 5_000);
  await appendAudit(deps.db, { _id: `${batch}:import`, at: t, actorId: actor.userId, action: 'fire.agency.import', target: { collection: FIRE_AGENCY_IMPORTS, id: batch }, requestId: ctx.requestId, ip: ctx.ip, reason: `导入 ${staged.length} 家检测机构（${req.fileName}）`, scope: { cityId: req.cityId } });
  return { committed: true, batch, rows: rows.length, imported: staged.length, problems: [], preview };
}
