/**
 * Subscription-message and SMS templates the platform sends. Template ids are configured per deployment
 * (approved in the WeChat MP admin and Tencent SMS console); these keys name them in code.
 */
export const WECHAT_TEMPLATES = {
  /** 通知公告: thing1 标题, thing2 内容摘要, time3 时间 */
  notice: { id: 'TPL_NOTICE', fields: ['thing1', 'thing2', 'time3'] },
} as const;

export const SMS_TEMPLATES = {
  /** 【城建监管】{1}：{2}，请登录小程序查看。 */
  notice: { id: '100001', params: 2 },
} as const;

/** Formats a Date as the `time` field type wants it: 2019年10月1日 15:01 (Asia/Shanghai). */
export function wechatTime(d: Date): string {
  const t = new Date(d.getTime() + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}`;
}
