/**
 * Notices and the delivery log (`POST /api/notices`, `GET /api/notices/:id`, `GET /api/deliveries`):
 * request schemas the routes parse with and the `data` they answer.
 */
import * as z from 'zod';
import type { Channel } from './message';

export const NOTICE_TITLE_MAX = 40;
export const NOTICE_BODY_MAX = 1000;
export const NOTICE_RECIPIENTS_MAX = 200;
export const DELIVERY_PAGE_MAX = 200;
export const DELIVERY_PAGE_DEFAULT = 50;

/** POST /api/notices: a regulator's notice to named users, in the inbox and by WeChat (and SMS if asked). */
export const sendNoticeRequest = z.object({
  cityId: z.string().min(1),
  townId: z.string().min(1).optional(),
  title: z.string().trim().min(1, '标题不能为空').max(NOTICE_TITLE_MAX),
  body: z.string().trim().min(1, '内容不能为空').max(NOTICE_BODY_MAX),
  recipients: z.array(z.string().min(1)).min(1, '至少选择一位接收人').max(NOTICE_RECIPIENTS_MAX),
  sms: z.boolean().default(false),
});
export type SendNoticeBody = z.input<typeof sendNoticeRequest>;

/** GET /api/deliveries. */
export const deliveryListQuery = z.object({ status: z.enum(['ok', 'failed']).optional(), limit: z.coerce.number().int().min(1).max(DELIVERY_PAGE_MAX).default(DELIVERY_PAGE_DEFAULT) });

/** What `POST /api/notices` answers (201). */
export interface NoticeSent {
  id: string;
  /** how many users it went to */
  recipients: number;
}

/** GET /api/notices/:id. */
export interface NoticeView {
  id: string;
  title: string;
  body: string;
  recipients: number;
  createdAt: string;
  /** the notice's events, times as ISO 8601 */
  history: { id: string; action: string; at: string; actorId: string | null }[];
}

/** One row of `GET /api/deliveries`: one attempt on one channel, failures included. */
export interface DeliveryRow {
  id: string;
  channel: Channel;
  userId: string;
  attempt: number;
  ok: boolean;
  error?: string;
  /** the previous lease expired mid-send: the provider may have accepted it already */
  afterExpiredLease: boolean;
  at: string;
}
