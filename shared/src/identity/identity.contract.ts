/**
 * The identity API (`/api/auth/*`, `/api/invitations*`): request schemas the routes parse with, and the shapes
 * of the `data` they answer, which the mini-program reads (it imports the types only, never zod).
 */
import { z } from 'zod';
import { ROLES } from './roles';

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
  binding: roleBindingSchema,
  note: z.string().max(200).optional(),
  expiresInDays: z.number().int().min(1).max(90).default(7),
});

/** One role binding as the server presents it (`label` is Chinese, e.g. 巡查员). */
export interface UserRole {
  role: string;
  label?: string;
  level?: 'city' | 'town';
  cityId?: string;
  townId?: string;
  orgId?: string;
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

/** POST /api/auth/redeem-invitation: the user with the new role bound. */
export type RedeemResult = SessionUser;

/** A demo persona the login page offers while persona login is on. */
export interface Persona {
  key: string;
  name: string;
  roleLabel: string;
}

/** GET /api/config: what the client needs before login. */
export interface PublicConfig {
  devLogin: boolean;
  personas: Persona[];
}
