import { forbidden, invalid } from '@cityloop/shared/errors';
import { can } from '@cityloop/shared/policy/can';
import type { Actor } from '@cityloop/shared/identity/roles';
import { parseExpertGrid } from '@cityloop/shared/dangerous-works/expert-import';
import type { ExpertImportView } from '@cityloop/shared/dangerous-works/review.contract';
import { EXPERT_SPECIALTIES } from '@cityloop/shared/dangerous-works/review.limits';
import type { Deps } from '../../platform/deps';
import { newId } from '../../platform/ids';
import { createdAggregate } from '../../platform/aggregate';
import { appendAudit } from '../../platform/audit/audit-log';
import { readSpreadsheet } from '../../platform/spreadsheet/read-spreadsheet';
import type { User } from '../../platform/auth/users';
import { insertUsers, usersByPhones } from '../../platform/auth/users.repository';
import { DW_EXPERTS, DW_EXPERT_IMPORTS, type Expert, type ExpertImport } from './schemereview.collections';
import { expertsByUsers } from './expert.repository';
import { maskIdNumber } from '../checkin/public';
import { expertImportRejected, expertStaging, type ExpertImportProblem } from './expert-import-staging';

const MAX_ROWS = 500;

type Req = { cityId: string; fileName: string; contentBase64: string; commit: boolean };

/**
 * 专家库批量导入 for one city: the sheet is read (xlsx or UTF-8 CSV), each row checked as the keeper's single entry
 * would be (`expertAdmission` included); phones are checked against the file and the library. The dry run answers
 * every problem by line and a preview, writing nothing; the commit refuses a file with any problem, else writes every
 * expert or none (staged: new accounts and inactive rows → the commit record flips → rows activated; a crash is
 * settled by the job). Only a regulator keeping that city's library may import; another city's is refused before
 * the file is read.
 */
export async function importExperts(deps: Deps, actor: NonNullable<Actor>, req: Req, ctx: { requestId?: string; ip?: string }): Promise<ExpertImportView> {
  const scope = { cityId: req.cityId };
  if (!can(actor, 'expert.manage', { kind: 'expert', scope }).allow) throw forbidden('只有本市监管部门可以导入专家', 'forbidden');
  const bytes = Buffer.from(req.contentBase64, 'base64');
  if (!bytes.length) throw invalid('文件为空', 'empty_file');
  const grid = await readSpreadsheet(bytes, req.fileName, { maxRows: MAX_ROWS, maxColumns: 20, what: '专家表' });
  const { rows, problems } = parseExpertGrid(grid);

  const { db } = deps;
  const accounts = await usersByPhones(db, rows.map((r) => r.expert.phone));
  const userOfPhone = new Map<string, string>();
  for (const u of accounts.sort((a, b) => Number(!!b.openid) - Number(!!a.openid))) if (u.phone && !userOfPhone.has(u.phone)) userOfPhone.set(u.phone, u._id);
  const inLibrary = new Map((await expertsByUsers(db, [...userOfPhone.values()])).map((e) => [e.userId, e]));
  for (const r of rows) {
    const e = inLibrary.get(userOfPhone.get(r.expert.phone) ?? '');
    if (e) problems.push({ row: r.row, field: '手机号', message: e.active === false ? '该手机号正被另一批导入占用' : `该手机号已在专家库中（${e.name}）` });
  }
  problems.sort((a, b) => a.row - b.row);
  const bad = new Set(problems.map((p) => p.row));
  const preview = rows.filter((r) => !bad.has(r.row)).map((r) => ({ row: r.row, name: r.expert.name, title: r.expert.title, specialties: r.expert.specialties.map((s) => EXPERT_SPECIALTIES[s] ?? s), employer: r.expert.employer }));
  if (!req.commit) return { committed: false, batch: null, rows: rows.length, imported: 0, problems, preview };
  if (problems.length) throw expertImportRejected(problems);

  const t = deps.now();
  const batch = newId('xi', t.getTime());
  const fresh: (User & { importBatch: string })[] = [];
  const docs: Expert[] = rows.map((r) => {
    let userId = userOfPhone.get(r.expert.phone);
    if (!userId) {
      userId = newId('u', t.getTime());
      fresh.push({ _id: userId, name: r.expert.name, phone: r.expert.phone, roles: [], roleKeys: [], createdAt: t, version: 1, importBatch: batch });
    }
    const id = newId('ex', t.getTime());
    const event = { id: newId('ev', t.getTime()), action: 'expert.import', at: t, actorId: actor.userId, role: 'regulator', to: 'active', reason: `批量导入（${req.fileName} 第 ${r.row} 行）`, data: { batch, title: r.expert.title, years: r.expert.years, specialties: r.expert.specialties } };
    return {
      ...createdAggregate(DW_EXPERTS, id, event, [], { ...ctx, scope }),
      name: r.expert.name, userId, title: r.expert.title, years: r.expert.years, richExperience: r.expert.richExperience, specialties: r.expert.specialties, employer: r.expert.employer?.trim() || null,
      idNumberMasked: maskIdNumber(r.idNumber), state: 'active', integrity: [], reviewsSat: 0, scope, createdAt: t, updatedAt: t, active: false, importBatch: batch,
    };
  });
  const record: ExpertImport = { _id: batch, cityId: req.cityId, fileName: req.fileName, state: 'staging', rows: docs.length, actorId: actor.userId, requestId: ctx.requestId, createdAt: t, updatedAt: t };
  const lineOf = new Map(docs.map((d, i) => [d._id, rows[i].row]));
  await expertStaging.place(db, deps.log, record, docs, {
    now: deps.now,
    before: () => insertUsers(db, fresh),
    problems: (_e, placed) => [{ row: lineOf.get(docs[placed]?._id ?? '') ?? 0, field: '手机号', message: '写入时与同时登记的专家冲突，已撤销本批全部专家，请重新导入' }],
  });
  await expertStaging.finish(db, batch, deps.now(), Date.now() + 5_000);
  await appendAudit(db, { _id: `${batch}:import`, at: t, actorId: actor.userId, action: 'expert.import', target: { collection: DW_EXPERT_IMPORTS, id: batch }, requestId: ctx.requestId, ip: ctx.ip, reason: `导入 ${docs.length} 名专家（${req.fileName}）`, scope });
  return { committed: true, batch, rows: rows.length, imported: docs.length, problems: [], preview };
}
