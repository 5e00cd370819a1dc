import type { SubscriptionChoice, SubscriptionResult } from '@cityloop/shared/notify/subscriptions';
import type { User } from '../auth/users';

/** What a user last answered to WeChat's consent dialog for one template, and when (server time). */
export type SubscriptionConsent = { choice: SubscriptionChoice; at: Date };

/**
 * Kept on the user document (`subscriptionConsent.<templateId>`), so the WeChat sender, which already has
 * the user in hand (read once per drain), decides without another query. Template ids are the deployment's
 * own (validated against shared/notify/templates), so they hold no `.` or leading `$`.
 */
export type WithSubscriptionConsent = { subscriptionConsent?: Record<string, SubscriptionConsent> };
export const CONSENT_FIELD = 'subscriptionConsent';

/** ISO time of an answer (tolerates a hand-edited string). */
export const consentTime = (c: SubscriptionConsent): string => (c.at instanceof Date ? c.at.toISOString() : String(c.at));

export function consentOf(user: User | null, templateId: string): SubscriptionConsent | undefined {
  const all = (user as (User & WithSubscriptionConsent) | null)?.subscriptionConsent;
  return all && Object.prototype.hasOwnProperty.call(all, templateId) ? all[templateId] : undefined;
}

/** The `$set` that records these answers at `at` (the last answer per template wins). */
export function consentUpdate(results: SubscriptionResult[], at: Date): Record<string, SubscriptionConsent> {
  return Object.fromEntries(results.map((r) => [`${CONSENT_FIELD}.${r.templateId}`, { choice: r.choice, at }]));
}

/**
 * Why no subscription message of this template may go to this user, for the delivery log; null when it may
 * (accepted, or never asked — WeChat's own 43101 then still says no).
 */
export function refusalOf(user: User | null, templateId: string): string | null {
  const c = consentOf(user, templateId);
  if (!c || c.choice === 'accept') return null;
  const what = c.choice === 'ban' ? 'template banned for this user by WeChat' : 'user rejected the subscription';
  return `not sent: ${what} (${c.choice} ${templateId} at ${consentTime(c)})`;
}
