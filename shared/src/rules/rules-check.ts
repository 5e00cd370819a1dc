import { evaluateBatch } from '../concrete/evaluate-batch';
import { groupStrength } from '../concrete/group-strength';
import { classifyDangerousWork } from '../dangerous-works/classify-dangerous-work';
import { expertAdmission } from '../dangerous-works/expert-admission';
import { expertDraw } from '../dangerous-works/expert-draw';
import { reviewOutcome } from '../dangerous-works/review-outcome';
import { acceptanceCrosscheck } from '../fire-testing/acceptance-crosscheck';
import { agencyQualification } from '../fire-testing/agency-qualification';
import { onsitePresence } from '../fire-testing/onsite-presence';
import { reportFormalCheck } from '../fire-testing/report-formal-check';
import { rulesError } from './rules-request';

/** Every decision `rules check` answers, by kind (docs/domain/concrete.md §4, docs/domain/dangerous-works.md §4, docs/domain/fire-testing.md §4). */
export const RULE_CHECKS = {
  group_strength: groupStrength,
  evaluate_batch: evaluateBatch,
  classify_dangerous_work: classifyDangerousWork,
  expert_draw: expertDraw,
  expert_admission: expertAdmission,
  review_outcome: reviewOutcome,
  agency_qualification: agencyQualification,
  onsite_presence: onsitePresence,
  report_formal_check: reportFormalCheck,
  acceptance_crosscheck: acceptanceCrosscheck,
} as const satisfies Record<string, (input: unknown) => object>;
export type RuleKind = keyof typeof RULE_CHECKS;
export const RULE_KINDS = Object.keys(RULE_CHECKS) as RuleKind[];

const typeName = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * One rules request `{kind, ...fields}` in, one decision out. Pure: no I/O, no clock. Bad input throws a
 * `DomainError` with a stable code (`invalid_request`, `unknown_kind`, `unknown_category`) and an English
 * message naming the field; unknown extra fields are ignored.
 *
 * @example
 *   checkRule({ kind: 'expert_admission', title: '高级', years: 15 }) // { admissible: true, reasons: [] }
 */
export function checkRule(request: unknown): object {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) throw rulesError('request', `expected a JSON object, received ${typeName(request)}`);
  const kind = (request as { kind?: unknown }).kind;
  if (kind === undefined || kind === null) throw rulesError('kind', `required (one of ${RULE_KINDS.join(', ')})`);
  if (typeof kind !== 'string' || !Object.hasOwn(RULE_CHECKS, kind)) throw rulesError('kind', `unknown kind ${JSON.stringify(kind)} (one of ${RULE_KINDS.join(', ')})`, 'unknown_kind');
  return RULE_CHECKS[kind as RuleKind](request);
}
