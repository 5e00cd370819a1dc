import { conflict, DomainError, forbidden, invalid, notFound } from '@cityloop/shared/errors';
import type { Actor } from '@cityloop/shared/identity/roles';
import { next } from '@cityloop/shared/platform/state-machine';
import { reportNumber, reportVerdicts, shanghaiDay } from '@cityloop/shared/fire-testing/fire-gates';
import { reportFormalCheck } from '@cityloop/shared/fire-testing/report-formal-check';
import { FIRE_PROJECT_MACHINE, FIRE_REPORT_MACHINE } from '@cityloop/shared/fire-testing/fire-project.machine';
import { REPORT_DEFECT_LABELS } from '@cityloop/shared/fire-testing/fire.limits';
import type { Deps } from '../../platform/deps';
import type { FireCtx } from './fire-messages';
import { createdAggregate, type DomainEvent } from '../../platform/aggregate';
import { runCommand } from '../../platform/command/run-command';
import { newId } from '../../platform/ids';
import { isDuplicateKeyError } from '../../platform/db/duplicate-key';
import { FIRE_REPORTS, type FireProject, type FireReport } from './firetest.collections';
import { findProject, insertReport, projectRepository, reportRepository, reportsOfProject } from './project.repository';
import { findAgency, findPerson } from './registry.repository';
import { requireFire } from './fire-access';
import { allMembers, teamRole } from './fire-team';
import { nextBaseNumber, reportCheckCode } from './report-number';
import { presenceVerdict } from './fire-presence';
import { raiseEvent } from './raise-event';

type Ctx = FireCtx;

/**
 * The project lead builds the report from the records (never an uploaded file) and signs it as project lead. A
 * project with an issued report gets a correction: the same base number with -1, -2 ….
 */
export async function draftReport(deps: Deps, actor: NonNullable<Actor>, projectId: string, ctx: Ctx): Promise<FireReport> {
  const p = await findProject(deps.db, projectId);
  if (!p) throw notFound('检测项目不存在');
  requireFire(actor, ['fire.work'], p.scope, '检测项目不存在');
  const { by, member } = teamRole(p, actor.userId);
  next(FIRE_PROJECT_MACHINE, p.state, 'draft_report', { by });
  if (!p.records.length) throw invalid('还没有检测记录，不能生成报告', 'no_records');
  const existing = await reportsOfProject(deps.db, projectId);
  if (existing.some((r) => r.state === 'draft')) throw conflict('已有待签发的报告，请先签发', 'draft_exists');
  const current = existing.filter((r) => r.state === 'issued').at(-1);
  const t = deps.now();
  const v = reportVerdicts(p.records);
  for (let attempt = 0; attempt < 5; attempt++) {
    const base = current?.baseNumber ?? (await nextBaseNumber(deps.db, p.scope.cityId, shanghaiDay(t).slice(0, 4)));
    const revision = current ? Math.max(...existing.map((r) => r.revision)) + 1 : 0;
    const number = reportNumber(base, revision);
    const id = newId('fr');
    const ev: DomainEvent = { id: newId('ev'), action: 'report.draft', at: t, actorId: actor.userId, role: by, to: 'draft', data: { number } };
    const doc: FireReport = {
      ...createdAggregate(FIRE_REPORTS, id, ev, [], { ...ctx, scope: p.scope }),
      projectId,
      agencyId: p.agencyId,
      agencyName: p.agencyName,
      building: { name: p.building.name, address: p.building.address, key: p.building.key },
      baseNumber: base,
      revision,
      number,
      checkCode: reportCheckCode(deps.config.codeSecret, number),
      ...(current ? { corrects: current._id } : {}),
      items: p.records.map((r) => ({ system: r.system, item: r.item, value: r.value, limit: r.limit, verdict: r.verdict })),
      verdicts: v.verdicts,
      conclusion: v.conclusion,
      team: allMembers(p),
      instruments: p.instruments.map((i) => ({ type: i.type, serial: i.serial, calibrationNo: i.calibrationNo, validUntil: i.validUntil })),
      testDate: p.testDate,
      signatures: { projectLead: { personId: member.personId, name: member.name, registrationNo: member.registrationNo, at: t } },
      practiceSeals: false,
      agencySeal: false,
      state: 'draft',
      scope: p.scope,
      createdAt: t,
    };
    try {
      await insertReport(deps.db, doc);
      return doc;
    } catch (e) {
      if (!isDuplicateKeyError(e)) throw e; // another report took the number: take the next
    }
  }
  throw conflict('报告编号分配冲突，请重试', 'number_busy');
}

const defectsText = (defects: readonly string[]) => defects.map((d) => REPORT_DEFECT_LABELS[d] ?? d).join('、');

/**
 * The technical lead signs with the practice seals and the agency seal: `report_formal_check` (the exact contract)
 * decides, with the lead's level from the registry. A defect refuses the issue and writes nothing (a signer who is
 * not 一级 is also raised to the regulator). Issued: the project is reported, a correction voids the original (作废),
 * and the alerts the report calls for are raised.
 */
export async function issueReport(deps: Deps, actor: NonNullable<Actor>, reportId: string, b: { practiceSeals: boolean; agencySeal: boolean; version: number }, ctx: Ctx): Promise<FireReport> {
  let project: FireProject;
  let level = 0;
  const issued = await runCommand(deps, {
    repo: reportRepository,
    id: reportId,
    eventAction: 'report.issue',
    action: 'issue',
    actor,
    version: b.version,
    notFoundMessage: '报告不存在',
    staleMessage: '报告已更新，请刷新后重试',
    ctx,
    authorize: async (r) => {
      requireFire(actor, ['fire.work'], r.scope, '报告不存在');
      project = (await findProject(deps.db, r.projectId))!;
      const { by } = teamRole(project, actor.userId);
      if (by !== 'techLead') throw forbidden('只有本项目的技术负责人可以签发报告', 'fire_report_action_forbidden');
      return 'techLead' as const;
    },
    step: { machine: FIRE_REPORT_MACHINE, stateOf: (r) => r.state, stateField: 'state', context: (_r, by) => ({ by }) },
    precheck: async (r) => {
      next(FIRE_PROJECT_MACHINE, project.state, 'issue', { by: 'techLead' });
      const tech = await findPerson(deps.db, project.team.techLead.personId);
      level = tech?.agencyId === r.agencyId ? (tech.engineer?.level ?? 0) : 0;
      const formal = reportFormalCheck({ techLeadSigned: true, techLeadLevel: level === 1 || level === 2 ? level : null, projectLeadSigned: !!r.signatures.projectLead, practiceSeals: b.practiceSeals, agencySeal: b.agencySeal });
      if (formal.valid) return;
      if (formal.defects.includes('tech_lead_not_level1')) {
        const agency = (await findAgency(deps.db, r.agencyId))!;
        await raiseEvent(deps, { kind: 'unqualified_signer', detail: `报告 ${r.number} 由${project.team.techLead.name}以技术负责人签发，但其不是本机构的一级注册消防工程师，签发被拒绝`, agency, project, reportId: r._id, actorId: actor.userId }, ctx);
      }
      throw new DomainError(formal.defects.includes('missing_agency_seal') && formal.defects.length === 1 ? 'missing_agency_seal' : 'report_formal_defects', 400, `报告不能签发：${defectsText(formal.defects)}`, { defects: formal.defects });
    },
    apply: ({ agg, at }) => ({
      set: { practiceSeals: b.practiceSeals, agencySeal: b.agencySeal, issuedAt: at, 'signatures.techLead': { personId: project.team.techLead.personId, name: project.team.techLead.name, registrationNo: project.team.techLead.registrationNo, level, at } },
      event: { data: { number: agg.number, conclusion: agg.conclusion } },
    }),
  });
  await afterIssue(deps, actor, issued, project!, ctx);
  return (await reportRepository.load(deps, reportId))!;
}

async function afterIssue(deps: Deps, actor: NonNullable<Actor>, r: FireReport, p: FireProject, ctx: Ctx) {
  await runCommand(deps, {
    repo: projectRepository, id: p._id, eventAction: 'project.issue', action: 'issue', actor, version: 'none', notFoundMessage: '检测项目不存在', staleMessage: '检测项目已更新', ctx,
    authorize: () => 'techLead' as const,
    step: { machine: FIRE_PROJECT_MACHINE, stateOf: (x) => x.state, stateField: 'state', context: (_x, by) => ({ by }) },
    apply: ({ at }) => ({ set: { reportId: r._id, updatedAt: at }, event: { data: { reportId: r._id, number: r.number } } }),
  });
  if (r.corrects) {
    await runCommand(deps, {
      repo: reportRepository, id: r.corrects, eventAction: 'report.void', action: 'void', actor: null, version: 'none', notFoundMessage: '报告不存在', staleMessage: '报告已更新', ctx,
      authorize: () => 'system' as const,
      step: { machine: FIRE_REPORT_MACHINE, stateOf: (x) => x.state, stateField: 'state', context: (_x, by) => ({ by }) },
      apply: ({ at }) => ({ set: { voidedAt: at, supersededBy: r._id }, event: { reason: `被更正报告 ${r.number} 替代` } }),
    });
  }
  const agency = (await findAgency(deps.db, r.agencyId))!;
  const raise = (kind: Parameters<typeof raiseEvent>[1]['kind'], detail: string) => raiseEvent(deps, { kind, detail, agency, project: p, reportId: r._id }, ctx);
  const failed = Object.entries(r.verdicts).filter(([, v]) => v === '不合格').map(([s]) => s);
  if (failed.length) await raise('failed_items', `报告 ${r.number}（${p.building.name}）结论不合格：${failed.join('、')}`);
  const presence = await presenceVerdict(deps, p);
  if (!presence.compliant) await raise('no_valid_presence', `报告 ${r.number}：${presence.violations.map((v) => (v === 'project_lead_not_on_site' ? '项目负责人' : '消防设施操作员')).join('、')}没有有效的到场签到`);
  else if (presence.firstAt && shanghaiDay(presence.firstAt) > r.testDate) await raise('report_before_checkin', `报告 ${r.number} 的检测日期 ${r.testDate} 早于首次到场签到（${shanghaiDay(presence.firstAt)}）`);
}
