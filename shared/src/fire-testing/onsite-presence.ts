import * as z from 'zod';
import { parseRules } from '../rules/rules-request';

const flag = z.boolean();

export const onsitePresenceRequestSchema = z.object({
  checkins: z.array(z.object({ role: z.string(), inGeofence: flag, faceMatch: flag })),
});

export type PresenceViolation = 'project_lead_not_on_site' | 'operator_not_on_site';
export type OnsitePresenceResult = { compliant: boolean; violations: PresenceViolation[] };

/** The roles 应急管理部令第7号 art. 18(三) requires on site. */
export const PROJECT_LEAD = '项目负责人';
export const OPERATOR = '消防设施操作员';

/**
 * Were the project lead and an operator really on site (应急管理部令第7号 art. 18(三); docs/domain/fire-testing.md
 * §2)? A check-in counts only inside the site's geofence with a matching face; each check-in states both facts.
 *
 * @example
 *   onsitePresence({ checkins: [{ role: '项目负责人', inGeofence: true, faceMatch: true }] })
 *   // { compliant: false, violations: ['operator_not_on_site'] }
 */
export function onsitePresence(input: unknown): OnsitePresenceResult {
  const req = parseRules(onsitePresenceRequestSchema, input);
  const present = (role: string) => req.checkins.some((c) => c.role === role && c.inGeofence && c.faceMatch);
  const violations: PresenceViolation[] = [];
  if (!present(PROJECT_LEAD)) violations.push('project_lead_not_on_site');
  if (!present(OPERATOR)) violations.push('operator_not_on_site');
  return { compliant: violations.length === 0, violations };
}
