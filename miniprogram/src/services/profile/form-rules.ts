/**
 * The 我的 page's checks before sending (the same rules the server applies: shared/identity/identity.limits.ts).
 */
import { MOBILE_PATTERN, nameProblem } from '@cityloop/shared/identity/identity.limits';

/** Why the name cannot be saved, or null. */
export const checkName = (name: string): string | null => nameProblem(name);

/** The dev build's test phone (H5 has no WeChat phone button): 11 digits or a reason. */
export function checkDevPhone(raw: string): string | null {
  const phone = raw.replace(/[\s-]/g, '');
  return MOBILE_PATTERN.test(phone) ? null : '请输入11位手机号';
}

/** 138****1234, or the invitation to bind one. */
export const phoneText = (masked?: string): string => masked ?? '未绑定';
