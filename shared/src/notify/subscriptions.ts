/**
 * Subscription-message consent, as both ends speak it. The mini-program asks with
 * `wx.requestSubscribeMessage` (only from a tap) and reports what the user answered to
 * `POST /api/me/subscriptions`; the WeChat sender then skips templates the user refused.
 *
 * @example
 *   const body: SubscriptionReport = { results: [{ templateId: WECHAT_TEMPLATES.progress.id, choice: 'reject' }] };
 */
import { WECHAT_TEMPLATES } from './templates';

export type TemplateKey = keyof typeof WECHAT_TEMPLATES;
export type SubscriptionKind = 'longTerm' | 'oneTime';

/** WeChat's per-template answers that are a decision (`filter` — a duplicate title — is not). */
export const SUBSCRIPTION_CHOICES = ['accept', 'reject', 'ban'] as const;
export type SubscriptionChoice = (typeof SUBSCRIPTION_CHOICES)[number];

/** wx.requestSubscribeMessage takes at most 5 template ids per call. */
export const MAX_TEMPLATES_PER_REQUEST = 5;

export type SubscriptionResult = { templateId: string; choice: SubscriptionChoice };
/** Body of POST /api/me/subscriptions. */
export type SubscriptionReport = { results: SubscriptionResult[] };
/** One template's recorded consent, as GET/POST /api/me/subscriptions present it. */
export type SubscriptionState = { key: TemplateKey; templateId: string; choice: SubscriptionChoice | null; at: string | null };

/** The deployment's subscription template ids. */
export const TEMPLATE_IDS: string[] = Object.values(WECHAT_TEMPLATES).map((t) => t.id);

/** `TPL_PROGRESS` → `progress`; undefined for an id this deployment does not use. */
export function templateKeyOf(templateId: string): TemplateKey | undefined {
  return (Object.keys(WECHAT_TEMPLATES) as TemplateKey[]).find((k) => WECHAT_TEMPLATES[k].id === templateId);
}
