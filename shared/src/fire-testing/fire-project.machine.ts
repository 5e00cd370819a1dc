import type { Machine } from '../platform/state-machine';
import { PROJECT_STATE_LABELS, PROJECT_STATES, REPORT_STATE_LABELS, REPORT_STATES, type FireProjectState, type FireReportState } from './fire.limits';

export const PROJECT_ACTIONS = ['start', 'record', 'draft_report', 'issue'] as const;
export type FireProjectAction = (typeof PROJECT_ACTIONS)[number];
export type FireProjectActor = 'projectLead' | 'techLead' | 'operator' | 'system';
export type FireProjectContext = { by: FireProjectActor };

/**
 * A test project: planned with its gates passed; the project lead starts it on the test date (gates again); the
 * team records items while on site; the project lead drafts the report from the records, the technical lead signs
 * it (issue). A correction is drafted and issued from `reported`.
 */
export const FIRE_PROJECT_MACHINE: Machine<FireProjectState, FireProjectAction, FireProjectActor, 'none', FireProjectContext> = {
  name: 'fire_project',
  states: PROJECT_STATES,
  actions: PROJECT_ACTIONS,
  stateLabels: PROJECT_STATE_LABELS,
  actionLabels: { start: '开始检测', record: '记录检测项', draft_report: '生成报告', issue: '签发报告' },
  whoLabels: { projectLead: '项目负责人', techLead: '技术负责人', operator: '消防设施操作员', system: '系统' },
  rows: [
    { action: 'start', from: ['planned'], to: 'testing', who: ['projectLead'], requires: [] },
    { action: 'record', from: ['testing'], to: 'same', who: ['operator', 'projectLead'], requires: [] },
    { action: 'draft_report', from: ['testing', 'reported'], to: 'same', who: ['projectLead'], requires: [] },
    { action: 'issue', from: ['testing', 'reported'], to: 'reported', who: ['techLead'], requires: [] },
  ],
  refusals: { start: { message: '检测已开始' }, record: { message: '检测尚未开始或已出报告，不能再记录' }, draft_report: { message: '检测尚未开始，不能生成报告' } },
};

export const REPORT_ACTIONS = ['issue', 'void'] as const;
export type FireReportAction = (typeof REPORT_ACTIONS)[number];

/** A report: drafted, issued when the technical lead signs with the seals, voided when its correction is issued. */
export const FIRE_REPORT_MACHINE: Machine<FireReportState, FireReportAction, 'techLead' | 'system', 'none', { by: 'techLead' | 'system' }> = {
  name: 'fire_report',
  states: REPORT_STATES,
  actions: REPORT_ACTIONS,
  stateLabels: REPORT_STATE_LABELS,
  actionLabels: { issue: '签发', void: '作废' },
  whoLabels: { techLead: '技术负责人', system: '系统' },
  rows: [
    { action: 'issue', from: ['draft'], to: 'issued', who: ['techLead'], requires: [] },
    { action: 'void', from: ['issued'], to: 'voided', who: ['system'], requires: [] },
  ],
  refusals: { issue: { message: '该报告已签发或已作废' }, void: { message: '该报告不是有效报告' } },
};
