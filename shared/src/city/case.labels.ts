import { ROLE_LABELS } from '../identity/roles';
import type { CaseAction, CaseActor, CaseRating, CaseState } from './case.types';

/**
 * Chinese labels of the case loop (docs/GLOSSARY.md terms) for UI text and error messages.
 * @example CASE_STATE_LABELS.handled // '已反馈'
 */
export const CASE_STATE_LABELS: Record<CaseState, string> = {
  received: '受理',
  accepted: '立案',
  rejected: '不予立案',
  dispatched: '已派遣',
  in_progress: '处置中',
  handled: '已反馈',
  closed: '结案',
  parked: '挂账',
  deferred: '缓办',
  withdrawn: '已撤回',
};

/** @example CASE_ACTION_LABELS.return // '回退' */
export const CASE_ACTION_LABELS: Record<CaseAction, string> = {
  accept: '立案',
  reject: '不予立案',
  dispatch: '派遣',
  start: '接单',
  return: '回退',
  extend: '申请延期',
  approve_extension: '批准延期',
  deny_extension: '驳回延期',
  report: '反馈',
  verify: '核查',
  rate: '评价',
  dispute: '复议',
  park: '挂账',
  defer: '缓办',
  assign_grid: '交由网格',
  supplement: '补充信息',
  withdraw: '撤回',
  remind: '催办',
  supervise: '督办',
};

/** @example CASE_RATING_LABELS.basically_satisfied // '基本满意' */
export const CASE_RATING_LABELS: Record<CaseRating, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};

/** @example CASE_ACTOR_LABELS.system // '系统' */
export const CASE_ACTOR_LABELS: Record<CaseActor, string> = { ...ROLE_LABELS, system: '系统' };
