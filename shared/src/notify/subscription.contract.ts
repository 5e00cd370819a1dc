import * as z from 'zod';
import { MAX_TEMPLATES_PER_REQUEST, SUBSCRIPTION_CHOICES, TEMPLATE_IDS } from './subscriptions';

/** POST /api/me/subscriptions: what wx.requestSubscribeMessage answered, per template (`filter` left out). */
export const recordSubscriptionsBody = z.object({
  results: z
    .array(
      z.object({
        templateId: z.string().refine((id) => TEMPLATE_IDS.includes(id), '未知的订阅消息模板'),
        choice: z.enum(SUBSCRIPTION_CHOICES, { error: '订阅结果只能是 accept、reject 或 ban' }),
      }),
    )
    .min(1, '缺少订阅结果')
    .max(MAX_TEMPLATES_PER_REQUEST, `一次最多记录 ${MAX_TEMPLATES_PER_REQUEST} 个模板`),
});
