import { localDatabaseEnv, noDatabaseHint } from './local-system';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isDomainError } from '@cityloop/shared/errors';
import { loadConfig } from '../platform/config';
import { signCodeUrl } from '../platform/codes/signed-code';
import type { PrintIo } from './codes-print.command';
import { parsePrintArgs, type PrintSelection } from './print-options';

export const PLAQUES_PRINT_USAGE = `  plaques print [--town X] [--grid Y] [--ids pq_a,pq_b] [--out plaques.pdf]
                [--hotline 12319] [--base-url URL] [--ecc M|Q]
                               门前三包责任牌, one A5 landscape page per shop (name, duties, zone,
                               grade, QR of the signed plaque URL, hotline) for the shops in the
                               database (MONGODB_URI, MONGODB_DB; CODE_SECRET, CODE_BASE_URL)
`;

type Parsed = PrintSelection;

function parse(args: string[]): Parsed | string {
  const r = parsePrintArgs(args, 'plaques.pdf', {});
  return typeof r === 'string' ? r : r.selection;
}

/**
 * `cityloop plaques print`: the visible shops matching the filters (sorted by town, grid, name) as one PDF,
 * one plaque per page, written to `--out`. Exit 0 written, 2 usage error or nothing matched, 1 failure.
 */
export async function runPlaquesPrint(args: string[], io: PrintIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const p = parse(args);
  if (typeof p === 'string') {
    io.stderr(`cityloop plaques print: ${p}\n\nusage:\n${PLAQUES_PRINT_USAGE}`);
    return 2;
  }
  const config = loadConfig(localDatabaseEnv(env));
  const baseUrl = p.baseUrl ?? config.codeBaseUrl;
  if (!env.CODE_SECRET) io.stderr('注意：未设置 CODE_SECRET，责任牌用开发环境密钥签名，生产环境扫码会被判为伪造。\n');
  const [{ withDatabase }, { shopsToPrint }, { renderPlaquesToBuffer }] = await Promise.all([
    import('../platform/db/connect'),
    import('../contexts/plaques/public'),
    import('../contexts/plaques/plaque.pdf'),
  ]);
  try {
    return await withDatabase(config.mongodbUri, config.dbName, async (db) => {
      const shops = await shopsToPrint(db, { townId: p.town, gridId: p.grid, ids: p.ids });
      if (shops.length === 0) {
        io.stderr('没有符合条件的商户，未生成文件。\n');
        return 2;
      }
      if (p.ids && shops.length < new Set(p.ids).size) io.stderr(`注意：--ids 中有 ${new Set(p.ids).size - shops.length} 个责任牌不存在或尚未生效，已跳过。\n`);
      const pdf = await renderPlaquesToBuffer(
        shops.map((s) => ({ id: s._id, name: s.name, address: s.address, duties: s.duties, grade: s.grade, score: s.score, zone: s.zone })),
        { codeUrl: (id) => signCodeUrl(config.codeSecret, baseUrl, id), hotline: p.hotline, ecc: p.ecc },
      );
      const out = resolve(p.out);
      writeFileSync(out, pdf);
      io.stdout(`已生成 ${out}：${shops.length} 个责任牌，${shops.length} 页，${(pdf.length / 1e6).toFixed(1)} MB\n`);
      return 0;
    });
  } catch (e) {
    io.stderr(`cityloop plaques print: ${isDomainError(e) ? e.message : `失败：${noDatabaseHint(e as Error, env)}`}\n`);
    return 1;
  }
}
