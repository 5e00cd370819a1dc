import * as z from 'zod';
import { parseRules, rulesError } from '../rules/rules-request';

const name = z.string().trim().min(1);

export const expertDrawRequestSchema = z.object({
  requiredSpecialty: name,
  projectParticipants: z.array(name),
  pool: z.array(
    z.object({
      id: name,
      specialties: z.array(z.string().trim()),
      employer: z.string().trim().nullish(),
      status: z.string(),
    }),
  ),
  minExperts: z.number().int().positive().nullish().transform((v) => v ?? 5),
  declaredConflicts: z.array(name).nullish().transform((v) => v ?? []),
  originalExperts: z.array(name).nullish(),
});

/** Why an expert may not sit, in the order they are checked (the first one found is reported). */
export type ExclusionReason = 'not_active' | 'specialty_mismatch' | 'employer_is_project_participant' | 'declared_conflict';
export type ExpertDrawResult = {
  eligible: string[];
  excluded: Record<string, ExclusionReason>;
  canConvene: boolean;
  invite?: string[];
  notInvited?: Record<string, ExclusionReason | 'not_in_library'>;
  needSupplementaryDraw?: boolean;
  supplementaryCount?: number;
};

/**
 * Who may sit on an expert review (住建部令第37号 art. 12, 31号文; docs/domain/dangerous-works.md §3): active,
 * of the required specialty, not employed by a project participant (回避), no declared conflict. With
 * `originalExperts` (re-inviting the original reviewers when a pit alarms): those still eligible, the
 * others with their reason, and how many a supplementary draw must add. The random draw among `eligible`
 * is the product's (seeded and replayable); this function only decides the set.
 *
 * @example
 *   expertDraw({ requiredSpecialty: '岩土', projectParticipants: ['甲建设'], minExperts: 1,
 *     pool: [{ id: 'e1', specialties: ['岩土'], employer: '甲建设', status: 'active' }, { id: 'e2', specialties: ['岩土'], employer: '大学', status: 'active' }] })
 *   // { eligible: ['e2'], excluded: { e1: 'employer_is_project_participant' }, canConvene: true }
 */
export function expertDraw(input: unknown): ExpertDrawResult {
  const req = parseRules(expertDrawRequestSchema, input);
  const participants = new Set(req.projectParticipants);
  const conflicts = new Set(req.declaredConflicts);
  const seen = new Set<string>();
  for (const [i, e] of req.pool.entries()) {
    if (seen.has(e.id)) throw rulesError(`pool[${i}].id`, `duplicate expert id ${JSON.stringify(e.id)}`);
    seen.add(e.id);
  }
  const reasonOf = (e: (typeof req.pool)[number]): ExclusionReason | undefined => {
    if (e.status !== 'active') return 'not_active';
    if (!e.specialties.includes(req.requiredSpecialty)) return 'specialty_mismatch';
    if (e.employer && participants.has(e.employer)) return 'employer_is_project_participant';
    if (conflicts.has(e.id)) return 'declared_conflict';
    return undefined;
  };
  const eligible: string[] = [];
  const excluded: Record<string, ExclusionReason> = {};
  const reasons = new Map<string, ExclusionReason | undefined>();
  for (const e of req.pool) {
    const r = reasonOf(e);
    reasons.set(e.id, r);
    if (r) excluded[e.id] = r;
    else eligible.push(e.id);
  }
  const out: ExpertDrawResult = { eligible, excluded, canConvene: eligible.length >= req.minExperts };
  if (req.originalExperts == null) return out;

  const invite: string[] = [];
  const notInvited: Record<string, ExclusionReason | 'not_in_library'> = {};
  for (const id of new Set(req.originalExperts)) {
    if (!reasons.has(id)) notInvited[id] = 'not_in_library';
    else if (reasons.get(id)) notInvited[id] = reasons.get(id)!;
    else invite.push(id);
  }
  const supplementaryCount = Math.max(0, req.minExperts - invite.length);
  return { ...out, invite, notInvited, needSupplementaryDraw: supplementaryCount > 0, supplementaryCount };
}
