/**
 * Asking for subscription-message consent, free of `@tarojs/taro` (the wired-up `askSubscribe` is in
 * adapters/subscribe.ts). WeChat only shows its dialog when `wx.requestSubscribeMessage` is called from a
 * tap, takes at most 5 template ids, and refuses a list that mixes one-time and long-term templates
 * (docs/domain/platform.md §2). Whatever happens, the user's own action goes on: nothing here throws.
 */
import { WECHAT_TEMPLATES } from '@cityloop/shared/notify/templates';
import {
  MAX_TEMPLATES_PER_REQUEST,
  SUBSCRIPTION_CHOICES,
  type SubscriptionChoice,
  type SubscriptionKind,
  type SubscriptionReport,
  type SubscriptionResult,
  type TemplateKey,
} from '@cityloop/shared/notify/subscriptions';

export type TemplateTable = Record<string, { id: string; kind: SubscriptionKind }>;

/**
 * - `accepted` / `refused` / `partial`: the user answered (and the answer is being reported);
 * - `unsupported`: no dialog on this platform (H5, an old base library) — nothing was asked;
 * - `failed`: WeChat could not show the dialog; `timeout`: no answer in time (the report still follows);
 * - `nothing`: no template to ask for, or WeChat filtered them all.
 */
export type SubscribeStatus = 'accepted' | 'refused' | 'partial' | 'unsupported' | 'failed' | 'timeout' | 'nothing';
export type SubscribeOutcome = { status: SubscribeStatus; results: SubscriptionResult[]; errCode?: number };

/** WeChat's errCode when the user switched off every subscription message of this app (设置 → 订阅消息). */
export const MAIN_SWITCH_OFF = 20004;

/**
 * Which template ids one dialog may ask for: the keys' ids in order, without repeats, all of the first
 * key's kind (one-time and long-term cannot be mixed), at most 5. The rest are `dropped`.
 *
 * @example planSubscribe(['progress', 'pitAlarm']) // { tmplIds: ['TPL_PROGRESS', 'TPL_PIT_ALARM'], dropped: [] }
 */
export function planSubscribe(keys: readonly string[], templates: TemplateTable = WECHAT_TEMPLATES): { tmplIds: string[]; dropped: string[] } {
  const tmplIds: string[] = [];
  const dropped: string[] = [];
  let kind: SubscriptionKind | undefined;
  for (const key of keys) {
    const t = Object.prototype.hasOwnProperty.call(templates, key) ? templates[key] : undefined;
    if (!t) {
      dropped.push(key);
      continue;
    }
    if (tmplIds.includes(t.id)) continue;
    kind ??= t.kind;
    if (t.kind !== kind || tmplIds.length >= MAX_TEMPLATES_PER_REQUEST) dropped.push(key);
    else tmplIds.push(t.id);
  }
  return { tmplIds, dropped };
}

const isChoice = (v: unknown): v is SubscriptionChoice => (SUBSCRIPTION_CHOICES as readonly unknown[]).includes(v);

function outcomeOf(results: SubscriptionResult[]): SubscribeOutcome {
  const accepted = results.filter((r) => r.choice === 'accept').length;
  const status: SubscribeStatus = !results.length ? 'nothing' : accepted === results.length ? 'accepted' : accepted === 0 ? 'refused' : 'partial';
  return { status, results };
}

/** The success answer `{[tmplId]: 'accept'|'reject'|'ban'|'filter', errMsg}` → the decisions to record. */
export function readSubscribeAnswer(tmplIds: readonly string[], answer: unknown): SubscribeOutcome {
  const a = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>) : {};
  const results = tmplIds.flatMap((templateId) => (isChoice(a[templateId]) ? [{ templateId, choice: a[templateId] as SubscriptionChoice }] : []));
  return outcomeOf(results);
}

/**
 * A failed call. The main switch off means the user refuses them all (recorded as `reject`, so the
 * delivery log says so instead of WeChat's bare 43101); any other failure records nothing.
 */
export function readSubscribeFailure(tmplIds: readonly string[], err: unknown): SubscribeOutcome {
  const errCode = Number((err as { errCode?: unknown } | null)?.errCode);
  if (errCode === MAIN_SWITCH_OFF) return { ...outcomeOf(tmplIds.map((templateId) => ({ templateId, choice: 'reject' as const }))), errCode };
  return { status: 'failed', results: [], ...(Number.isFinite(errCode) ? { errCode } : {}) };
}

/** What a dedicated "接收提醒" button says afterwards (flows such as submitting a report stay silent). */
export function subscribeToast(o: SubscribeOutcome): string {
  switch (o.status) {
    case 'accepted':
      return '已开启消息提醒';
    case 'partial':
      return '部分提醒已开启';
    case 'refused':
      return o.errCode === MAIN_SWITCH_OFF ? '您已关闭订阅消息，可在小程序设置中打开' : '您未允许消息提醒，相关进展仍会发到站内消息';
    case 'unsupported':
      return '请在微信小程序中开启消息提醒';
    default:
      return '暂时无法开启消息提醒，请稍后再试';
  }
}

export type AskSubscribeDeps = {
  /**
   * Calls wx.requestSubscribeMessage synchronously (the tap gesture must still be on the stack) and returns
   * its answer, or null when the platform has no such dialog.
   */
  request: (tmplIds: string[]) => Promise<unknown> | null;
  /** POST /api/me/subscriptions; its failure is ignored. */
  report: (body: SubscriptionReport) => Promise<unknown>;
  /** Only a signed-in user's answer can be recorded. */
  canReport: () => boolean;
  /** How long the caller waits for the dialog at most; the answer is still reported when it comes. */
  timeoutMs?: number;
};

export const ASK_TIMEOUT_MS = 15_000;

/**
 * Builds `askSubscribe(keys)`: call it first thing in a tap handler (before any `await`). It resolves — never
 * rejects — as soon as the user answered or the platform said no; `unsupported` at once on H5.
 */
export function createAskSubscribe(deps: AskSubscribeDeps) {
  return function askSubscribe(keys: readonly TemplateKey[]): Promise<SubscribeOutcome> {
    const { tmplIds } = planSubscribe(keys);
    if (!tmplIds.length) return Promise.resolve({ status: 'nothing', results: [] });
    let pending: Promise<unknown> | null;
    try {
      pending = deps.request(tmplIds);
    } catch (e) {
      return Promise.resolve(readSubscribeFailure(tmplIds, e));
    }
    if (!pending) return Promise.resolve({ status: 'unsupported', results: [] });
    const answered = Promise.resolve(pending).then(
      (a) => readSubscribeAnswer(tmplIds, a),
      (e) => readSubscribeFailure(tmplIds, e),
    );
    void answered
      .then((o) => (o.results.length && deps.canReport() ? deps.report({ results: o.results }) : undefined))
      .catch(() => undefined); // recording is best effort; the next tap asks again
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ status: 'timeout', results: [] }), deps.timeoutMs ?? ASK_TIMEOUT_MS);
      void answered.then((o) => {
        clearTimeout(timer);
        resolve(o);
      });
    });
  };
}
