/** 城市管理: the case state as each staff role reads it (one wording source; the reporter reads `STATE_EXPLANATIONS`). */
import type { CaseState } from '@cityloop/shared/city/case.types';

/** Who reads a case's state on a staff page (the citizen reads `STATE_EXPLANATIONS`). */
export type CaseViewer = 'areaChief' | 'unit' | 'patroller' | 'regulator';

/** The state for someone who did not report it: third person, nobody's "您的上报". */
const STAFF_STATE_TEXT: Record<CaseState, string> = {
  received: '市民已上报，等待片长受理',
  accepted: '已立案，等待片长派遣责任单位',
  rejected: '不予立案（原因见下方记录）',
  dispatched: '已派遣责任单位，等待单位接单处置',
  in_progress: '责任单位正在处置',
  handled: '责任单位已处置并反馈，等待现场核查',
  closed: '现场核查通过，已结案',
  parked: '已挂账：需工程或季节性处理，纳入问题库跟踪',
  deferred: '已缓办',
  withdrawn: '市民已撤回上报，无需处置',
};

/** What each staff role is asked to do, where it differs from the third-person sentence. */
const VIEWER_STATE_TEXT: Record<CaseViewer, Partial<Record<CaseState, string>>> = {
  areaChief: {
    received: '市民已上报，请您受理：立案或不予立案',
    accepted: '已立案，请您派遣责任单位',
    handled: '责任单位已处置并反馈，请现场核查',
  },
  unit: {
    dispatched: '已派给本单位，请接单并处置',
    in_progress: '本单位正在处置，完成后请上传处置后照片反馈',
    handled: '本单位已反馈，等待现场核查',
  },
  patroller: {
    handled: '责任单位已处置并反馈，请到现场拍照核查',
  },
  regulator: {},
};

/** The state sentence for a staff viewer (one wording source for every staff page). */
export function staffStateText(state: string, viewer: CaseViewer | null): string {
  const s = state as CaseState;
  return (viewer ? VIEWER_STATE_TEXT[viewer][s] : undefined) ?? STAFF_STATE_TEXT[s] ?? '';
}

/**
 * Which staff role reads this case: the one whose steps the server allows now (受理/派遣 → area chief, 接单/反馈
 * → unit, 核查 → patroller), else the first staff role the user holds.
 */
export function caseViewer(roles: readonly { role: string }[] | undefined, policies: Record<string, boolean> | null | undefined): CaseViewer | null {
  const p = policies ?? {};
  if (p['case.accept'] || p['case.dispatch']) return 'areaChief';
  if (p['case.start'] || p['case.report'] || p['case.extend']) return 'unit';
  const held = new Set((roles ?? []).map((r) => r.role));
  if (p['case.verify'] && held.has('patroller') && !held.has('areaChief')) return 'patroller';
  for (const r of ['areaChief', 'unit', 'patroller', 'regulator'] as const) if (held.has(r)) return r;
  return held.has('admin') ? 'regulator' : null;
}
