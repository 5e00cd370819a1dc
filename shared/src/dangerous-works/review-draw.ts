import { createHash } from 'node:crypto';

/**
 * The commit–reveal expert draw (docs/domain/dangerous-works.md §5). Before drawing, the platform publishes
 * `commitment = sha256(seed)` on the review; the draw order is then fixed by the seed and the review id; after
 * the meeting the seed is revealed, so anyone holding the record can recompute both and compare. Pure and
 * deterministic: no clock, no randomness.
 */
const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** A seed is 32 random bytes as 64 lower-case hex characters. */
export const SEED_HEX = /^[0-9a-f]{64}$/;

/**
 * The commitment published before the draw: the SHA-256 (hex) of the seed's hex text.
 * @example seedCommitment('00'.repeat(32)) // '60e0…' (64 hex chars)
 */
export function seedCommitment(seedHex: string): string {
  return sha256Hex(seedHex);
}

/**
 * Each eligible expert's draw key: `sha256(seed + ":" + reviewId + ":" + expertId)`; the draw order sorts the
 * keys ascending (ties, impossible in practice, by id). The order depends on neither the order the library
 * listed the experts in nor on experts added later (each key is independent of the others).
 * @example drawOrder('ab'.repeat(32), 'rv_1', ['ex_b', 'ex_a']) // the same two ids, in key order
 */
export function drawOrder(seedHex: string, reviewId: string, eligible: readonly string[]): string[] {
  const keyed = [...new Set(eligible)].map((id) => ({ id, key: sha256Hex(`${seedHex}:${reviewId}:${id}`) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : 1));
  return keyed.map((k) => k.id);
}

/** What a replay needs: the published record of a draw. */
export type DrawRecord = { reviewId: string; commitment: string; seed: string | null; eligible: readonly string[]; order: readonly string[] };
export type ReplayResult =
  | { ok: true; order: string[]; matches: boolean }
  | { ok: false; reason: 'seed_not_revealed' | 'seed_malformed' | 'seed_does_not_match_commitment'; message: string };

/**
 * Replays a draw: the revealed seed must hash to the published commitment (a tampered seed is refused), then
 * the order is recomputed from seed + review id over the recorded eligible set and compared with the record.
 * @example replayDraw({ reviewId: 'rv_1', commitment: seedCommitment(s), seed: s, eligible, order }) // { ok: true, matches: true, order }
 */
export function replayDraw(r: DrawRecord): ReplayResult {
  if (!r.seed) return { ok: false, reason: 'seed_not_revealed', message: '随机种子尚未公开（评审会结束后公开），暂不能复核' };
  if (!SEED_HEX.test(r.seed)) return { ok: false, reason: 'seed_malformed', message: '随机种子格式不正确（应为 64 位十六进制）' };
  if (seedCommitment(r.seed) !== r.commitment) return { ok: false, reason: 'seed_does_not_match_commitment', message: '随机种子与抽取前公布的承诺值不符：种子被篡改，抽取结果不可信' };
  const order = drawOrder(r.seed, r.reviewId, r.eligible);
  return { ok: true, order, matches: order.length === r.order.length && order.every((id, i) => id === r.order[i]) };
}
