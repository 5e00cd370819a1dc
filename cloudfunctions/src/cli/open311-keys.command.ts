import { localDatabaseEnv, noDatabaseHint } from './local-system';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '../platform/config';
import type { PrintIo } from './codes-print.command';

export const OPEN311_KEYS_USAGE = `  open311 key create --name 12345热线 --city dongguan
  open311 key list [--city dongguan]
  open311 key disable <key-id>
                               Open311 partner keys (api_key for POST requests.json): create prints the key
                               once (only its SHA-256 is stored) and files the partner's reports under its own
                               account; list shows ids, names and state; disable stops a key at once
`;

/** `cityloop open311 key …`: manages partner keys in the database (MONGODB_URI, MONGODB_DB). */
export async function runOpen311Keys(args: string[], io: PrintIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [sub, ...rest] = args;
  let v: { name?: string; city?: string };
  let positionals: string[];
  try {
    const r = parseArgs({ args: rest, strict: true, allowPositionals: true, options: { name: { type: 'string' }, city: { type: 'string' } } });
    v = r.values;
    positionals = r.positionals;
  } catch (e) {
    io.stderr(`cityloop open311 key: ${(e as Error).message}\n\nusage:\n${OPEN311_KEYS_USAGE}`);
    return 2;
  }
  const usage = (why: string) => (io.stderr(`cityloop open311 key: ${why}\n\nusage:\n${OPEN311_KEYS_USAGE}`), 2);
  if (sub === 'create' && (!v.name?.trim() || !v.city?.trim())) return usage('create 需要 --name 和 --city');
  if (sub === 'disable' && positionals.length !== 1) return usage('disable 需要一个 key-id（见 list）');
  if (!['create', 'list', 'disable'].includes(sub ?? '')) return usage(`未知子命令 '${sub ?? ''}'`);

  const config = loadConfig(localDatabaseEnv(env));
  const [{ withDatabase }, { disableKey, insertKey, keyNames, listKeys, open311KeyId }, { insertUser }] = await Promise.all([import('../platform/db/connect'), import('../contexts/open311/public'), import('../platform/auth/users.repository')]);
  try {
    return await withDatabase(config.mongodbUri, config.dbName, async (db) => {
      if (sub === 'create') {
        const key = `o311_${randomBytes(24).toString('base64url')}`;
        const id = open311KeyId(key);
        const userId = `u_open311_${id.slice(0, 12)}`;
        const now = new Date();
        await insertUser(db, { _id: userId, name: `Open311：${v.name!.trim()}`, roles: [], roleKeys: [], createdAt: now, version: 1 });
        await insertKey(db, { _id: id, name: v.name!.trim(), cityId: v.city!.trim(), userId, enabled: true, createdAt: now });
        io.stdout(`已创建 Open311 接入密钥（只显示这一次，请妥善保存）：\n${key}\nkey-id ${id.slice(0, 16)}  上报账号 ${userId}\n`);
        return 0;
      }
      if (sub === 'list') {
        const rows = await listKeys(db, v.city);
        if (!rows.length) io.stdout('（没有 Open311 接入密钥）\n');
        for (const k of rows) io.stdout(`${k._id.slice(0, 16)}  ${k.enabled ? '启用' : '停用'}  ${k.cityId}  ${k.name}\n`);
        return 0;
      }
      const prefix = positionals[0];
      const matches = (await keyNames(db)).filter((k) => k._id.startsWith(prefix));
      if (matches.length !== 1) return usage(matches.length ? `key-id '${prefix}' 不唯一，请多给几位` : `没有 key-id 为 '${prefix}' 的密钥`);
      await disableKey(db, matches[0]._id);
      io.stdout(`已停用：${matches[0].name}\n`);
      return 0;
    });
  } catch (e) {
    io.stderr(`cityloop open311 key: 失败：${noDatabaseHint(e as Error, env)}\n`);
    return 1;
  }
}
