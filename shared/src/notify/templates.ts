/**
 * Subscription-message and SMS templates the platform sends. Template ids are configured per deployment
 * (approved in the WeChat MP admin and Tencent SMS console); these keys name them in code.
 * `kind`: `longTerm` (政务民生 public-library templates, sent repeatedly) or `oneTime` (one send per accept);
 * WeChat refuses a consent request that mixes the two (docs/domain/platform.md §2).
 */
export const WECHAT_TEMPLATES = {
  /** 通知公告: thing1 标题, thing2 内容摘要, time3 时间 */
  notice: { id: 'TPL_NOTICE', kind: 'longTerm', fields: ['thing1', 'thing2', 'time3'] },
  /** 基坑监测预警: thing1 项目, thing2 测点, character_string3 累计/控制值, phrase4 等级, time5 时间 */
  pitAlarm: { id: 'TPL_PIT_ALARM', kind: 'longTerm', fields: ['thing1', 'thing2', 'character_string3', 'phrase4', 'time5'] },
  /** 处置进度: thing1 事项, phrase2 状态, thing3 说明, time4 时间 */
  progress: { id: 'TPL_PROGRESS', kind: 'longTerm', fields: ['thing1', 'phrase2', 'thing3', 'time4'] },
} as const satisfies Record<string, { id: string; kind: 'longTerm' | 'oneTime'; fields: readonly string[] }>;

export const SMS_TEMPLATES = {
  notice: { id: '100001', params: 2, content: '{1}：{2}，请登录小程序查看。' },
  /** {1} is the project name without a trailing 基坑 (the template says it); {3} {4} {6} carry their units */
  pitAlarm: { id: '100002', params: 6, content: '{1}基坑测点{2}累计{3}，控制值{4}，{5}，速率{6}，请立即处置。' },
  progress: { id: '100003', params: 2, content: '{1}：{2}。' },
  /** 危险报警 raised by hand: {1} project, {2} what was found */
  pitDanger: { id: '100004', params: 2, content: '{1}危险报警：{2}。请各方立即赶赴现场处置。' },
  /** 逾期督办: {1} project, {2} which alarm (测点ZQS1 / 危险报警 / 水位数据可疑), {3} its level, {4} who is overdue */
  pitOverdue: { id: '100005', params: 4, content: '{1}{2}（{3}）{4}，已升级督办，请立即处置。' },
  /** 岗位邀请: {1} the invitee's name, {2} the role (巡查员), {3} the invitation code */
  invitation: { id: '100010', params: 3, content: '{1}您好，您被邀请担任{2}，邀请码{3}。请在“城建监管”小程序登录后输入邀请码完成绑定。' },
  /** 验证码 (a 验证码类 template): {1} the code, {2} minutes it is valid */
  verifyCode: { id: '100006', params: 2, content: '您的验证码为{1}，{2}分钟内有效。如非本人操作，请忽略本短信。' },
} as const;

const beijing = (d: Date) => new Date(d.getTime() + 8 * 3600_000); // Asia/Shanghai, no daylight saving
const pad2 = (n: number) => String(n).padStart(2, '0');

/** A day and time in a message's text, the year left out: 10月1日 15:01 (Asia/Shanghai). */
export function monthDayTime(d: Date): string {
  const t = beijing(d);
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}`;
}

/** Formats a Date as the `time` field type wants it: 2019年10月1日 15:01 (Asia/Shanghai). */
export function wechatTime(d: Date): string {
  return `${beijing(d).getUTCFullYear()}年${monthDayTime(d)}`;
}
