import * as z from 'zod';
import { parseRules } from '../rules/rules-request';

const flag = z.boolean().nullish().transform((v) => v ?? false);

export const expertAdmissionRequestSchema = z.object({
  title: z.enum(['初级', '中级', '高级', '正高级']),
  years: z.number().nonnegative(),
  richExperience: flag,
  badCredit: flag,
});

export type AdmissionReason = 'title_not_senior' | 'experience_insufficient' | 'integrity_record';
export type ExpertAdmissionResult = { admissible: boolean; reasons: AdmissionReason[] };

/** 31号文 八: at least 15 years in the specialty (or rich specialist experience) and a senior title. */
export const MIN_EXPERT_YEARS = 15;

/**
 * May this person enter the expert library (建办质〔2018〕31号 八; docs/domain/dangerous-works.md §3)? Both a
 * senior title (高级 or 正高级) and experience (≥ 15 years, or rich experience) are required, and no bad
 * integrity record. Reasons in the order title, experience, integrity.
 *
 * @example
 *   expertAdmission({ title: '中级', years: 20 }) // { admissible: false, reasons: ['title_not_senior'] }
 */
export function expertAdmission(input: unknown): ExpertAdmissionResult {
  const req = parseRules(expertAdmissionRequestSchema, input);
  const reasons: AdmissionReason[] = [];
  if (req.title !== '高级' && req.title !== '正高级') reasons.push('title_not_senior');
  if (!(req.years >= MIN_EXPERT_YEARS || req.richExperience)) reasons.push('experience_insufficient');
  if (req.badCredit) reasons.push('integrity_record');
  return { admissible: reasons.length === 0, reasons };
}
