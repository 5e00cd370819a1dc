import { invalid } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import type { PartiesBody } from '@cityloop/shared/pit/onboard.contract';
import { PARTY_ROLE_KEYS, PARTY_ROLE_LABELS } from '@cityloop/shared/pit/onboard.limits';
import type { Deps } from '../../platform/deps';
import { ensureContact, grantRoleOnce, revokeProjectRole } from '../../platform/auth/users.repository';
import type { Party, PartyRole, PitProject } from './pit.collections';
import { setupCommand } from './setup-project';

type Ctx = { requestId?: string; ip?: string };

/**
 * 参建单位: each party's organisation and people. A person added by name and phone becomes a contact account
 * (`ensureContact`: the account with that phone, or a new one without WeChat) and is bound to the project in the
 * party's role, so alarms and SMS reach them before they ever sign in; a person removed loses the binding. The
 * project keeps user ids only. A party left out of the request stays as it is.
 */
export async function setProjectParties(deps: Deps, actor: NonNullable<Actor>, id: string, body: PartiesBody, ctx: Ctx): Promise<PitProject> {
  const now = deps.now();
  let before: PitProject['parties'] = {};
  let after: PitProject['parties'] = {};
  const p = await setupCommand(deps, actor, id, body.version, ctx, {
    eventAction: 'pit.edit_parties',
    precheck: async (cur) => {
      before = cur.parties;
      after = { ...cur.parties };
      for (const role of PARTY_ROLE_KEYS) {
        const req = body.parties[role];
        if (!req) continue;
        const current = new Set((cur.parties[role]?.people ?? []).map((x) => x.userId));
        const unknown = (req.keep ?? []).filter((u) => !current.has(u));
        if (unknown.length) throw invalid(`${PARTY_ROLE_LABELS[role]}中有已不在本项目的人员，请刷新后重试`, 'unknown_party_person', { field: `parties.${role}.keep` });
        const people: Party['people'] = (req.keep ?? []).map((userId) => ({ userId }));
        for (const person of req.add ?? []) {
          const userId = await ensureContact(deps.db, person, now);
          if (!people.some((x) => x.userId === userId)) people.push({ userId });
        }
        after[role] = { org: req.org, people };
      }
    },
    apply: () => ({ set: { parties: after }, event: { data: { from: before, to: after } } }),
  });
  // bindings follow the parties: removed people first, then the ones added (one role per person and project)
  for (const role of PARTY_ROLE_KEYS as readonly PartyRole[]) {
    const was = new Set((before[role]?.people ?? []).map((x) => x.userId));
    const is = new Set((after[role]?.people ?? []).map((x) => x.userId));
    for (const u of was) if (!is.has(u)) await revokeProjectRole(deps.db, u, role, id);
  }
  for (const role of PARTY_ROLE_KEYS as readonly PartyRole[]) {
    for (const { userId } of after[role]?.people ?? []) {
      await grantRoleOnce(deps.db, userId, `project:${id}`, { role, cityId: p.scope.cityId, projectIds: [id] });
    }
  }
  return p;
}
