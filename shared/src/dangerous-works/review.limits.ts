/**
 * Labels and data tables of the 危大工程 expert review the pages need (zod-free: the mini-program imports this
 * file). Facts: docs/domain/dangerous-works.md.
 */

/** The sub-item categories of the 31号文 lists (the keys of classify-dangerous-work.ts CATEGORIES), in Chinese. */
export const CATEGORY_LABELS: Record<string, string> = {
  excavation: '基坑工程',
  formwork_support: '混凝土模板支撑工程',
  tool_formwork: '工具式模板工程',
  bearing_support: '承重支撑体系',
  scaffold_floor: '落地式钢管脚手架',
  scaffold_cantilever: '悬挑式脚手架',
  scaffold_attached_lifting: '附着式升降脚手架',
  manual_dug_pile: '人工挖孔桩',
  tunnelling: '暗挖工程',
  steel_structure: '钢结构安装',
  space_frame_or_membrane: '网架和索膜结构安装',
  curtain_wall: '建筑幕墙安装',
  lifting_nonstandard: '非常规起重吊装',
  lifting_by_crane: '起重机械吊装',
  crane_erection: '起重机械安装拆卸',
};

/** The numbers each category is classified by (docs/domain/dangerous-works.md §4), with their labels and units. */
export const CATEGORY_FIELDS: Record<string, { key: string; label: string; unit?: string; kind?: 'flag' | 'choice'; choices?: string[] }[]> = {
  excavation: [{ key: 'depthM', label: '开挖深度', unit: 'm' }, { key: 'complexConditions', label: '地质/周边环境/地下管线复杂', kind: 'flag' }],
  formwork_support: [
    { key: 'heightM', label: '搭设高度', unit: 'm' },
    { key: 'spanM', label: '搭设跨度', unit: 'm' },
    { key: 'totalLoadKNm2', label: '施工总荷载', unit: 'kN/m²' },
    { key: 'lineLoadKNm', label: '集中线荷载', unit: 'kN/m' },
    { key: 'tallNarrowIndependent', label: '高度大于支撑水平投影宽度且相对独立', kind: 'flag' },
  ],
  tool_formwork: [{ key: 'type', label: '类型', kind: 'choice', choices: ['滑模', '爬模', '飞模', '隧道模'] }],
  bearing_support: [{ key: 'pointLoadKN', label: '单点集中荷载', unit: 'kN' }],
  scaffold_floor: [{ key: 'heightM', label: '搭设高度', unit: 'm' }],
  scaffold_cantilever: [{ key: 'segmentHeightM', label: '分段架体搭设高度', unit: 'm' }],
  scaffold_attached_lifting: [{ key: 'liftHeightM', label: '提升高度', unit: 'm' }],
  manual_dug_pile: [{ key: 'depthM', label: '开挖深度', unit: 'm' }],
  tunnelling: [{ key: 'method', label: '工法', kind: 'choice', choices: ['矿山法', '盾构法', '顶管法'] }],
  steel_structure: [{ key: 'spanM', label: '跨度', unit: 'm' }],
  space_frame_or_membrane: [{ key: 'spanM', label: '跨度', unit: 'm' }],
  curtain_wall: [{ key: 'constructionHeightM', label: '施工高度', unit: 'm' }],
  lifting_nonstandard: [{ key: 'pieceWeightKN', label: '单件起吊重量', unit: 'kN' }],
  lifting_by_crane: [{ key: 'pieceWeightKN', label: '单件起吊重量', unit: 'kN' }],
  crane_erection: [{ key: 'ratedLoadKN', label: '额定起重量', unit: 'kN' }, { key: 'totalHeightM', label: '搭设总高度', unit: 'm' }, { key: 'baseElevationM', label: '基础标高', unit: 'm' }],
};

/** The expert library's specialties, as data (a review draws from the specialty its sub-item needs). */
export const EXPERT_SPECIALTIES: Record<string, string> = {
  geotech: '岩土/深基坑',
  formwork: '模架',
  lifting: '吊装与拆卸',
  demolition: '拆除',
  safety: '安全管理',
  steel: '钢结构与幕墙',
};

/** Which specialty reviews a sub-item of each category. */
export const CATEGORY_SPECIALTY: Record<string, string> = {
  excavation: 'geotech',
  manual_dug_pile: 'geotech',
  tunnelling: 'geotech',
  formwork_support: 'formwork',
  tool_formwork: 'formwork',
  bearing_support: 'formwork',
  scaffold_floor: 'formwork',
  scaffold_cantilever: 'formwork',
  scaffold_attached_lifting: 'formwork',
  steel_structure: 'steel',
  space_frame_or_membrane: 'steel',
  curtain_wall: 'steel',
  lifting_nonstandard: 'lifting',
  lifting_by_crane: 'lifting',
  crane_erection: 'lifting',
};

/** The participating units of a project (回避: their employees never sit as experts). */
export const PARTICIPANT_ROLE_LABELS: Record<string, string> = {
  owner: '建设单位',
  survey: '勘察单位',
  designer: '设计单位',
  contractor: '施工总承包单位',
  subcontractor: '分包单位',
  supervisor: '监理单位',
  monitor: '第三方监测单位',
};

export const EXPERT_TITLES = ['初级', '中级', '高级', '正高级'] as const;

/** The expert import sheet's columns (header text → field); 丰富经验 may be left out (否). */
export const EXPERT_IMPORT_COLUMNS = [
  ['姓名', 'name'],
  ['手机号', 'phone'],
  ['身份证号', 'idNumber'],
  ['职称', 'title'],
  ['从业年限', 'years'],
  ['专业', 'specialties'],
  ['工作单位', 'employer'],
  ['丰富经验', 'richExperience'],
] as const;

/** Why `expertAdmission` refuses, in words (the keeper's page shows them on an application). */
export const ADMISSION_REASON_LABELS: Record<string, string> = {
  title_not_senior: '须具有高级或正高级职称',
  experience_insufficient: '须从事本专业 15 年以上或具有丰富的专业经验',
  integrity_record: '有不良信用记录',
};

export const SCHEME_STATES = ['drafting', 'signed', 'returned', 'approved', 'review_pending', 'revising', 'rejected', 'passed'] as const;
export type SchemeState = (typeof SCHEME_STATES)[number];
export const SCHEME_STATE_LABELS: Record<SchemeState, string> = {
  drafting: '编制中',
  signed: '技术负责人已签字',
  returned: '总监退回',
  approved: '总监已审查',
  review_pending: '待专家论证',
  revising: '按专家意见修改中',
  rejected: '论证不通过，修改后重新论证',
  passed: '可实施',
};

export const SCHEME_ACTIONS = ['upload', 'sign', 'return', 'approve', 'apply_review', 'review_pass', 'review_revise', 'review_fail', 'inform_experts', 'reopen'] as const;
export type SchemeAction = (typeof SCHEME_ACTIONS)[number];
export const SCHEME_ACTION_LABELS: Record<SchemeAction, string> = {
  upload: '上传方案',
  sign: '技术负责人签字',
  return: '总监退回',
  approve: '总监审查签字',
  apply_review: '申请专家论证',
  review_pass: '论证通过',
  review_revise: '论证修改后通过',
  review_fail: '论证不通过',
  inform_experts: '告知专家修改情况',
  reopen: '分项变更，重新编制',
};

export const REVIEW_STATES = ['committed', 'inviting', 'convened', 'concluded', 'archived'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
  committed: '已申请，待抽取专家',
  inviting: '专家邀请中',
  convened: '专家已确认，待召开论证会',
  concluded: '论证结论已出具',
  archived: '已归档',
};

export const EXPERT_STATES = ['pending', 'active', 'suspended', 'removed'] as const;
export type ExpertState = (typeof EXPERT_STATES)[number];
export const EXPERT_STATE_LABELS: Record<ExpertState, string> = { pending: '待审核', active: '在库', suspended: '暂停', removed: '已出库' };

export const INVITATION_STATUS_LABELS: Record<string, string> = { invited: '待回复', accepted: '已接受', declined: '已谢绝', expired: '逾期未回复' };

/** An invited expert answers within this many hours; silence counts as a decline and the next one is drawn. */
export const INVITATION_REPLY_HOURS = 24;
/** The sign-in geofence around the meeting venue. */
export const MEETING_GEOFENCE_M = 500;
/** The minimum number of experts of a review (37号令 art. 12). */
export const REVIEW_PANEL_SIZE = 5;

/** The review's trail entries, in words (the review page's 全过程记录). */
export const REVIEW_ACTION_LABELS: Record<string, string> = {
  'review.apply': '施工单位申请专家论证（公布抽取承诺值）',
  'review.draw': '随机抽取专家并发出邀请',
  'review.accept': '专家接受邀请',
  'review.decline': '专家谢绝邀请，依序递补',
  'review.expire_invitations': '逾期未回复，依序递补',
  'review.sign_in': '专家会场签到',
  'review.opinion': '专家提交论证意见',
  'review.report': '出具论证报告（公开随机种子）',
  'review.inform': '施工单位告知专家修改情况',
  'review.archive': '归档',
  'review.consult': '基坑报警，邀请原论证专家研判',
  'review.consult_opinion': '专家提交联合意见',
};
