import type * as z from 'zod';
import { invalid, notFound } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import { shanghaiDay } from '@cityloop/shared/fire-testing/fire-gates';
import { parseInstrumentGrid } from '@cityloop/shared/fire-testing/instrument-import';
import type { instrumentImportRequest } from '@cityloop/shared/fire-testing/fire.contract';
import type { FireInstrumentImportView } from '@cityloop/shared/fire-testing/fire-views.contract';
import type { Deps } from '../../platform/deps';
import { newId } from '../../platform/ids';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { appendAudit } from '../../platform/audit/audit-log';
import { importRejected, instrumentStaging } from './import-staging';
import { readSpreadsheet } from '../../platform/spreadsheet/read-spreadsheet';
import type { FireCtx } from './fire-messages';
import { FIRE_INSTRUMENTS, FIRE_INSTRUMENT_IMPORTS, type FireInstrument, type FireInstrumentImport } from './firetest.collections';
import { findAgency, instrumentsBySerials } from './registry.repository';
import { requireFire } from './fire-access';



/**
 * 仪器批量导入 for one agency (its staff or the regulator, as a single registration): each row checked as the form
 * would be, serials against the agency's registry; the dry run answers every problem by line (and which instruments
 * are already out of calibration) and writes nothing; the commit writes every instrument or none (staged).
 */
export async function importInstruments(deps: Deps, actor: NonNullable<Actor>, agencyId: string, req: z.output<typeof instrumentImportRequest>, ctx: FireCtx): Promise<FireInstrumentImportView> {
  const agency = await findAgency(deps.db, agencyId);
  if (!agency) throw notFound('机构不存在');
  const who = requireFire(actor, ['fire.staff', 'fire.registry'], agency.scope, '机构不存在');
  const bytes = Buffer.from(req.contentBase64, 'base64');
  if (!bytes.length) throw invalid('文件为空', 'empty_file');
  const { rows, problems } = parseInstrumentGrid(await readSpreadsheet(bytes, req.fileName, { maxRows: 1000, maxColumns: 20, what: '仪器表' }));
  const lineOf = new Map(rows.map((r) => [r.instrument.serial, r.row]));
  for (const i of await instrumentsBySerials(deps.db, agencyId, rows.map((r) => r.instrument.serial))) {
    problems.push({ row: lineOf.get(i.serial) ?? 0, field: '出厂编号', message: i.active === false ? `${i.serial} 正被另一批导入占用` : `出厂编号 ${i.serial} 的${i.type}已登记` });
  }
  problems.sort((a, b) => a.row - b.row);
  const today = shanghaiDay(deps.now());
  const preview = rows.map((r) => ({ row: r.row, type: r.instrument.type, serial: r.instrument.serial, validUntil: r.instrument.validUntil, expired: r.instrument.validUntil < today }));
  if (!req.commit) return { committed: false, batch: null, rows: rows.length, imported: 0, problems, preview };
  if (problems.length) throw importRejected(problems, '仪器');

  const t = deps.now();
  const batch = newId('fn', t.getTime());
  const docs: FireInstrument[] = rows.map((r) => {
    const id = newId('fi');
    const event: DomainEvent = { id: newId('ev'), action: 'instrument.import', at: t, actorId: actor.userId, role: who, data: { calibrationNo: r.instrument.calibrationNo, validUntil: r.instrument.validUntil, batch } };
    return { ...createdAggregate(FIRE_INSTRUMENTS, id, event, [], { ...ctx, scope: agency.scope }), agencyId, ...r.instrument, scope: agency.scope, createdAt: t, active: false, importBatch: batch };
  });
  const record: FireInstrumentImport = { _id: batch, agencyId, fileName: req.fileName, state: 'staging', rows: docs.length, actorId: actor.userId, requestId: ctx.requestId, createdAt: t, updatedAt: t };
  await instrumentStaging.place(deps.db, deps.log, record, docs, {
    now: deps.now,
    problems: () => [{ row: 0, field: '出厂编号', message: '写入时与同时登记的仪器冲突，已撤销本批全部仪器，请重新导入' }],
  });
  await instrumentStaging.finish(deps.db, batch, deps.now(), Date.now() + 5_000);
  await appendAudit(deps.db, { _id: `${batch}:import`, at: t, actorId: actor.userId, action: 'fire.instrument.import', target: { collection: FIRE_INSTRUMENT_IMPORTS, id: batch }, requestId: ctx.requestId, ip: ctx.ip, reason: `导入 ${docs.length} 台检测仪器（${agency.name}，${req.fileName}）`, scope: { cityId: agency.scope.cityId } });
  return { committed: true, batch, rows: rows.length, imported: docs.length, problems: [], preview };
}
