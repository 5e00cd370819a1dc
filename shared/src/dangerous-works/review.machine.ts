import { conflict, type DomainError } from '../errors';
import type { Machine } from '../platform/state-machine';
import { REVIEW_STATES, REVIEW_STATE_LABELS, type ReviewState } from './review.limits';
import type { ReviewOutcomeResult } from './review-outcome';

export { REVIEW_STATES, REVIEW_STATE_LABELS, type ReviewState };

/**
 * One expert review (专家论证) of a 超规模 scheme version (docs/domain/dangerous-works.md §2, §5): created with
 * the draw's commitment published, then drawn; invitations until five experts accept (`respond` forks: pass =
 * the panel is full); at the meeting the experts sign in and give opinions; the report is checked by
 * `reviewOutcome` (≥ 5 signatures, one unanimous conclusion); archived by the regulator.
 */
export const REVIEW_ACTIONS = ['draw', 'respond', 'replace', 'sign_in', 'opinion', 'report', 'inform', 'archive'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];
export type ReviewActor = 'regulator' | 'contractor' | 'expert' | 'system';
export type ReviewInput = 'none';

export type ReviewContext = {
  by: ReviewActor;
  outcome?: 'pass' | 'fail';
  /** the report's check (review_outcome) */
  report?: ReviewOutcomeResult;
  /** archive: the conclusion was 修改后通过 and the experts were not yet informed of the revision */
  informPending?: boolean;
  /** inform: the conclusion was 修改后通过 */
  revisable?: boolean;
};

export const REVIEW_ACTION_LABELS: Record<ReviewAction, string> = {
  draw: '抽取专家',
  respond: '专家回复邀请',
  replace: '补抽专家',
  sign_in: '专家签到',
  opinion: '提交专家意见',
  report: '出具论证报告',
  inform: '告知专家修改情况',
  archive: '归档',
};

const REPORT_REASONS: Record<string, { message: string; code: string }> = {
  fewer_than_5_experts: { message: '论证报告须由不少于 5 名专家签字', code: 'fewer_than_5_experts' },
  report_must_state_a_unanimous_conclusion: { message: '论证报告须有一致的论证结论（通过 / 修改后通过 / 不通过），专家意见不一致', code: 'report_must_state_a_unanimous_conclusion' },
};
const reportValid = (ctx: ReviewContext): DomainError | null => {
  if (!ctx.report) return conflict('缺少论证结论', 'report_missing');
  if (ctx.report.valid) return null;
  const r = REPORT_REASONS[ctx.report.reason];
  return conflict(r.message, r.code);
};

export const REVIEW_MACHINE: Machine<ReviewState, ReviewAction, ReviewActor, ReviewInput, ReviewContext> = {
  name: 'review',
  states: REVIEW_STATES,
  actions: REVIEW_ACTIONS,
  stateLabels: REVIEW_STATE_LABELS,
  actionLabels: REVIEW_ACTION_LABELS,
  whoLabels: { regulator: '监管部门', contractor: '施工单位', expert: '评审专家', system: '系统' },
  rows: [
    { action: 'draw', from: ['committed'], to: 'inviting', who: ['regulator', 'system'], requires: [] },
    { action: 'respond', from: ['inviting'], to: { pass: 'convened', fail: 'inviting' }, who: ['expert'], requires: [] },
    { action: 'replace', from: ['inviting'], to: { pass: 'convened', fail: 'inviting' }, who: ['system', 'regulator'], requires: [] },
    { action: 'sign_in', from: ['convened'], to: 'same', who: ['expert'], requires: [] },
    { action: 'opinion', from: ['convened'], to: 'same', who: ['expert'], requires: [] },
    { action: 'report', from: ['convened'], to: 'concluded', who: ['expert'], requires: [], check: reportValid },
    { action: 'inform', from: ['concluded'], to: 'same', who: ['contractor'], requires: [], check: (c) => (c.revisable ? null : conflict('只有修改后通过的论证需要告知专家修改情况', 'nothing_to_inform')) },
    { action: 'archive', from: ['concluded'], to: 'archived', who: ['regulator', 'system'], requires: [], check: (c) => (c.informPending ? conflict('施工单位尚未按专家意见修改并告知专家，暂不能归档', 'inform_pending') : null) },
  ],
  refusals: {
    draw: { message: '该论证已抽取过专家', code: 'already_drawn' },
    respond: { message: '该论证已不在邀请阶段', code: 'invitation_closed' },
    sign_in: { message: '专家尚未确认齐全或论证已结束，不能签到', code: 'meeting_not_open' },
    opinion: { message: '论证会未在进行中，不能提交意见', code: 'meeting_not_open' },
    report: { message: '论证会未在进行中，不能出具报告', code: 'meeting_not_open' },
    archive: { message: '论证结论出具后才能归档', code: 'not_concluded' },
  },
};
