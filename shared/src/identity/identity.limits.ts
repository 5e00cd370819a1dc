/**
 * Zod-free limits of the identity API the mini-program checks before sending (the routes check the same values
 * through identity.contract.ts).
 */
export const NAME_MIN = 2;
export const NAME_MAX = 20;
/**
 * Letters (Chinese or Latin), the middle dot of transliterated names, spaces and brackets — no digits, so a phone
 * number can never hide in a name that lists show unmasked.
 */
export const NAME_PATTERN = /^[\p{L}\p{M}·.\s（）()]+$/u;

/** Why a name is refused, in Chinese; null when it is fine. */
export function nameProblem(raw: string): string | null {
  const name = raw.trim();
  if (name.length < NAME_MIN) return `姓名至少${NAME_MIN}个字`;
  if (name.length > NAME_MAX) return `姓名不能超过${NAME_MAX}个字`;
  if (!NAME_PATTERN.test(name)) return '姓名只能包含文字，不能含数字或符号';
  return null;
}

/** An 11-digit mainland mobile (what `users.phone` holds). */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
