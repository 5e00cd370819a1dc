import type { Machine } from '../platform/state-machine';

/**
 * A witnessed specimen group (3 cubes with chips): sampled on site → received by the commissioned lab (every chip
 * read) → tested (the press posted the 3 failure loads; the platform computed the strength). A receipt with a
 * missing, unknown or foreign chip refuses the specimen and leaves the group `sampled` (docs/domain/concrete.md §5.3).
 */
export const GROUP_STATES = ['sampled', 'received', 'tested'] as const;
export type GroupState = (typeof GROUP_STATES)[number];
export const GROUP_ACTIONS = ['receive', 'test'] as const;
export type GroupAction = (typeof GROUP_ACTIONS)[number];
export type GroupActor = 'lab' | 'device';
export type GroupContext = { by: GroupActor };

export const GROUP_STATE_LABELS: Record<GroupState, string> = { sampled: '已取样待送检', received: '检测机构已收样', tested: '已试压' };
export const GROUP_ACTION_LABELS: Record<GroupAction, string> = { receive: '收样（读芯片）', test: '试压' };

export const GROUP_MACHINE: Machine<GroupState, GroupAction, GroupActor, 'none', GroupContext> = {
  name: 'specimen_group',
  states: GROUP_STATES,
  actions: GROUP_ACTIONS,
  stateLabels: GROUP_STATE_LABELS,
  actionLabels: GROUP_ACTION_LABELS,
  whoLabels: { lab: '检测机构', device: '压力试验机' },
  rows: [
    { action: 'receive', from: ['sampled'], to: 'received', who: ['lab'], requires: [] },
    { action: 'test', from: ['received'], to: 'tested', who: ['device'], requires: [] },
  ],
  refusals: {
    receive: { message: '该组试件已收样', code: 'group_already_received' },
    test: { message: '该组试件尚未收样或已试压', code: 'group_not_received' },
  },
};
