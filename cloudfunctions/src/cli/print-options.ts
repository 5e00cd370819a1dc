import { parseArgs, type ParseArgsConfig } from 'node:util';

/** What every print command (`codes print`, `plaques print`) selects and signs with. */
export type PrintSelection = { town?: string; grid?: string; ids?: string[]; out: string; hotline: string; baseUrl?: string; ecc: 'M' | 'Q' };

/**
 * Parses the options the print commands share (--town --grid --ids --out --hotline --base-url --ecc) plus
 * the command's own; returns a usage error in Chinese, or the selection and the command's raw values.
 */
export function parsePrintArgs<O extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  defaultOut: string,
  own: O,
): { selection: PrintSelection; values: Record<string, string | boolean | undefined> } | string {
  let v: Record<string, string | boolean | undefined>;
  try {
    v = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        town: { type: 'string' },
        grid: { type: 'string' },
        ids: { type: 'string' },
        out: { type: 'string', default: defaultOut },
        hotline: { type: 'string', default: '12319' },
        'base-url': { type: 'string' },
        ecc: { type: 'string', default: 'Q' },
        ...own,
      },
    }).values as Record<string, string | boolean | undefined>;
  } catch (e) {
    return (e as Error).message;
  }
  const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
  const ecc = str('ecc');
  if (ecc !== 'M' && ecc !== 'Q') return '--ecc 只能是 M 或 Q';
  const hotline = str('hotline')!;
  if (!/^[0-9-]{3,20}$/.test(hotline)) return '--hotline 应为电话号码，例如 12319';
  const baseUrl = str('base-url');
  if (baseUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(baseUrl)) return '--base-url 应为 http(s) 地址，例如 https://code.example.cn';
  const rawIds = str('ids');
  const ids = rawIds?.split(',').map((s) => s.trim()).filter(Boolean);
  if (rawIds !== undefined && !ids?.length) return '--ids 为空';
  return { selection: { town: str('town'), grid: str('grid'), ids, out: str('out')!, hotline, baseUrl, ecc }, values: v };
}
