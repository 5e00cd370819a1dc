/** What every state-changing API answers when the request carries no record version (zod-free: the timers import it). */
export const MISSING_VERSION = '缺少记录版本号，请刷新页面后重试';
