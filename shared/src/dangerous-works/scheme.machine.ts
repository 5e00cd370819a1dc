import { conflict, invalid, type DomainError } from '../errors';
import type { Machine } from '../platform/state-machine';
import { SCHEME_ACTION_LABELS, SCHEME_ACTIONS, SCHEME_STATES, SCHEME_STATE_LABELS, type SchemeAction, type SchemeState } from './review.limits';

export { SCHEME_ACTION_LABELS, SCHEME_ACTIONS, SCHEME_STATES, SCHEME_STATE_LABELS, type SchemeAction, type SchemeState };

/**
 * The 专项施工方案 of one sub-item (住建部令第37号 arts. 10–13, 16; docs/domain/dangerous-works.md §2): the
 * contractor uploads it, its technical director signs, the 总监 reviews; a 超规模 item then goes to an expert
 * review, whose conclusion (system actions) sends it to 可实施, back for revision (修改后通过: re-sign, 总监
 * again, inform the experts) or to a new review (不通过). A returned or revised scheme keeps every version.
 */
export type SchemeActor = 'contractor' | 'supervisor' | 'system';
export type SchemeInput = 'documents' | 'note';

export type SchemeContext = {
  by: SchemeActor;
  outcome?: 'pass' | 'fail';
  note?: string;
  /** the current version has the scheme, its calculations and its drawings */
  documentsComplete?: boolean;
  /** the sub-item is 超规模危大 (needs an expert review) */
  superScale?: boolean;
  /** the last review concluded 修改后通过 and its revision is not yet reported to the experts */
  revisionToInform?: boolean;
};



const needsReview = (ctx: SchemeContext): DomainError | null => {
  if (!ctx.superScale) return conflict('该分项不属于超过一定规模的危大工程，无需组织专家论证', 'review_not_required');
  if (ctx.revisionToInform) return conflict('论证结论为修改后通过：修改并重新签字审查后应告知专家，而不是重新论证', 'inform_experts_instead');
  return null;
};

export const SCHEME_MACHINE: Machine<SchemeState, SchemeAction, SchemeActor, SchemeInput, SchemeContext> = {
  name: 'scheme',
  states: SCHEME_STATES,
  actions: SCHEME_ACTIONS,
  stateLabels: SCHEME_STATE_LABELS,
  actionLabels: SCHEME_ACTION_LABELS,
  whoLabels: { contractor: '施工单位', supervisor: '监理单位', system: '系统' },
  rows: [
    { action: 'upload', from: ['drafting', 'returned', 'revising', 'rejected'], to: 'drafting', who: ['contractor'], requires: [] },
    { action: 'sign', from: ['drafting'], to: 'signed', who: ['contractor'], requires: ['documents'] },
    { action: 'return', from: ['signed'], to: 'returned', who: ['supervisor'], requires: ['note'] },
    { action: 'approve', from: ['signed'], to: 'approved', who: ['supervisor'], requires: [] },
    { action: 'apply_review', from: ['approved'], to: 'review_pending', who: ['contractor'], requires: [], check: needsReview },
    { action: 'review_pass', from: ['review_pending'], to: 'passed', who: ['system'], requires: [] },
    { action: 'review_revise', from: ['review_pending'], to: 'revising', who: ['system'], requires: [] },
    { action: 'review_fail', from: ['review_pending'], to: 'rejected', who: ['system'], requires: [] },
    {
      action: 'inform_experts',
      from: ['approved'],
      to: 'passed',
      who: ['contractor'],
      requires: [],
      check: (ctx) => (ctx.revisionToInform ? null : conflict('没有需要告知专家的修改（仅论证结论为修改后通过时需要）', 'nothing_to_inform')),
    },
    // 37号令 art. 16: a changed sub-item is signed (and, 超规模, reviewed) again
    { action: 'reopen', from: ['signed', 'returned', 'approved', 'review_pending', 'revising', 'rejected', 'passed'], to: 'drafting', who: ['system'], requires: [] },
  ],
  inputError: (_action, input, ctx) => {
    if (input === 'documents' && !ctx.documentsComplete) return invalid('请先上传专项施工方案、计算书和图纸（PDF）', 'documents_incomplete');
    if (input === 'note' && (ctx.note ?? '').trim().length < 2) return invalid('请填写退回意见', 'note_required');
    return null;
  },
  refusals: {
    upload: { message: '方案已签字送审，审查完成或退回前不能替换', code: 'scheme_locked' },
    sign: { message: '方案不在编制中，不能签字', code: 'invalid_transition' },
    apply_review: { message: '方案须经技术负责人签字、总监审查后才能申请专家论证', code: 'scheme_not_approved' },
  },
};
