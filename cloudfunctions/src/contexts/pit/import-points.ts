import { conflict, invalid } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import { ITEMS } from '@cityloop/shared/pit/domain/items';
import { cumulativeControlMm, defaultControl } from '@cityloop/shared/pit/domain/control-defaults';
import { parsePointGrid, type ImportedPoint, type PointImportProblem } from '@cityloop/shared/pit/point-import';
import { POINT_FILE_MAX_BYTES, POINT_FILE_TOO_LARGE } from '@cityloop/shared/pit/onboard.limits';
import type { PointImportBody, PointImportOutcome } from '@cityloop/shared/pit/onboard.contract';
import type { Deps } from '../../platform/deps';
import { newId } from '../../platform/ids';
import { stagedImport } from '../../platform/staged-import';
import { PIT_POINT_IMPORTS, PIT_POINTS, type PitPoint, type PitPointImport, type PitProject } from './pit.collections';
import { takenPointCodes } from './point.repository';
import { setupCommand } from './setup-project';
import { readSpreadsheet } from '../../platform/spreadsheet/read-spreadsheet';

/** An import still staging after this long died with its request. */
const STALE_POINT_IMPORT_MS = 3600_000;

/** The 400 that carries every problem (row and column named); nothing has been written when it is thrown. */
export const pointImportRejected = (problems: PointImportProblem[]) =>
  invalid(`导入未执行：发现 ${problems.length} 处错误，没有写入任何测点。${problems.slice(0, 3).map((p) => p.message).join('；')}${problems.length > 3 ? '……' : ''}`, 'import_rejected', {
    errors: [...problems].sort((a, b) => a.row - b.row),
  });

/** The staged write of points (commit record `pit_point_imports`). */
export const pointStaging = stagedImport<PitPoint, PitPointImport>({
  label: 'pit point import',
  records: PIT_POINT_IMPORTS,
  rows: PIT_POINTS,
  chunk: 500,
  activateChunk: 500,
  staleMs: STALE_POINT_IMPORT_MS,
  maxBatches: 20,
  rejected: (errors) => pointImportRejected(errors.map((e) => ({ row: e.row, column: e.field, message: e.message }))),
});

/** Scheduler step (with `pit-repair`): committed batches rolled forward, stale staging ones back. */
export async function settlePointImports(deps: Deps, budgetMs = 10_000) {
  return pointStaging.settle(deps.db, deps.now(), budgetMs);
}

/** The standard control of a point (GB 50497 defaults, docs/domain/pit.md §1.2), or a problem naming its row. */
function standardControl(p: ImportedPoint, project: PitProject): PitPoint['control'] | PointImportProblem {
  const d = defaultControl(p.item, project.safetyLevel, project.supportType);
  if (!d) return { row: p.row, column: 'item', message: `第 ${p.row} 行：“${ITEMS[p.item].label}”没有标准默认控制值，请联系设计单位后再导入` };
  if (d.forceFraction !== undefined) return { cumulative: d.forceFraction * (p.capacityKN ?? 0), rate: null };
  const cumulative = cumulativeControlMm(d, project.depthM);
  if (cumulative === null) return { row: p.row, column: 'item', message: `第 ${p.row} 行：“${ITEMS[p.item].label}”没有累计控制值` };
  return { cumulative, rate: d.rate ?? null };
}

/**
 * 测点导入 from an xlsx or CSV file, all or nothing: the file is read (raw values only, formulas refused), every
 * row checked (shared/pit/point-import.ts), codes checked against the project's points, control values taken
 * from the standard defaults (only the design party changes them later), then the points are placed staged
 * (platform/staged-import.ts) and activated. An audited event on the project records the batch.
 */
export async function importPoints(deps: Deps, actor: NonNullable<Actor>, projectId: string, body: PointImportBody, ctx: { requestId?: string; ip?: string }): Promise<PointImportOutcome> {
  let outcome: PointImportOutcome = { imported: 0, points: [] };
  await setupCommand(deps, actor, projectId, body.version, ctx, {
    eventAction: 'pit.import_points',
    solving: true,
    precheck: async (project) => {
      const bytes = Buffer.from(body.contentBase64, 'base64');
      if (bytes.length > POINT_FILE_MAX_BYTES) throw invalid(POINT_FILE_TOO_LARGE, 'file_too_large');
      if (bytes.length === 0) throw invalid('文件为空', 'empty_file');
      const { points, problems } = parsePointGrid(await readSpreadsheet(bytes, body.fileName, { maxRows: 2100, maxColumns: 40, what: '测点表' }));
      if (problems.length) throw pointImportRejected(problems);
      const taken = await takenPointCodes(deps.db, projectId, points.map((p) => p.code));
      const docs: PitPoint[] = [];
      const now = deps.now();
      const batch = newId('pi', now.getTime());
      for (const p of points) {
        if (taken.has(p.code)) {
          problems.push({ row: p.row, column: 'code', message: `第 ${p.row} 行测点编号“${p.code}”本项目已登记` });
          continue;
        }
        const control = standardControl(p, project);
        if ('message' in control) {
          problems.push(control);
          continue;
        }
        const { row: _row, ...config } = p;
        docs.push({ _id: `${projectId}/${p.code}`, version: 1, history: [], outbox: [], pendingAudit: [], hasPending: false, ...config, projectId, scope: project.scope, control, controlSource: 'standard', active: false, importBatch: batch, createdAt: now });
      }
      if (problems.length) throw pointImportRejected(problems);
      const record: PitPointImport = { _id: batch, state: 'staging', rows: docs.length, projectId, actorId: actor.userId, requestId: ctx.requestId, createdAt: now, updatedAt: now };
      await pointStaging.place(deps.db, deps.log, record, docs, {
        now: deps.now,
        problems: (e) => [{ row: 0, field: 'code', message: (e as { code?: number }).code === 11000 ? '有测点编号刚被另一次导入登记，已撤销本次全部测点，请刷新后重试' : '写入数据库失败，已撤销本次全部测点，请稍后重试' }],
      });
      const done = await pointStaging.finish(deps.db, batch, deps.now());
      if (!done.done) throw conflict('测点已导入，正在生效，请稍后刷新', 'import_finishing');
      outcome = { imported: docs.length, points: points.map((p) => ({ row: p.row, code: p.code, item: p.item })) };
    },
    apply: () => ({ event: { reason: `导入 ${outcome.imported} 个测点`, data: { file: body.fileName.slice(0, 100), count: outcome.imported, codes: outcome.points.map((p) => p.code) } } }),
  });
  return outcome;
}
