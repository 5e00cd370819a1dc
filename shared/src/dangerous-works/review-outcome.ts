import * as z from 'zod';
import { parseRules, rulesError } from '../rules/rules-request';

export const REVIEW_CONCLUSIONS = ['通过', '修改后通过', '不通过'] as const;
export type ReviewConclusion = (typeof REVIEW_CONCLUSIONS)[number];
const conclusion = z.enum(REVIEW_CONCLUSIONS);

export const reviewOutcomeRequestSchema = z.object({
  conclusion: conclusion.nullish().transform((c) => c ?? null),
  expertsSigned: z.number().int().nonnegative(),
  unanimous: z.boolean().nullish(),
  /** Each expert's conclusion, as a list or as counts per conclusion. */
  votes: z.union([z.array(conclusion.nullable()), z.partialRecord(conclusion, z.number().int().nonnegative())]).nullish(),
});

/** What each valid conclusion leads to (37号令 art. 13, 31号文 五), word for word. */
export const NEXT_STEPS: Record<ReviewConclusion, string> = {
  通过: '施工单位可参考专家意见自行修改完善后实施',
  修改后通过: '按专家意见逐条修改 -> 重新履行第十一条(施工单位技术负责人审核签字盖章 + 总监理工程师审查签字盖执业印章) -> 告知专家修改情况 -> 实施',
  不通过: '修改后重新组织专家论证',
};
/** 37号令 art. 12: an expert review needs at least 5 experts. */
export const MIN_REVIEW_EXPERTS = 5;

export type ReviewOutcomeResult =
  | { valid: false; reason: 'fewer_than_5_experts' | 'report_must_state_a_unanimous_conclusion' }
  | { valid: true; requiresResubmissionToTechLeadAndChiefSupervisor: boolean; requiresNewReview: boolean; nextStep: string };

/** Do the votes all say `c`? (a list: every entry; counts: no other conclusion has a vote). */
const votesAgree = (votes: NonNullable<z.output<typeof reviewOutcomeRequestSchema>['votes']>, c: ReviewConclusion): boolean =>
  Array.isArray(votes) ? votes.every((v) => v === c) : Object.entries(votes).every(([k, n]) => k === c || n === 0);

/**
 * Checks an expert review report (住建部令第37号 arts. 12–13; docs/domain/dangerous-works.md §2): at least 5
 * signing experts (checked first), then one unanimous conclusion 通过 / 修改后通过 / 不通过; a valid report says
 * what comes next. `unanimous: false`, a null conclusion or votes that disagree make it invalid.
 *
 * @example
 *   reviewOutcome({ conclusion: '不通过', expertsSigned: 5, unanimous: true })
 *   // { valid: true, requiresResubmissionToTechLeadAndChiefSupervisor: true, requiresNewReview: true, nextStep: '修改后重新组织专家论证' }
 */
export function reviewOutcome(input: unknown): ReviewOutcomeResult {
  const req = parseRules(reviewOutcomeRequestSchema, input);
  if (req.unanimous == null && req.votes == null) throw rulesError('unanimous', 'required (true or false), or give votes');
  if (req.expertsSigned < MIN_REVIEW_EXPERTS) return { valid: false, reason: 'fewer_than_5_experts' };
  const c = req.conclusion;
  if (c === null || req.unanimous === false || (req.votes != null && !votesAgree(req.votes, c))) return { valid: false, reason: 'report_must_state_a_unanimous_conclusion' };
  return { valid: true, requiresResubmissionToTechLeadAndChiefSupervisor: c !== '通过', requiresNewReview: c === '不通过', nextStep: NEXT_STEPS[c] };
}
