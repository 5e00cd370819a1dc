import type { Basis, CityClass, ClassKind, ClassTable, MajorClass } from './classes';
import type { ServiceAttribute } from './open311-attributes';

/**
 * The seed class table: GB/T 30428 大类 (docs/domain/city.md §1.3, verified) and ~30 common 小类 with their
 * 立案/结案 conditions and 处置时限. Codes 0101 (component) and event 0101–0106 (济源 市容环境) are
 * as cited in docs/domain/city.md; other small-class codes are recalled or assigned by us (`basis.code`), and
 * most limits are our proposal (`basis.limits`) — a city replaces this table with its own published
 * "立案、处置、结案标准" before going live. Limits are working hours (7.5 h = 1 working day).
 */

const major = (kind: ClassKind, code: string, name: string): MajorClass => ({ kind, code, name });

const MAJORS: MajorClass[] = [
  major('component', '01', '公用设施'),
  major('component', '02', '道路交通'),
  major('component', '03', '市容环境'),
  major('component', '04', '园林绿化'),
  major('component', '05', '房屋土地'),
  major('component', '06', '其他设施'),
  major('event', '01', '市容环境'),
  major('event', '02', '宣传广告'),
  major('event', '03', '施工管理'),
  major('event', '04', '突发事件'),
  major('event', '05', '街面秩序'),
];

type Row = [code: string, name: string, urgentHours: number, normalHours: number, file: string, close: string, codeBasis: Basis, limitsBasis: Basis];

const row = (kind: ClassKind) => ([code, name, urgentHours, normalHours, fileCondition, closeCondition, codeBasis, limitsBasis]: Row): CityClass => ({
  kind,
  code,
  majorCode: code.slice(0, 2),
  minorCode: code.slice(2, 4),
  name,
  limits: { urgentHours, normalHours },
  fileCondition,
  closeCondition,
  basis: { code: codeBasis, limits: limitsBasis },
});

const COVER_FILE = '井盖缺失、破损、移位、错位、松动响动，或与路面高差明显，影响通行安全';
const COVER_CLOSE = '井盖已补齐、更换或复位，与路面平顺、无响动，现场无安全隐患';

const COMPONENTS: Row[] = [
  ['0101', '上水井盖', 2, 15, COVER_FILE, COVER_CLOSE, 'V', 'D'],
  ['0102', '污水井盖', 2, 15, COVER_FILE, COVER_CLOSE, 'M', 'D'],
  ['0103', '雨水井盖', 2, 15, COVER_FILE, COVER_CLOSE, 'M', 'D'],
  ['0104', '雨水箅子', 2, 15, '雨水箅子缺失、破损、移位或堵塞，影响排水或通行安全', '箅子已补齐、更换或复位，雨水口排水通畅', 'M', 'D'],
  ['0105', '路灯', 4, 22.5, '路灯不亮、昼亮，灯杆倾斜、破损，或线路、接线盒外露', '路灯恢复正常照明，灯杆扶正或更换，线路已封闭', 'D', 'D'],
  ['0201', '公交站亭', 4, 37.5, '站亭顶棚、立柱、座椅、站牌破损、缺失或严重污损', '站亭设施修复或更换，站牌信息完整清晰', 'D', 'D'],
  ['0202', '过街天桥', 4, 37.5, '天桥护栏、台阶、桥面破损或照明设施损坏，存在安全隐患', '破损部位修复，通行安全，照明恢复', 'D', 'D'],
  ['0203', '交通标志牌', 4, 22.5, '交通标志牌缺失、倾斜、破损、被遮挡或内容错误', '标志牌补齐、扶正或更换，清晰可见', 'D', 'D'],
  ['0204', '护栏', 4, 22.5, '道路护栏缺失、破损、倾倒或变形侵占车道、人行道', '护栏补齐、修复或扶正，连续完整', 'D', 'D'],
  ['0301', '公共厕所', 2, 7.5, '公厕设施损坏、明显不洁或未按公示时间开放', '设施修复，厕内整洁无异味，按时开放', 'D', 'D'],
  ['0302', '垃圾箱', 2, 7.5, '垃圾箱缺失、破损、满溢或周边散落垃圾', '垃圾箱补齐或更换，已清运，周边整洁', 'D', 'D'],
  ['0303', '广告牌匾', 2, 37.5, '广告牌匾破损、松动、字体缺损或有坠落危险', '牌匾加固、修复或拆除，无坠落隐患', 'D', 'D'],
  ['0401', '行道树', 2, 22.5, '行道树倒伏、断枝、枯死，或树枝遮挡标志、影响通行', '倒伏树木扶正或移除，断枝清理，通行无碍', 'D', 'D'],
  ['0402', '街头座椅', 7.5, 37.5, '街头座椅破损、缺失、松动或严重污损', '座椅修复或更换，稳固整洁', 'D', 'D'],
];

const EVENTS: Row[] = [
  ['0101', '违法搭建', 7.5, 112.5, '未经审批正在搭建或已建成的建（构）筑物，侵占公共空间或影响市容', '违法建（构）筑物已拆除或依法处理，现场恢复原状', 'V', 'V'],
  ['0102', '暴露垃圾', 2, 7.5, '道路、广场、绿地等公共区域有暴露垃圾、散落垃圾袋', '垃圾已清除，现场无残留', 'V', 'V'],
  ['0103', '积存垃圾渣土', 4, 15, '公共区域积存垃圾、建筑渣土，面积或体积明显', '积存垃圾渣土已清运，现场整洁', 'V', 'D'],
  ['0104', '道路不洁', 2, 5, '路面有明显污物、油污、泥沙或成片废弃物，未及时清扫', '路面清扫干净，无污渍、无积存', 'V', 'V'],
  ['0105', '水域不洁', 4, 15, '河道、湖面有漂浮垃圾、油污或死亡动物', '水面漂浮物已打捞清理，水面洁净', 'V', 'D'],
  ['0106', '绿地脏乱', 4, 7.5, '绿地内有垃圾、杂物堆放或明显脏乱', '绿地内垃圾杂物已清理，恢复整洁', 'V', 'D'],
  ['0201', '非法小广告', 2, 7.5, '墙面、设施上张贴、喷涂、刻画非法小广告', '小广告已清除，墙面设施无残留痕迹', 'D', 'D'],
  ['0301', '工地扬尘', 1, 4, '工地未覆盖、未洒水或车辆带泥上路，产生明显扬尘', '裸土已覆盖、洒水降尘，车辆冲洗到位，无明显扬尘', 'D', 'D'],
  ['0302', '施工占道', 2, 7.5, '施工占用道路超出许可范围或未设置围挡、警示标志', '恢复许可范围或撤除占道，围挡与警示齐全', 'D', 'D'],
  ['0401', '路面塌陷', 1, 4, '路面出现塌陷、坑洞或明显沉降，危及通行安全', '塌陷处已围挡并修复，路面平整', 'D', 'D'],
  ['0402', '道路积水', 1, 4, '道路、下穿通道积水影响车辆行人通行', '积水已排除，排水设施畅通', 'D', 'D'],
  ['0501', '无照经营游商', 1, 4, '占用道路、广场无照流动经营', '游商已劝离或依法处理，现场无占道经营', 'D', 'D'],
  ['0502', '店外经营', 1, 4, '商户超出门窗在店外摆卖、作业或占道经营', '店外经营已清理，商品设施回归店内', 'D', 'D'],
  ['0503', '乱堆物堆料', 2, 7.5, '公共区域乱堆杂物、建材或废品，影响通行或市容', '堆物堆料已清理，现场整洁通畅', 'D', 'D'],
  ['0504', '机动车乱停放', 1, 2, '机动车在人行道、盲道、绿地或禁停区域停放', '车辆已驶离或依法处理，通道恢复通行', 'D', 'D'],
];

/** What a manhole-cover report must say: the unit sends a new cover, a crew to re-seat one, or a fence first. */
const COVER_CONDITION: ServiceAttribute = {
  code: 'cover_condition',
  description: '井盖状况',
  datatype: 'singlevaluelist',
  required: true,
  values: [
    { key: 'missing', name: '缺失' },
    { key: 'broken', name: '破损' },
    { key: 'displaced', name: '移位、错位' },
    { key: 'loose', name: '松动响动' },
  ],
  order: 1,
};
const PLATE: ServiceAttribute = { code: 'plate', description: '车牌号（如能看清）', datatype: 'string', required: false, order: 1 };
const ATTRIBUTES: Record<string, readonly ServiceAttribute[]> = {
  'component:0101': [COVER_CONDITION],
  'component:0102': [COVER_CONDITION],
  'component:0103': [COVER_CONDITION],
  'event:0504': [PLATE],
};
const withAttributes = (c: CityClass): CityClass => {
  const attributes = ATTRIBUTES[`${c.kind}:${c.code}`];
  return attributes ? { ...c, attributes } : c;
};

/** The national seed table (see the file comment for provenance). */
export const SEED_CLASS_TABLE: ClassTable = {
  majors: MAJORS,
  classes: [...COMPONENTS.map(row('component')), ...EVENTS.map(row('event'))].map(withAttributes),
};
