import { createHmac } from 'node:crypto';
import type { Db } from 'mongodb';
import { countReportSeries } from './project.repository';

/**
 * The printed check code under a report's number: 8 characters of HMAC-SHA256 of the number. Whoever types a
 * paper report's number and code into the public check sees the registry's record; an altered number does not check.
 * @example reportCheckCode(secret, 'ZSXJ-2026-0001') // 'K7QW2M9D'
 */
export function reportCheckCode(secret: string, number: string): string {
  const A = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  const h = createHmac('sha256', secret).update(`fire-report:${number}`).digest();
  let s = '';
  for (let i = 0; i < 8; i++) s += A[h[i] % A.length];
  return s;
}

/** The next base number of the city's series for the year (`ZSXJ-2026-0007`); the unique index settles a race. */
export async function nextBaseNumber(db: Db, cityId: string, year: string): Promise<string> {
  const prefix = `${cityId.slice(0, 2).toUpperCase()}XJ-${year}-`;
  const n = (await countReportSeries(db, prefix)) + 1;
  return `${prefix}${String(n).padStart(4, '0')}`;
}
