import * as z from 'zod';
import { parseRules } from '../rules/rules-request';

/** Each signature and seal is stated (true/false); the level matters only once the technical lead has signed. */
const flag = z.boolean();

export const reportFormalCheckRequestSchema = z.object({
  techLeadSigned: flag,
  techLeadLevel: z.union([z.literal(1), z.literal(2)], { error: 'expected 1 or 2' }).nullish(),
  projectLeadSigned: flag,
  practiceSeals: flag,
  agencySeal: flag,
});

export type ReportDefect = 'missing_tech_lead_signature' | 'tech_lead_not_level1' | 'missing_project_lead_signature' | 'missing_practice_seals' | 'missing_agency_seal';
export type ReportFormalCheckResult = { valid: boolean; defects: ReportDefect[] };

/**
 * The formal check of a test report's conclusion page (应急管理部令第7号; docs/domain/fire-testing.md §3): the
 * technical lead's signature, and that lead a 一级 registered engineer; the project lead's signature; the
 * practice seals; the agency seal. Defects in that order.
 *
 * @example
 *   reportFormalCheck({ techLeadSigned: true, techLeadLevel: 2, projectLeadSigned: true, practiceSeals: true, agencySeal: false })
 *   // { valid: false, defects: ['tech_lead_not_level1', 'missing_agency_seal'] }
 */
export function reportFormalCheck(input: unknown): ReportFormalCheckResult {
  const req = parseRules(reportFormalCheckRequestSchema, input);
  const defects: ReportDefect[] = [];
  if (!req.techLeadSigned) defects.push('missing_tech_lead_signature');
  else if (req.techLeadLevel !== 1) defects.push('tech_lead_not_level1');
  if (!req.projectLeadSigned) defects.push('missing_project_lead_signature');
  if (!req.practiceSeals) defects.push('missing_practice_seals');
  if (!req.agencySeal) defects.push('missing_agency_seal');
  return { valid: defects.length === 0, defects };
}
