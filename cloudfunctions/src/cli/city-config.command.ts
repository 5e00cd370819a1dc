import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config';
import type { Deps } from '../platform/deps';
import type { PrintIo } from './codes-print.command';

export const CALENDAR_IMPORT_USAGE = `  calendar import --city dongguan --year 2026 <file.csv> [--dry-run]
                               imports a city's working calendar for one year (lines date,kind,name; kind
                               holiday or workday), replacing that year's days; every error is listed by line
                               and nothing is written unless the whole file is valid
`;
export const CLASSES_IMPORT_USAGE = `  classes import --city dongguan <classes.csv> [--dry-run]
                               imports a city's class table (GB/T 30428 大类/小类 with the SLA of each step,
                               columns in docs/domain/city.md §1.6), all-or-nothing, as a new version
`;

/** `cityloop calendar import …` and `cityloop classes import …`: the same imports as the admin pages, as the system. */
export async function runCityConfigImport(what: 'calendar' | 'classes', args: string[], io: PrintIo & { readFile: (p: string) => Promise<string> }, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const usageText = what === 'calendar' ? CALENDAR_IMPORT_USAGE : CLASSES_IMPORT_USAGE;
  const usage = (why: string) => (io.stderr(`cityloop ${what} import: ${why}\n\nusage:\n${usageText}`), 2);
  const [sub, ...rest] = args;
  if (sub !== 'import') return usage(`未知子命令 '${sub ?? ''}'`);
  let v: { city?: string; year?: string; 'dry-run'?: boolean };
  let files: string[];
  try {
    const r = parseArgs({ args: rest, strict: true, allowPositionals: true, options: { city: { type: 'string' }, year: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
    v = r.values;
    files = r.positionals;
  } catch (e) {
    return usage((e as Error).message);
  }
  if (!v.city?.trim()) return usage('需要 --city');
  if (what === 'calendar' && !/^\d{4}$/.test(v.year ?? '')) return usage('需要 --year（四位年份）');
  if (files.length !== 1) return usage('需要一个文件');
  let text: string;
  try {
    text = await io.readFile(files[0]!);
  } catch (e) {
    io.stderr(`cityloop ${what} import: 无法读取文件 '${files[0]}'：${(e as Error).message}\n`);
    return 2;
  }
  const config = loadConfig(env);
  const [{ withDatabase }, { importCalendar, importClassTable }] = await Promise.all([import('../platform/db/connect'), import('../contexts/cityconfig/public')]);
  try {
    return await withDatabase(config.mongodbUri, config.dbName, async (db) => {
      const deps = { db, now: () => new Date(), config } as unknown as Deps;
      const by = { userId: null, role: 'system' };
      const opts = { dryRun: !!v['dry-run'] };
      const r = what === 'calendar' ? await importCalendar(deps, by, v.city!.trim(), Number(v.year), text, opts) : await importClassTable(deps, by, v.city!.trim(), text, opts);
      for (const e of r.errors) io.stderr(`第 ${e.line} 行：${e.message}\n`);
      if (!r.ok) return 1;
      io.stdout(`${opts.dryRun ? '检查通过（未写入）' : `已导入，版本 ${r.version}`}：${JSON.stringify(r.counts)}\n`);
      return 0;
    });
  } catch (e) {
    const data = (e as { data?: { errors?: { line: number; message: string }[] } }).data;
    for (const x of data?.errors ?? []) io.stderr(`第 ${x.line} 行：${x.message}\n`);
    io.stderr(`cityloop ${what} import: 失败：${(e as Error).message}\n`);
    return 1;
  }
}
