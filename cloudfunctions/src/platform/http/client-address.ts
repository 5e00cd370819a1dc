import type { TrustedRequestFacts } from './scf-adapter';

/**
 * The caller's address as far as we can trust it. API Gateway's `requestContext.sourceIp` is the platform's own
 * word. Otherwise each trusted proxy in front of us (the SCF Function URL front end, the local gateway) appends
 * the peer it saw to `X-Forwarded-For`; anything to the left of those entries was written by the client and is
 * ignored. `hops` = how many trusted proxies append (config `TRUSTED_PROXY_HOPS`).
 * @example clientAddress({}, '6.6.6.6, 113.108.1.2', 1) // '113.108.1.2' (the forged first entry is ignored)
 */
export function clientAddress(trusted: TrustedRequestFacts | undefined, forwardedFor: string | undefined, hops: number): string {
  if (trusted?.sourceIp) return trusted.sourceIp;
  if (hops < 1 || !forwardedFor) return '';
  const entries = forwardedFor.split(',').map((s) => s.trim()).filter(Boolean);
  const ip = entries[entries.length - hops] ?? '';
  return /^[0-9a-fA-F:.]{2,45}$/.test(ip) ? ip : '';
}
