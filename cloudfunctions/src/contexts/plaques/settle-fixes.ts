import type { Deps } from '../../platform/deps';
import { runCommand } from '../../platform/command/run-command';
import { deliverNow } from '../../platform/outbox/deliver-now';
import { PLAQUE_COMPLAINTS, type PlaqueComplaint } from './plaque.collections';
import { complaintRepository, listUnansweredFixes } from './complaint.repository';
import { complaintMessages } from './complaint-messages';
import { complaintStep } from './escalate-complaint';
import { findShop } from './shop.repository';
import { rescoreShop } from './shop-score';
import { cityScoreRules } from './score-rules.repository';

/** No city may settle sooner than this (the score rules' lower bound): the query's horizon. */
const MIN_SETTLE_HOURS = 24;

/**
 * A fix the complainant has not answered within the city's `settleAfterHours` (72 h by default) settles as
 * confirmed: the complaint counts (half, if fixed in time), and both the complainant and the shop owner are told
 * why. Idempotent: a settled complaint is no longer `fixed`; a concurrent answer wins (conflict, skipped).
 */
export async function settleUnansweredFixes(deps: Deps): Promise<{ settled: number }> {
  const t = deps.now();
  const candidates = await listUnansweredFixes(deps.db, new Date(t.getTime() - MIN_SETTLE_HOURS * 3600_000));
  const hoursOf = new Map<string, number>();
  const touched: { collection: string; id: string }[] = [];
  for (const c of candidates) {
    const city = c.scope.cityId;
    if (!hoursOf.has(city)) hoursOf.set(city, (await cityScoreRules(deps.db, city)).settleAfterHours);
    const hours = hoursOf.get(city)!;
    if (!c.fix || t.getTime() - c.fix.at.getTime() < hours * 3600_000) continue;
    try {
      await settle(deps, c, hours);
      touched.push({ collection: PLAQUE_COMPLAINTS, id: c._id });
    } catch (e) {
      if ((e as { code?: string }).code !== 'conflict' && (e as { code?: string }).code !== 'invalid_transition') throw e;
    }
  }
  await deliverNow(deps, touched, { log: deps.log, budgetMs: 10_000 });
  return { settled: touched.length };
}

function settle(deps: Deps, c: PlaqueComplaint, hours: number) {
  return runCommand(deps, {
    repo: complaintRepository,
    id: c._id,
    loaded: c,
    eventAction: 'complaint.settle',
    action: 'settle',
    actor: null,
    version: 'none',
    notFoundMessage: '投诉不存在',
    staleMessage: '投诉已更新',
    ctx: {},
    authorize: () => 'system' as const,
    step: complaintStep({}),
    apply: async ({ at, eventId }) => {
      const shop = await findShop(deps.db, c.shopId);
      const why = `投诉人 ${hours} 小时内未答复整改结果，系统视为确认整改`;
      const messages = [
        ...complaintMessages(eventId, c, [c.complainantId], '整改已视为确认', `${c.shopName} 的整改您 ${hours} 小时内未答复，系统已视为确认。如仍有问题可重新投诉`, at, false, 'packages/plaque/pages/complaint/index'),
        ...(shop ? complaintMessages(eventId, c, [shop.owner.userId], '整改已视为确认', `投诉人 ${hours} 小时内未答复，您的整改已视为确认${c.fix?.inTime ? '（按期整改，减半扣分）' : ''}`, at, false, 'packages/shop/pages/complaint/index') : []),
      ];
      return { set: { verified: true, settledBy: 'timeout', updatedAt: at }, messages, event: { reason: why } };
    },
    after: async (x) => {
      const shop = await findShop(deps.db, x.shopId);
      if (shop) await rescoreShop(deps, shop);
    },
  });
}
