import { forbidden, invalid, notFound } from '@cityloop/shared/errors';
import { can } from '@cityloop/shared/policy/can';
import type { Actor, RoleBinding } from '@cityloop/shared/identity/roles';
import type { PatrollerInvitationResult } from '@cityloop/shared/city/patrol.contract';
import type { z } from 'zod';
import type { patrollerInvitationRequest } from '@cityloop/shared/city/patrol.contract';
import type { Deps } from '../../platform/deps';
import { cityOfTown, findRegion } from '../cases/public';
import { issueInvitation } from '../identity/public';

/** How long the texted code may be redeemed (never past the end of the patroller's access). */
const CODE_DAYS = 7;
/** The furthest end an area chief may give a third-party patroller. */
const MAX_DAYS = 366;

/**
 * An area chief brings a (third-party) patroller into some of their own grids until a date: the patroller binding
 * (those grids only, ending at the end of that day, Beijing time) is held by the person's contact account at once,
 * and the code is texted to their phone through the invitation machinery.
 */
export async function invitePatroller(deps: Deps, actor: NonNullable<Actor>, b: z.output<typeof patrollerInvitationRequest>, ctx: { requestId?: string; ip?: string }): Promise<PatrollerInvitationResult> {
  const { db, now } = deps;
  const gridIds = [...new Set(b.gridIds)];
  const grids = await Promise.all(gridIds.map((id) => findRegion(db, id, 'grid')));
  const missing = gridIds.filter((_, i) => !grids[i]);
  if (missing.length) throw notFound(`网格不存在：${missing.join('、')}`, 'grid_not_found');
  const cities = await Promise.all(grids.map((g) => cityOfTown(db, g!.parentId as string)));
  const notMine = gridIds.filter((gridId, i) => !cities[i] || !can(actor, 'patrol.invite', { kind: 'patrol', scope: { cityId: cities[i]!, townId: grids[i]!.parentId as string, gridId } }).allow);
  if (notMine.length) throw forbidden(`只能邀请巡查员到您负责的网格（${notMine.join('、')} 不是您的网格）`, 'grid_not_yours');
  // one binding holds one town: grids of two towns are two invitations
  if (new Set(grids.map((g) => g!.parentId)).size > 1) throw invalid('一次邀请的网格须属于同一镇街', 'grids_across_towns');
  const townId = grids[0]!.parentId as string;
  const cityId = cities[0]!;
  const t = now();
  // the end of the chosen day in Beijing (UTC+8)
  const until = new Date(Date.parse(`${b.until}T00:00:00+08:00`) + 86_400_000);
  if (until.getTime() <= t.getTime() || until.getTime() - t.getTime() > MAX_DAYS * 86_400_000) throw invalid(`有效期须在今天或之后，且不超过 ${MAX_DAYS} 天`, 'until_out_of_range');
  const binding: RoleBinding = { role: 'patroller', cityId, townId, gridIds, until: until.toISOString() };
  const expiresAt = new Date(Math.min(t.getTime() + CODE_DAYS * 86_400_000, until.getTime()));
  const note = `片长邀请的巡查员${b.company ? `（${b.company}）` : ''}，有效期至 ${b.until}`;
  const inv = await issueInvitation(deps, actor.userId, { name: b.name, phone: b.phone, binding, note, expiresAt }, ctx);
  return { code: inv._id, contactId: inv.contactId, gridIds, until: binding.until!, expiresAt: expiresAt.toISOString() };
}
