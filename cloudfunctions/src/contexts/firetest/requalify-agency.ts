import { judgeAgency, reasonsText, shanghaiDay } from '@cityloop/shared/fire-testing/fire-gates';
import type { Deps } from '../../platform/deps';
import type { FireCtx } from './fire-messages';
import { runCommand } from '../../platform/command/run-command';
import { asRegistryPerson, FIRE_AGENCIES, type FireAgency } from './firetest.collections';
import { agencyPeople, agencyRepository, findAgency } from './registry.repository';
import { agencyStaff, fireMessages, regulatorsOf, touch } from './fire-messages';

/**
 * Decides the agency's qualification again from the registry (the exact contract, agencyQualification) after a
 * change — an engineer left, a certificate lapsed, the conditions changed. Losing it suspends new work the same
 * day and tells the agency and the regulator; regaining it tells them too. No change, no write.
 */
export async function requalifyAgency(deps: Deps, agencyId: string, why: string, ctx: FireCtx): Promise<FireAgency> {
  const agency = (await findAgency(deps.db, agencyId))!;
  const result = judgeAgency(agency._id, agency.practice, (await agencyPeople(deps.db, agencyId)).map(asRegistryPerson), shanghaiDay(deps.now()));
  const before = agency.qualification;
  if (before.qualified === result.qualified && before.reasons.join() === result.reasons.join()) return agency;
  const lost = before.qualified && !result.qualified;
  const regained = !before.qualified && result.qualified;
  touch(ctx, FIRE_AGENCIES, agencyId);
  return runCommand(deps, {
    repo: agencyRepository,
    id: agencyId,
    loaded: agency,
    eventAction: lost ? 'agency.suspend' : regained ? 'agency.reinstate' : 'agency.requalify',
    actor: null,
    version: 'none',
    notFoundMessage: '机构不存在',
    staleMessage: '机构信息已更新，请重试',
    ctx,
    authorize: () => 'system',
    apply: async ({ at, eventId }) => {
      const to = [...(await agencyStaff(deps.db, agencyId)), ...(await regulatorsOf(deps.db, agency.scope))];
      const messages = lost
        ? fireMessages(eventId, to, at, { subject: agency.name, title: '机构暂停承接新业务', body: `${why}。现${reasonsText(result.reasons)}，不符合从业条件，自今日起不能承接新的检测项目`, page: `packages/fire/pages/agency/index?id=${agencyId}` })
        : regained
          ? fireMessages(eventId, to, at, { subject: agency.name, title: '机构恢复承接业务', body: `${why}。现已符合从业条件，可以承接新的检测项目`, page: `packages/fire/pages/agency/index?id=${agencyId}` })
          : [];
      return { set: { qualification: { ...result, decidedAt: at } }, messages, event: { reason: why, data: { reasons: result.reasons } } };
    },
  });
}
