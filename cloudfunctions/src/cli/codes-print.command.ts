import { localDatabaseEnv, noDatabaseHint } from './local-system';
import { createWriteStream, renameSync, statSync, unlinkSync } from 'node:fs';
import { resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { isDomainError } from '@cityloop/shared/errors';
import { loadConfig } from '../platform/config';
import { signCodeUrl } from '../platform/codes/signed-code';
import type { LabelFacility } from '../contexts/facilities/code-labels.pdf';
import { parsePrintArgs, type PrintSelection } from './print-options';

/** The process edges `codes print` needs (a subset of main.ts CliIo). */
export type PrintIo = { stdout: (text: string) => void; stderr: (text: string) => void };

export const CODES_PRINT_USAGE = `  codes print [--town X] [--grid Y] [--class 0101] [--ids a,b] [--out labels.pdf]
              [--hotline 12319] [--base-url URL] [--ecc M|Q] [--border]
                               A4 sheets of city service code labels (21 per page) for the
                               facilities in the database (MONGODB_URI, MONGODB_DB; signed with
                               CODE_SECRET, URLs under CODE_BASE_URL unless --base-url)
`;

/** `\r[#####     ] 5120/10254` */
export function progressBar(done: number, total: number, width = 30): string {
  const filled = total > 0 ? Math.min(width, Math.round((done / total) * width)) : width;
  return `\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`;
}

type Parsed = PrintSelection & { classCode?: string; border: boolean };

function parse(args: string[]): Parsed | string {
  const r = parsePrintArgs(args, 'labels.pdf', { class: { type: 'string' }, border: { type: 'boolean', default: false } });
  if (typeof r === 'string') return r;
  const classCode = r.values.class as string | undefined;
  if (classCode !== undefined && !/^\d{4}$/.test(classCode)) return '--class 应为 4 位小类编码，例如 0101';
  return { ...r.selection, classCode, border: !!r.values.border };
}

/**
 * `cityloop codes print`: reads the visible facilities matching the filters (sorted by town, grid, 部件
 * 标识码), streams the label PDF to `--out` (written as `<out>.part`, renamed when complete) with a
 * progress bar on stderr. Exit 0 written, 2 usage error or nothing matched, 1 database or font failure.
 */
export async function runCodesPrint(args: string[], io: PrintIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const p = parse(args);
  if (typeof p === 'string') {
    io.stderr(`cityloop codes print: ${p}\n\nusage:\n${CODES_PRINT_USAGE}`);
    return 2;
  }
  const config = loadConfig(localDatabaseEnv(env));
  const baseUrl = p.baseUrl ?? config.codeBaseUrl;
  if (!env.CODE_SECRET) io.stderr('注意：未设置 CODE_SECRET，标签用开发环境密钥签名，生产环境扫码会被判为伪造。\n');
  if (!p.baseUrl && !env.CODE_BASE_URL) io.stderr(`注意：未设置 CODE_BASE_URL，二维码指向默认地址 ${baseUrl}。\n`);

  // Loaded here, not at the top: `cityloop pit solve` should not pay for pdfkit and the driver.
  const [{ withDatabase }, { facilitiesToPrint }, { LABELS_PER_PAGE, renderLabels }] = await Promise.all([
    import('../platform/db/connect'),
    import('../contexts/facilities/public'),
    import('../contexts/facilities/code-labels.pdf'),
  ]);
  const out = resolve(p.out);
  const part = `${out}.part`;
  const t0 = performance.now();
  try {
    return await withDatabase(config.mongodbUri, config.dbName, async (db) => {
      const { total, rows: selected } = await facilitiesToPrint(db, { townId: p.town, gridId: p.grid, classCode: p.classCode, ids: p.ids });
      if (total === 0) {
        io.stderr('没有符合条件的设施，未生成文件。\n');
        return 2;
      }
      if (p.ids && total < new Set(p.ids).size) io.stderr(`注意：--ids 中有 ${new Set(p.ids).size - total} 个设施不存在或尚未生效，已跳过。\n`);
      async function* rows(): AsyncGenerator<LabelFacility> {
        for await (const f of selected) yield { id: f._id, name: f.name, componentId: f.componentId };
      }
      let last = 0;
      const onProgress = (done: number, n: number) => {
        const now = performance.now();
        if (done < n && now - last < 100) return; // redraw at most 10 times a second
        last = now;
        io.stderr(progressBar(done, n));
      };
      await pipeline(renderLabels(rows(), { codeUrl: (id) => signCodeUrl(config.codeSecret, baseUrl, id), hotline: p.hotline, ecc: p.ecc, border: p.border, total }, onProgress), createWriteStream(part));
      renameSync(part, out);
      const mb = statSync(out).size / 1e6;
      io.stderr('\n');
      io.stdout(`已生成 ${out}：${total} 个标签，${Math.ceil(total / LABELS_PER_PAGE)} 页，${mb.toFixed(1)} MB，用时 ${((performance.now() - t0) / 1000).toFixed(1)} 秒\n`);
      return 0;
    });
  } catch (e) {
    try {
      unlinkSync(part);
    } catch {
      // nothing written yet
    }
    io.stderr(`\ncityloop codes print: ${isDomainError(e) ? e.message : `失败：${noDatabaseHint(e as Error, env)}`}\n`);
    return 1;
  }
}
