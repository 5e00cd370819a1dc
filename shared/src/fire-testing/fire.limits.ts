/**
 * Fire-protection testing supervision (docs/domain/fire-testing.md): states, labels and limits the pages need
 * too. Zod-free: the mini-program imports values from here only.
 */

export const PRACTICE_SCOPES = ['维保检测', '评估', '维保检测+评估'] as const;
export type PracticeScope = (typeof PRACTICE_SCOPES)[number];
/** What one test project does; the agency's practice scope must cover it. */
export const TEST_KINDS = ['维保检测', '评估'] as const;
export type TestKind = (typeof TEST_KINDS)[number];

/** The yes/no practice conditions of an agency (docs/domain/fire-testing.md), as the registry pages name them. */
export const PRACTICE_FLAG_LABELS = {
  enterpriseLegalPerson: '企业法人',
  equipmentConforming: '检测设备符合要求',
  qualityManagementSystem: '质量管理体系',
  assessmentProcessControl: '评估过程控制体系',
} as const;
export type PracticeFlag = keyof typeof PRACTICE_FLAG_LABELS;

/** The agency import sheet's columns: header → field (agency-import.ts). 镇街 is a town id (e.g. shiqi); yes/no columns take 是/否 (or Y/N, 1/0, 有/无). */
export const AGENCY_IMPORT_COLUMNS = [
  ['机构名称', 'name'],
  ['统一社会信用代码', 'creditCode'],
  ['镇街', 'townId'],
  ['地址', 'address'],
  ['执业范围', 'scope'],
  ['工作场所面积', 'workplaceM2'],
  ['企业法人', 'enterpriseLegalPerson'],
  ['设备符合要求', 'equipmentConforming'],
  ['质量管理体系', 'qualityManagementSystem'],
  ['评估过程控制体系', 'assessmentProcessControl'],
] as const;

/** The instrument import sheet's columns (one agency's instruments): header → field (instrument-import.ts). */
export const INSTRUMENT_IMPORT_COLUMNS = [
  ['仪器名称', 'type'],
  ['出厂编号', 'serial'],
  ['检定证书编号', 'calibrationNo'],
  ['有效期至', 'validUntil'],
] as const;

export const OPERATOR_LEVELS = ['初级', '中级', '高级', '技师', '高级技师'] as const;
export type OperatorLevel = (typeof OPERATOR_LEVELS)[number];

/** Building fire systems a test covers (GB/T 44481-2024 chapters; docs/domain/fire-testing.md §3). */
export const FIRE_SYSTEMS = ['火灾自动报警系统', '自动喷水灭火系统', '消火栓系统', '防烟排烟系统', '应急照明和疏散指示系统', '气体灭火系统', '防火卷帘和防火门'] as const;

export const VERDICTS = ['合格', '不合格'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Roles at a test site, as check-ins and the presence decision name them (应急管理部令第7号 art. 18(三)). */
export const SITE_ROLES = { projectLead: '项目负责人', techLead: '技术负责人', operator: '消防设施操作员' } as const;

/** Default geofence radius of a test site around the building's location (m). */
export const DEFAULT_GEOFENCE_M = 200;
/** Days a regulator's handling notice gives by default. */
export const NOTICE_DAYS_DEFAULT = 7;
/** Credit an agency starts with, and what a suspected false report costs. */
export const CREDIT_START = 100;
export const CREDIT_FALSE_REPORT = 20;

export const PROJECT_STATES = ['planned', 'testing', 'reported'] as const;
export type FireProjectState = (typeof PROJECT_STATES)[number];
export const PROJECT_STATE_LABELS: Record<FireProjectState, string> = { planned: '已计划', testing: '检测中', reported: '已出报告' };

export const REPORT_STATES = ['draft', 'issued', 'voided'] as const;
export type FireReportState = (typeof REPORT_STATES)[number];
export const REPORT_STATE_LABELS: Record<FireReportState, string> = { draft: '待签发', issued: '有效', voided: '作废' };

export const EVENT_STATES = ['open', 'noticed', 'replied', 'closed'] as const;
export type FireEventState = (typeof EVENT_STATES)[number];
export const EVENT_STATE_LABELS: Record<FireEventState, string> = { open: '待处置', noticed: '已发处置通知', replied: '机构已回复', closed: '已办结' };

export const EVENT_KINDS = ['failed_items', 'no_valid_presence', 'expired_instrument', 'unqualified_signer', 'report_before_checkin', 'suspected_false_report', 'agency_suspended'] as const;
export type FireEventKind = (typeof EVENT_KINDS)[number];
export const EVENT_KIND_LABELS: Record<FireEventKind, string> = {
  failed_items: '检测报告有不合格项',
  no_valid_presence: '检测无有效到场记录',
  expired_instrument: '使用超期未检定仪器',
  unqualified_signer: '报告由不具备资格人员签发',
  report_before_checkin: '报告日期早于到场时间',
  suspected_false_report: '疑似虚假报告',
  agency_suspended: '机构不再符合从业条件',
};
/** 3 = most severe; the regulator's list sorts by it. */
export const EVENT_SEVERITY: Record<FireEventKind, 1 | 2 | 3> = {
  failed_items: 1,
  no_valid_presence: 2,
  expired_instrument: 2,
  unqualified_signer: 2,
  report_before_checkin: 2,
  suspected_false_report: 3,
  agency_suspended: 2,
};
export const SEVERITY_LABELS: Record<1 | 2 | 3, string> = { 1: '一般', 2: '较重', 3: '严重' };

export const CASE_STATES = ['investigating', 'decided'] as const;
export type FireCaseState = (typeof CASE_STATES)[number];
export const CASE_STATE_LABELS: Record<FireCaseState, string> = { investigating: '调查中', decided: '已处理' };

/** Why a plan or start is refused, in Chinese, by reason code of agencyQualification. */
export const QUALIFICATION_REASON_LABELS: Record<string, string> = {
  not_enterprise_legal_person: '不是企业法人',
  workplace_lt_200m2: '工作场所不足 200 平方米',
  workplace_lt_100m2: '工作场所不足 100 平方米',
  equipment_nonconforming: '设备不符合要求',
  registered_engineers_lt_2: '注册消防工程师不足 2 人',
  no_level1_registered_engineer: '没有一级注册消防工程师',
  operators_lt_6: '持证消防设施操作员不足 6 人',
  operators_intermediate_plus_lt_2: '中级及以上消防设施操作员不足 2 人',
  no_quality_management_system: '没有质量管理体系',
  no_assessment_process_control: '没有评估过程控制体系',
};

export const REPORT_DEFECT_LABELS: Record<string, string> = {
  missing_tech_lead_signature: '缺少技术负责人签名',
  tech_lead_not_level1: '技术负责人不是一级注册消防工程师',
  missing_project_lead_signature: '缺少项目负责人签名',
  missing_practice_seals: '缺少执业印章',
  missing_agency_seal: '缺少机构印章',
};
