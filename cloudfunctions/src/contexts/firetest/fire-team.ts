import { notFound } from '@cityloop/shared/errors';
import type { FireProjectActor } from '@cityloop/shared/fire-testing/fire-project.machine';
import { SITE_ROLES } from '@cityloop/shared/fire-testing/fire.limits';
import type { FireProject, TeamMember } from './firetest.collections';

/** The actor's place in the project's team, for the project's state machine, or 404 for someone outside it. */
export function teamRole(p: FireProject, userId: string): { by: FireProjectActor; member: TeamMember } {
  if (p.team.projectLead.userId === userId) return { by: 'projectLead', member: p.team.projectLead };
  if (p.team.techLead.userId === userId) return { by: 'techLead', member: p.team.techLead };
  const op = p.team.operators.find((o) => o.userId === userId);
  if (op) return { by: 'operator', member: op };
  throw notFound('您不在该检测项目的人员名单中', 'not_on_team');
}

/** What a person is at the test site (the check-in's role), or null. */
export function siteRoleOf(p: FireProject, userId: string): string | null {
  if (p.team.projectLead.userId === userId) return SITE_ROLES.projectLead;
  if (p.team.techLead.userId === userId) return SITE_ROLES.techLead;
  return p.team.operators.some((o) => o.userId === userId) ? SITE_ROLES.operator : null;
}

export const allMembers = (p: FireProject): TeamMember[] => [p.team.projectLead, p.team.techLead, ...p.team.operators];
