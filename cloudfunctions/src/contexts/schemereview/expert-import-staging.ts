import { invalid } from '@cityloop/shared/errors';
import type { Deps } from '../../platform/deps';
import type { Job } from '../../platform/context-module';
import { stagedImport } from '../../platform/staged-import';
import { deleteImportedUsers } from '../../platform/auth/users.repository';
import { DW_EXPERTS, DW_EXPERT_IMPORTS, type Expert, type ExpertImport } from './schemereview.collections';

// The staged write of the expert import (import-experts.ts), apart from the sheet reading so the scheduler's settle
// job carries neither the parser nor SheetJS.

export type ExpertImportProblem = { row: number; field: string; message: string };

/** The 400 that carries every problem; nothing has been written when it is thrown. */
export const expertImportRejected = (problems: ExpertImportProblem[]) =>
  invalid(`导入未执行：发现 ${problems.length} 处错误，没有写入任何专家。请按错误清单修改文件后重新导入`, 'import_rejected', { problems: [...problems].sort((a, b) => a.row - b.row) });

/** Experts placed inactive, then activated once the commit record flips; an uncommitted batch takes its new accounts with it. */
export const expertStaging = stagedImport<Expert, ExpertImport>({
  label: 'expert import',
  records: DW_EXPERT_IMPORTS,
  rows: DW_EXPERTS,
  chunk: 200,
  activateChunk: 200,
  staleMs: 3600_000,
  maxBatches: 50,
  rejected: expertImportRejected,
  alsoRollBack: (db, batch) => deleteImportedUsers(db, batch),
  orphans: true,
});

/** The scheduler's step: committed batches rolled forward, stale ones rolled back. */
export const settleExpertImports: Job = async (deps: Deps, opts) => ({ expertImports: await expertStaging.settle(deps.db, deps.now(), Math.min(15_000, opts.budgetMs)) });
