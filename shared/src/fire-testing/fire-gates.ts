import { agencyQualification, type AgencyQualificationResult } from './agency-qualification';
import { QUALIFICATION_REASON_LABELS, type OperatorLevel, type PracticeScope, type TestKind, type Verdict } from './fire.limits';

/** An agency's practice conditions as registered (应急管理部令第7号 arts. 5–7; docs/domain/fire-testing.md §1). */
export type PracticeConditions = {
  scope: PracticeScope;
  enterpriseLegalPerson: boolean;
  workplaceM2: number;
  equipmentConforming: boolean;
  qualityManagementSystem: boolean;
  assessmentProcessControl: boolean;
};

/** A person of the registry: a registered fire engineer or a certified facility operator. */
export type RegistryPerson = {
  id: string;
  name: string;
  kind: 'engineer' | 'operator';
  /** the agency they practise in now; null when they left */
  agencyId: string | null;
  engineer?: { level: 1 | 2; registrationNo: string };
  operator?: { level: OperatorLevel; certificateNo: string; validUntil: string };
};

/** A calendar day (Asia/Shanghai) as `YYYY-MM-DD`. */
export const shanghaiDay = (d: Date): string => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** Whether an operator's certificate is valid on `day` (YYYY-MM-DD, inclusive). */
export const certificateValidOn = (p: RegistryPerson, day: string): boolean => !!p.operator && p.operator.validUntil >= day;

/**
 * The facts `agencyQualification` decides on, from the registry: the agency's engineers (one organisation at a time,
 * so none is registered elsewhere) and its operators whose certificate is valid on `day`.
 * @example qualificationFacts(practice, people, '2026-12-07').registeredFireEngineers // [{ name: '陈工', level: 1 }, …]
 */
export function qualificationFacts(agencyId: string, practice: PracticeConditions, people: readonly RegistryPerson[], day: string) {
  const mine = people.filter((p) => p.agencyId === agencyId);
  return {
    ...practice,
    registeredFireEngineers: mine.filter((p) => p.kind === 'engineer' && p.engineer).map((p) => ({ name: p.name, level: p.engineer!.level, alsoRegisteredElsewhere: false })),
    fireFacilityOperators: mine.filter((p) => p.kind === 'operator' && certificateValidOn(p, day)).map((p) => ({ name: p.name, level: p.operator!.level })),
  };
}

/** The agency's qualification on `day` (the exact contract, agency-qualification.ts). */
export const judgeAgency = (agencyId: string, practice: PracticeConditions, people: readonly RegistryPerson[], day: string): AgencyQualificationResult =>
  agencyQualification(qualificationFacts(agencyId, practice, people, day));

/** The reasons in Chinese, joined. */
export const reasonsText = (reasons: readonly string[]): string => reasons.map((r) => QUALIFICATION_REASON_LABELS[r] ?? r).join('、');

export type PlanInstrument = { id: string; type: string; serial: string; calibrationNo: string; validUntil: string; agencyId: string };
export type PlanInput = {
  agency: { id: string; name: string; scope: PracticeScope; qualification: AgencyQualificationResult };
  kind: TestKind;
  testDate: string;
  projectLead: RegistryPerson | null;
  techLead: RegistryPerson | null;
  operators: readonly (RegistryPerson | null)[];
  instruments: readonly (PlanInstrument | null)[];
};
export type GateRefusal = { code: string; message: string; personId?: string; instrumentId?: string };

/**
 * The gates before a test (issue: agency qualified, each person's qualification valid, each instrument calibrated
 * on the test date, the test within the agency's practice scope). Every refusal names the person or instrument.
 * @example planRefusals({ ...plan, instruments: [{ type: '声级计', serial: 'SL-1', validUntil: '2026-01-01', … }] })
 *   // [{ code: 'instrument_expired', message: '仪器“声级计”（编号 SL-1）检定有效期至 2026-01-01，检测日 … 已过期', … }]
 */
export function planRefusals(p: PlanInput): GateRefusal[] {
  const out: GateRefusal[] = [];
  const a = p.agency;
  if (!a.qualification.qualified) out.push({ code: 'agency_not_qualified', message: `${a.name}不符合从业条件：${reasonsText(a.qualification.reasons)}，暂停承接新业务` });
  if (a.scope !== '维保检测+评估' && a.scope !== p.kind) out.push({ code: 'scope_not_covered', message: `${a.name}的从业范围为“${a.scope}”，不含“${p.kind}”` });
  const ofAgency = (x: RegistryPerson) => x.agencyId === a.id;
  const lead = p.projectLead;
  if (!lead) out.push({ code: 'project_lead_unknown', message: '项目负责人不在本机构登记人员中' });
  else if (lead.kind !== 'engineer' || !ofAgency(lead)) out.push({ code: 'project_lead_unqualified', message: `项目负责人${lead.name}不是本机构的注册消防工程师`, personId: lead.id });
  const tech = p.techLead;
  if (!tech) out.push({ code: 'tech_lead_unknown', message: '技术负责人不在本机构登记人员中' });
  else if (tech.kind !== 'engineer' || !ofAgency(tech) || tech.engineer?.level !== 1) out.push({ code: 'tech_lead_unqualified', message: `技术负责人${tech.name}不是本机构的一级注册消防工程师`, personId: tech.id });
  if (!p.operators.length) out.push({ code: 'operators_required', message: '请至少安排 1 名消防设施操作员' });
  for (const o of p.operators) {
    if (!o) out.push({ code: 'operator_unknown', message: '有操作员不在本机构登记人员中' });
    else if (o.kind !== 'operator' || !ofAgency(o)) out.push({ code: 'operator_unqualified', message: `${o.name}不是本机构的持证消防设施操作员`, personId: o.id });
    else if (!certificateValidOn(o, p.testDate)) out.push({ code: 'operator_certificate_expired', message: `操作员${o.name}的证书（${o.operator!.certificateNo}）有效期至 ${o.operator!.validUntil}，检测日 ${p.testDate} 已过期`, personId: o.id });
  }
  if (!p.instruments.length) out.push({ code: 'instruments_required', message: '请至少选择 1 台检测仪器' });
  for (const i of p.instruments) {
    if (!i) out.push({ code: 'instrument_unknown', message: '有仪器不在本机构登记的仪器中' });
    else if (i.agencyId !== a.id) out.push({ code: 'instrument_not_ours', message: `仪器“${i.type}”（编号 ${i.serial}）不属于本机构`, instrumentId: i.id });
    else if (i.validUntil < p.testDate) out.push({ code: 'instrument_expired', message: `仪器“${i.type}”（编号 ${i.serial}）检定有效期至 ${i.validUntil}，检测日 ${p.testDate} 已过期`, instrumentId: i.id });
  }
  return out;
}

export type TestRecord = { system: string; item: string; value: string; limit: string; verdict: Verdict };

/**
 * The report's systems from the records: a system is 不合格 when any of its items is; the conclusion is 不合格 when
 * any system is. `verdicts` is what the acceptance cross-check compares (system → verdict, in record order).
 * @example reportVerdicts([{ system: '消火栓系统', item: '静压', value: '0.12', limit: '≥0.10 MPa', verdict: '合格' }])
 *   // { verdicts: { 消火栓系统: '合格' }, failedSystems: [], conclusion: '合格' }
 */
export function reportVerdicts(records: readonly TestRecord[]): { verdicts: Record<string, Verdict>; failedSystems: string[]; conclusion: Verdict } {
  const verdicts: Record<string, Verdict> = {};
  for (const r of records) verdicts[r.system] = verdicts[r.system] === '不合格' || r.verdict === '不合格' ? '不合格' : '合格';
  const failedSystems = Object.entries(verdicts).filter(([, v]) => v === '不合格').map(([s]) => s);
  return { verdicts, failedSystems, conclusion: failedSystems.length ? '不合格' : '合格' };
}

/**
 * A report's printed number: the base for the original, `-1`, `-2` … for corrections (docs/domain/fire-testing.md §3).
 * @example reportNumber('ZSXJ-2026-0007', 2) // 'ZSXJ-2026-0007-2'
 */
export const reportNumber = (base: string, revision: number): string => (revision ? `${base}-${revision}` : base);
