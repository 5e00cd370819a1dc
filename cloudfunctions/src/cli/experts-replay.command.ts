import { localDatabaseEnv, noDatabaseHint } from './local-system';
import { replayDraw, type DrawRecord } from '@cityloop/shared/dangerous-works/review-draw';
import { loadConfig } from '../platform/config';
import type { CliIo } from './main';

export const EXPERTS_REPLAY_USAGE = `  experts replay <review-id> [--seed HEX] [--file draw.json]
                               replays a 危大工程 review's expert draw: the revealed seed must hash
                               to the commitment published before the draw, and sha256(seed:review:
                               expert) ordering of the recorded eligible experts must give the
                               recorded order (docs/domain/dangerous-works.md §5). Reads the review
                               from the database (MONGODB_URI, MONGODB_DB) or --file (the answer of
                               GET /api/reviews/<id>/draw); --seed checks another seed instead.
                               Exit 0 reproduced, 1 tampered or different, 2 usage / not found
`;

type Parsed = { id: string; seed?: string; file?: string };
function parse(args: string[]): Parsed | string {
  const out: Partial<Parsed> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--seed' || a === '--file') {
      const v = args[++i];
      if (!v) return `${a} needs a value`;
      out[a === '--seed' ? 'seed' : 'file'] = v;
    } else if (a.startsWith('--')) return `unknown option ${a}`;
    else if (out.id) return 'one review id only';
    else out.id = a;
  }
  return out.id ? (out as Parsed) : 'needs a review id';
}

/** The draw record of a review, from a file (the published JSON) or the database. */
async function recordOf(p: Parsed, io: CliIo, env: NodeJS.ProcessEnv): Promise<(DrawRecord & { invited: string[] }) | null> {
  if (p.file) {
    const j = JSON.parse(await io.readFile(p.file)) as { data?: unknown };
    const d = (j.data ?? j) as DrawRecord & { invited?: string[] };
    return { ...d, reviewId: d.reviewId ?? p.id, invited: d.invited ?? [] };
  }
  const config = loadConfig(localDatabaseEnv(env));
  const [{ withDatabase }, { findReview }] = await Promise.all([import('../platform/db/connect'), import('../contexts/schemereview/public')]);
  return withDatabase(config.mongodbUri, config.dbName, async (db) => {
    const r = await findReview(db, p.id);
    return r ? { reviewId: r._id, commitment: r.draw.commitment, seed: r.draw.seed, eligible: r.draw.eligible, order: r.draw.order, invited: r.invitations.map((i) => i.expertId) } : null;
  });
}

/**
 * `cityloop experts replay <review-id>`: recomputes the draw and says whether it reproduces; a seed that does not
 * match the published commitment is refused (exit 1), as is an order or an invitation list that differs.
 */
export async function runExpertsReplay(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const p = parse(args);
  if (typeof p === 'string') {
    io.stderr(`cityloop experts replay: ${p}\n\nusage:\n${EXPERTS_REPLAY_USAGE}`);
    return 2;
  }
  let rec: Awaited<ReturnType<typeof recordOf>>;
  try {
    rec = await recordOf(p, io, env);
  } catch (e) {
    io.stderr(`cityloop experts replay: ${p.file ? `cannot read ${p.file}: ${(e as Error).message}` : `失败：${noDatabaseHint(e as Error, env)}`}\n`);
    return 2;
  }
  if (!rec) {
    io.stderr(`论证 ${p.id} 不存在。\n`);
    return 2;
  }
  const r = replayDraw({ ...rec, seed: p.seed ?? rec.seed });
  if (!r.ok) {
    io.stdout(`${JSON.stringify({ reviewId: rec.reviewId, reproduced: false, reason: r.reason, message: r.message, commitment: rec.commitment })}\n`);
    return 1;
  }
  // invitations go down the order: every invited expert must be a prefix-contiguous run of it
  const invitedInOrder = rec.invited.every((id, i) => r.order[i] === id);
  const reproduced = r.matches && invitedInOrder;
  io.stdout(`${JSON.stringify({ reviewId: rec.reviewId, reproduced, commitment: rec.commitment, seed: p.seed ?? rec.seed, order: r.order, invited: rec.invited, ...(reproduced ? {} : { reason: r.matches ? 'invitations_out_of_order' : 'order_differs' }) })}\n`);
  return reproduced ? 0 : 1;
}
