import { z } from 'zod';
import { ROLES } from '@cityloop/shared/identity/roles';

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
