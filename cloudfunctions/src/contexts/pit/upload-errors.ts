import { DomainError, isDomainError } from '@cityloop/shared/errors';
import type { LineIssue } from '@cityloop/shared/pit/pit.errors';
import { gsiWordZh } from '@cityloop/shared/pit/gsi-word-names';

/**
 * What a monitoring unit reads when an upload is refused. The shared solver keeps its English messages (they
 * name request fields, e.g. `raw.text: line 7: …`, and are the `cityloop pit solve` output auditors script
 * against; docs/domain/pit.md §6 only fixes the `{code, message}` shape), so the translation happens here, at the ingest
 * boundary: same `code`, a Chinese message saying which line / word / field and what is expected; the English
 * original goes to the log only.
 */

/** The 413 a pit upload gets (gateway and ingest function): there is no direct-upload path for pit files. */
export { PIT_UPLOAD_TOO_LARGE } from '@cityloop/shared/pit/domain/upload-limits';

/** `back staff reading (WI 331)` or `WI 331` → `后视读数（WI 331）`. */
const WI = String.raw`(?:[a-z][a-z -]*? \(WI (\d+)\)|WI (\d+))`;
const wi = (a?: string, b?: string) => gsiWordZh(Number(a ?? b));
const UNIT_ZH: Record<string, string> = {
  gon: '哥恩（gon）', 'decimal degrees': '十进制度', 'DDD.MMSSs': '度分秒（DDD.MMSSs）', mil: '密位（mil）',
  'm (last digit mm)': '米（末位 mm）', 'ft (last digit 1/1000 ft)': '英尺', 'm (last digit 0.1 mm)': '米（末位 0.1 mm）', 'ft (last digit 1/10000 ft)': '英尺', 'm (last digit 0.01 mm)': '米（末位 0.01 mm）',
  ft: '英尺', in: '英寸', m: '米', mm: '毫米',
};
const unitZh = (u: string) => UNIT_ZH[u] ?? u;
/** GSI / DiNi reading labels of the level-route builder. */
const READING_ZH: Record<string, string> = {
  'back reading 331': '后视读数（WI 331）', 'fore reading 332': '前视读数（WI 332）', 'second back reading 335': '第二次后视读数（WI 335）', 'second fore reading 336': '第二次前视读数（WI 336）',
  'first Rb': '第一次后视读数 Rb', 'first Rf': '第一次前视读数 Rf', 'second Rb': '第二次后视读数 Rb', 'second Rf': '第二次前视读数 Rf',
};
const reading = (s: string) => READING_ZH[s] ?? s;
const q = (s: string) => `“${s}”`;

type Rule = [RegExp, (m: RegExpExecArray) => string];
const RULES: Rule[] = [
  // GSI words (docs/domain/pit.md §3.1)
  [/^truncated \((\d+) of (\d+) characters for GSI-(8|16)\)$/, (m) => `只有 ${m[1]} 个字符，GSI-${m[3]} 每个数据字应为 ${m[2]} 个字符，文件可能被截断或不是 GSI 格式`],
  [/^too long \((\d+) of (\d+) characters for GSI-(8|16)\)$/, (m) => `有 ${m[1]} 个字符，GSI-${m[3]} 每个数据字应为 ${m[2]} 个字符`],
  [/^GSI-16 word in a line without the leading '\*'$/, () => '这是 GSI-16 的数据字，但该行行首缺少“*”'],
  [/^garbled word index/, () => '字索引（WI）损坏：第 1–2 位应为数字'],
  [/^garbled info field \(positions 3–6 '(.*)'\)$/, (m) => `信息位（第 3–6 位）${q(m[1])}损坏`],
  [/^garbled sign '(.*)' \(position 7 must be \+ or -\)$/, (m) => `符号位${q(m[1])}无效：第 7 位应为 + 或 -`],
  [/^garbled block number '(.*)'$/, (m) => `块号${q(m[1])}损坏，应为数字`],
  [/^garbled point id$/, () => '点号损坏'],
  [new RegExp(`^${WI} in (.+); expected a length unit`), (m) => `${wi(m[1], m[2])}的单位是${unitZh(m[3])}，应为长度单位（第 6 位为 0、1、6、7 或 8）`],
  [new RegExp(`^${WI} in (.+); expected an angle unit`), (m) => `${wi(m[1], m[2])}的单位是${unitZh(m[3])}，应为角度单位（第 6 位为 2、3、4 或 5）`],
  [new RegExp(`^${WI} has no valid unit code '(.*)' \\(position 6: ([0-9, or]+)\\)$`), (m) => `${wi(m[1], m[2])}的单位代码${q(m[3])}无效（第 6 位应为 ${m[4].replace(/, | or /g, '、')}）`],
  [new RegExp(`^garbled data '(.*)' for ${WI} \\(digits expected\\)$`), (m) => `${wi(m[2], m[3])}的数据${q(m[1])}损坏，应为数字`],
  [new RegExp(`^${WI} (.+)° outside \\[0, 360\\)$`), (m) => `${wi(m[1], m[2])} ${m[3]}° 超出 0–360° 范围`],
  [/^minutes\/seconds out of range in DDDMMSSs '(.*)'$/, (m) => `角度${q(m[1])}的分或秒超过 60（格式应为 DDDMMSSs）`],
  [/^no angle unit$/, () => '缺少角度单位'],
  // leveling lines (GSI 41 / DiNi) and stations
  [/^unknown leveling method code (.+) in the line header/, (m) => `行首的水准观测方法代码 ${m[1]} 无法识别（应为 1 BF、2 BFFB、3 aBF 或 4 aBFFB）`],
  [/^more than one staff reading \(WI 330–336\) in one block$/, () => '同一数据块中有多个标尺读数（WI 330–336），每块只能有一个'],
  [/^(\d+) staff reading without a point id \(WI 11\)$/, (m) => `标尺读数（WI ${m[1]}）缺少点号（WI 11）`],
  [/^result for point '(.*)' but the station's fore point is '(.*)'$/, (m) => `结果行的点号${q(m[1])}与本测站前视点${q(m[2])}不一致`],
  [/^intermediate sight to '(.*)' before any back reading$/, (m) => `中间视${q(m[1])}出现在任何后视读数之前`],
  [/^no leveling stations \(back and fore readings\) found$/, () => '文件中没有水准测站（后视和前视读数），请确认上传的是水准观测原始文件'],
  [/^station incomplete: missing (.+)$/, (m) => `测站不完整：缺少${reading(m[1])}`],
  [/^station incomplete: method (\S+) needs (.+) and (.+)$/, (m) => `测站不完整：观测方法 ${m[1]} 需要${reading(m[2])}和${reading(m[3])}`],
  [/^station incomplete: (.+) without (.+)$/, (m) => `测站不完整：有${reading(m[1])}而没有${reading(m[2])}`],
  [/^(.+) is to '(.*)' but (.+) to '(.*)'$/, (m) => `${reading(m[1])}照准${q(m[2])}，而${reading(m[3])}照准${q(m[4])}，同一测站的点号应一致`],
  [/^back and fore point are both '(.*)'$/, (m) => `后视点和前视点都是${q(m[1])}`],
  [/^the route starts at '(.*)' but start is '(.*)'$/, (m) => `水准路线从${q(m[1])}开始，但本项目的起算基准点是${q(m[2])}`],
  [/^the route ends at '(.*)' but end is '(.*)'$/, (m) => `水准路线在${q(m[1])}结束，但本项目的闭合基准点是${q(m[2])}`],
  [/^back point '(.*)' does not continue the route from '(.*)'$/, (m) => `后视点${q(m[1])}没有接上一站的前视点${q(m[2])}，路线不连续`],
  [/^unknown point '(.*)' \(not a benchmark nor in known_points\)$/, (m) => `测点${q(m[1])}既不是基准点，也未在本项目登记（请先登记测点）`],
  // total-station GSI (docs/domain/pit.md §2.2, §3.1)
  [/^horizontal angle \(WI 21\) without a point id \(WI 11\)$/, () => '水平角（WI 21）缺少点号（WI 11）'],
  [/^distance without a vertical angle \(WI 22\) for point '(.*)'$/, (m) => `点${q(m[1])}有距离而没有竖直角（WI 22）`],
  [/^no total-station observations \(WI 21\) found$/, () => '文件中没有全站仪观测（水平角 WI 21），请确认上传的是全站仪原始文件'],
  [/^'(.*)' is the station itself$/, (m) => `点${q(m[1])}就是测站本身，不能作为观测点`],
  [/^'(.*)' coincides with the station; its azimuth is undefined$/, (m) => `后视点${q(m[1])}与测站坐标相同，无法定向（请检查控制点坐标）`],
  [/^no observation with a distance$/, () => '没有带距离的观测，无法计算坐标'],
  // DiNi M5 (docs/domain/pit.md §3.2)
  [/^not an M5 record \(expected 'For M5\|', got '(.*)'\)$/, (m) => `不是 M5 格式的记录：应以“For M5|”开头，实为${q(m[1])}`],
  [/^garbled address field/, () => '地址字段损坏，应为“Adr nnnnn”'],
  [/^unknown information block '(.*)'/, (m) => `信息块${q(m[1])}无法识别（应为 KD1、KD2、TO 或 TI）`],
  [/^value block (\d+) '(.*?)': (.+)$/, (m) => `第 ${m[1]} 个数据块${q(m[2])}：${translate(m[3])}`],
  [/^garbled type identifier '(.*)'$/, (m) => `类型标识${q(m[1])}损坏`],
  [/^garbled number '(.*)'$/, (m) => `数值${q(m[1])}损坏，应为数字`],
  [/^unexpected text after the unit$/, () => '单位后面有多余内容'],
  [/^(\S+) has no unit$/, (m) => `${m[1]} 缺少单位`],
  [/^(\S+) in (\S+); expected a length unit/, (m) => `${m[1]} 的单位是${unitZh(m[2])}，应为长度单位（m、mm、ft 或 in）`],
  [/^unknown unit '(.*)' \(expected m, mm, ft or in\)$/, (m) => `单位${q(m[1])}无法识别（应为 m、mm、ft 或 in）`],
  [/^staff reading without a point id$/, () => '标尺读数缺少点号'],
  [/^more than one staff reading \(Rb\/Rf\/Rz\) in one line$/, () => '同一行有多个标尺读数（Rb/Rf/Rz），每行只能有一个'],
  [/^staff reading before any 'Start-Line <method>' record$/, () => '标尺读数出现在“Start-Line <观测方法>”记录之前'],
  [/^unknown leveling method '(.*)'/, (m) => `水准观测方法${q(m[1])}无法识别（应为 BF、BFFB、aBF、aBFFB、BBFF 或 BFBF）`],
  // inclinometer CSV (docs/domain/pit.md §3.3)
  [/^expected the header line/, () => '第一行应为表头“# hole=…; L=…; unit=…; time=…”'],
  [/^header item '(.*)' is not key=value$/, (m) => `表头项${q(m[1])}不是“键=值”的形式`],
  [/^header: (\w+) is required$/, (m) => `表头缺少 ${m[1]}（应包含 hole、L、unit、time）`],
  [/^header: L must be a positive number of metres, got '(.*)'$/, (m) => `表头 L 应为正数（测读间距，单位 m），实为${q(m[1])}`],
  [/^header: time '(.*)' is not ISO 8601$/, (m) => `表头时间${q(m[1])}无法识别，应为 ISO 8601 时间，例如 2026-05-10T09:00:00+08:00`],
  [/^header: unit=digits needs factor/, () => '表头 unit=digits 时须给出 factor=<每个读数对应的 mm>（见探头标定证书）'],
  [/^header: unknown unit '(.*)'/, (m) => `表头单位${q(m[1])}无法识别（应为 mm_per_interval、sin 或 digits）`],
  [/^header: bottom_fixed must be true or false, got '(.*)'$/, (m) => `表头 bottom_fixed 应为 true 或 false，实为${q(m[1])}`],
  [/^the column header line .* is missing$/, () => '缺少列名行（depth_m,A0,A180[,B0,B180]）'],
  [/^column depth_m is missing$/, () => '缺少 depth_m 列'],
  [/^pre-averaged data; both faces/, () => '这是已取平均的数据；须上传正反两测（A0 和 A180）原始读数，用于校核和检验'],
  [/^column (\w+) is missing; both faces/, (m) => `缺少 ${m[1]} 列；须上传正反两测（A0 和 A180）原始读数`],
  [/^column (\w+) is missing; the B axis needs both faces too$/, (m) => `缺少 ${m[1]} 列；B 向也须正反两测（B0 和 B180）`],
  [/^column A180 is empty in every row/, () => 'A180 列每行都为空，是单测数据；须上传正反两测（A0 和 A180）'],
  [/^column (\w+): empty$/, (m) => `${m[1]} 列为空，应为数字`],
  [/^column (\w+): expected number, got '(.*)'$/, (m) => `${m[1]} 列的值${q(m[2])}不是数字`],
  [/^column depth_m: must be ≥ 0, got (.+)$/, (m) => `深度 ${m[1]} 为负，depth_m 应 ≥ 0`],
  [/^column depth_m: duplicate depth (.+)$/, (m) => `深度 ${m[1]} m 重复`],
  // data-logger CSV (vibrating wire, water level, coordinates, tilt, cracks; docs/domain/pit.md §3.4)
  [/^header lacks column '(.*)'$/, (m) => `表头缺少 ${m[1]} 列`],
  [/^expected (\d+) columns, got (\d+)$/, (m) => `应有 ${m[1]} 列，实有 ${m[2]} 列`],
  [/^missing (\w+)$/, (m) => `缺少 ${m[1]}（测点编号）`],
  [/^bad time '(.*)' \(ISO 8601 expected\)$/, (m) => `时间${q(m[1])}无法识别，应为 ISO 8601 时间，例如 2026-05-10T09:00:00+08:00`],
  [/^(\w+): '(.*)' is not a number$/, (m) => `${m[1]} 的值${q(m[2])}不是数字`],
  [/^empty file$/, () => '文件为空'],
  [/^no data rows$/, () => '没有数据行'],
  [/^\(and (\d+) more\)$/, (m) => `（另有 ${m[1]} 处问题）`],
];

/** One English solver phrase (without its `line N:` prefix) in Chinese; a generic Chinese hint if unknown. */
export function translate(msg: string): string {
  for (const [re, zh] of RULES) {
    const m = re.exec(msg);
    if (m) return zh(m);
  }
  return '格式不正确，请对照仪器导出的原始格式检查';
}

/** `line 7: word 3 '33..xx+0001': garbled …` → `第 7 行第 3 个数据字“33..xx+0001”：…`. */
export function issueZh(message: string): string {
  const m = /^line (\d+|\?): (?:word (\d+) '([^']*)': )?([\s\S]*)$/.exec(message);
  if (!m) return translate(message);
  return `第 ${m[1]} 行${m[2] ? `第 ${m[2]} 个数据字${q(m[3])}` : ''}：${translate(m[4])}`;
}

const fieldZh = (field: string | undefined): string => {
  if (!field || field === 'raw.text' || field === 'text') return '文件';
  if (/^backsights\[\d+\]/.test(field)) return '控制点';
  const line = /^raw\.text: line (\d+|\?)$/.exec(field);
  return line ? `第 ${line[1]} 行` : field;
};

/**
 * The ingest's own checks speak Chinese from their first character; the solver's English starts with a field
 * name (`raw.text: line 1: …`) — and may quote Chinese from the file, so "contains Chinese" is no test.
 */
const startsChinese = (s: string) => /^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“]/.test(s);
/** Shown in full up to this many problems; beyond it the file is most likely not this format at all. */
const LISTED_ISSUES = 5;

/**
 * The error a monitoring unit sees for a refused upload: the same code and status, a Chinese message.
 * Already-Chinese errors (the ingest's own checks) pass through unchanged.
 */
export function uploadErrorForMonitoringUnit(e: unknown): unknown {
  if (!isDomainError(e) || startsChinese(e.message)) return e;
  const data = (e.data ?? {}) as { field?: string; issues?: LineIssue[] } & Record<string, unknown>;
  if (Array.isArray(data.issues) && data.issues.length) {
    const issues = data.issues.map((i) => ({ ...i, message: issueZh(i.message) }));
    if (issues.length > LISTED_ISSUES) {
      const lines = new Set(issues.map((i) => i.line)).size;
      const first = issues.slice(0, 3).map((i) => i.message).join('；');
      return new DomainError(e.code, e.status, `文件有 ${lines} 行、${issues.length} 处不符合所选格式，可能不是仪器导出的原始文件、选错了格式或文件已损坏。前几处：${first}`, { ...data, issues });
    }
    return new DomainError(e.code, e.status, `文件有 ${issues.length} 处问题：${issues.map((i) => i.message).join('；')}`, { ...data, issues });
  }
  const field = data.field;
  const rest = field && e.message.startsWith(`${field}: `) ? e.message.slice(field.length + 2) : e.message;
  const inner = issueZhIfLine(rest);
  return new DomainError(e.code, e.status, `${fieldZh(field)}：${inner}`, data);
}

const issueZhIfLine = (s: string) => (/^line (\d+|\?): /.test(s) ? issueZh(s) : translate(s));
