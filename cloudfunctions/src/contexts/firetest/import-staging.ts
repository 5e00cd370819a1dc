import { invalid } from '@cityloop/shared/errors';
import type { AgencyImportProblem } from '@cityloop/shared/fire-testing/agency-import';
import type { Deps } from '../../platform/deps';
import { stagedImport } from '../../platform/staged-import';
import { FIRE_AGENCIES, FIRE_AGENCY_IMPORTS, FIRE_INSTRUMENTS, FIRE_INSTRUMENT_IMPORTS, type FireAgency, type FireAgencyImport, type FireInstrument, type FireInstrumentImport } from './firetest.collections';

// The staged writes of the registry imports (import-agencies.ts, import-instruments.ts), apart from the sheet reading
// so the scheduler's settle job carries neither the parsers nor SheetJS.

/** The 400 that carries every problem; nothing has been written when it is thrown. */
export const importRejected = (problems: AgencyImportProblem[], what: '机构' | '仪器') =>
  invalid(`导入未执行：发现 ${problems.length} 处错误，没有写入任何${what}。请按错误清单修改文件后重新导入`, 'import_rejected', { problems: [...problems].sort((a, b) => a.row - b.row) });

/** The staged write of agency rows (commit record `fire_agency_imports`); settled by the firetest job. */
export const agencyStaging = stagedImport<FireAgency, FireAgencyImport>({
  label: 'fire agency import',
  records: FIRE_AGENCY_IMPORTS,
  rows: FIRE_AGENCIES,
  chunk: 200,
  activateChunk: 200,
  staleMs: 3600_000,
  maxBatches: 50,
  rejected: (p) => importRejected(p, '机构'),
  orphans: true,
});

/** The staged write of an agency's instrument rows (commit record `fire_instrument_imports`); settled by the firetest job. */
export const instrumentStaging = stagedImport<FireInstrument, FireInstrumentImport>({
  label: 'fire instrument import',
  records: FIRE_INSTRUMENT_IMPORTS,
  rows: FIRE_INSTRUMENTS,
  chunk: 200,
  activateChunk: 200,
  staleMs: 3600_000,
  maxBatches: 50,
  rejected: (p) => importRejected(p, '仪器'),
  orphans: true,
});

/** The job's step: committed batches rolled forward, stale ones rolled back (bounded by `budgetMs`). */
export const settleAgencyImports = (deps: Deps, budgetMs: number) => agencyStaging.settle(deps.db, deps.now(), budgetMs);

/** The job's step for instrument batches. */
export const settleInstrumentImports = (deps: Deps, budgetMs: number) => instrumentStaging.settle(deps.db, deps.now(), budgetMs);
