/**
 * The identity API (`/api/auth/*`, `/api/invitations*`): request schemas the routes parse with, and the shapes
 * of the `data` they answer, which the mini-program reads (it imports the types only, never zod).
 */
import * as z from 'zod';
import { ROLES } from './roles';
import { MOBILE_PATTERN, nameProblem } from './identity.limits';

/** A person's name as people type it (trimmed; letters only, see identity.limits.ts). */
export const personNameSchema = z.string().trim().superRefine((v, ctx) => {
  const problem = nameProblem(v);
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
});
/** A mainland mobile, spaces, dashes and +86 tolerated, normalised to 11 digits. */
export const mobileSchema = z
  .string()
  .transform((v) => v.replace(/[\s\-()]/g, '').replace(/^(?:\+?86|0086)/, ''))
  .refine((v) => MOBILE_PATTERN.test(v), '手机号格式不正确，请填写11位手机号');

export const wxLoginBody = z.object({ code: z.string().min(1, '缺少登录凭证').max(128) });
export const devLoginBody = z.object({ persona: z.string().min(1).max(64) });
export const redeemBody = z.object({ code: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{6,16}$/, '邀请码格式不正确') });

export const roleBindingSchema = z
  .object({
    role: z.enum(ROLES),
    level: z.enum(['city', 'town']).optional(),
    cityId: z.string().min(1),
    townId: z.string().min(1).optional(),
    gridIds: z.array(z.string().min(1)).max(500).optional(),
    orgId: z.string().min(1).optional(),
    projectIds: z.array(z.string().min(1)).max(500).optional(),
  })
  .strict()
  .refine((b) => b.role !== 'regulator' || (b.level === 'city' || (b.level === 'town' && !!b.townId)), {
    message: '监管角色须指定级别；镇街级须指定镇街',
  });

export const issueInvitationBody = z.object({
  /** the invitee: their contact account is created (or found by phone) and holds the binding at once */
  name: personNameSchema,
  phone: mobileSchema,
  binding: roleBindingSchema,
  note: z.string().max(200).optional(),
  expiresInDays: z.number().int().min(1).max(90).default(7),
});

/** PATCH /api/me */
export const updateProfileBody = z.object({ name: personNameSchema }).strict();
/** POST /api/me/phone/wechat: the code of `<Button openType="getPhoneNumber">` (single use, 5 minutes). */
export const wechatPhoneBody = z.object({ code: z.string().trim().min(1, '缺少手机号授权凭证').max(256) });

/** One role binding as the server presents it (`label` is Chinese, e.g. 巡查员). */
export interface UserRole {
  role: string;
  label?: string;
  level?: 'city' | 'town';
  cityId?: string;
  townId?: string;
  orgId?: string;
  /** the projects a project party's binding names */
  projectIds?: string[];
}

/** A signed-in user as the server presents them (`presentUser`: phone masked). */
export interface SessionUser {
  id: string;
  name: string;
  phone?: string;
  roles?: UserRole[];
  /** Optional preformatted role text; otherwise derived from `roles`. */
  roleLabel?: string;
}

/** POST /api/auth/wx-login, /api/auth/dev-login. */
export interface AuthResult {
  token: string;
  user: SessionUser;
}

/**
 * POST /api/auth/redeem-invitation: the session continues as the invited person's account (a new token: when
 * the code proved the invited phone, the WeChat account was merged into it).
 */
export type RedeemResult = AuthResult;

/** One role of the profile page with where it applies in words (南城街道 · 网格 nc-01 / 项目 …). */
export interface ProfileRole {
  role: string;
  label: string;
  scopeLabel: string;
}

/** GET /api/me/profile, PATCH /api/me: the 我的 page. `phone` masked (138****1234). */
export interface Profile {
  id: string;
  name: string;
  phone?: string;
  organisations: { id: string; name: string }[];
  roles: ProfileRole[];
}

/** GET /api/people/:id/phone: the whole number, for someone the policy lets see it (audited). */
export interface PersonPhone {
  id: string;
  name: string;
  phone: string;
}

/** A demo persona the login page offers while persona login is on. */
export interface Persona {
  key: string;
  name: string;
  roleLabel: string;
  /** the project(s) a pit party works on, by name */
  where?: string;
}

/** GET /api/config: what the client needs before login. */
export interface PublicConfig {
  devLogin: boolean;
  personas: Persona[];
}
