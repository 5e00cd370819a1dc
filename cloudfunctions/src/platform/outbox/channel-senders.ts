import type { Db } from 'mongodb';
import type { Senders } from './senders';
import { INBOX, type InboxItem } from './inbox.collection';
import { insertNew } from '../db/insert-new';
import { refusalOf } from './subscription-consent';
import { isPermanentSmsFailure } from '../sms/sms-errors';
import { takeRoutineSms } from './sms-budget';

/** The subset of the WeChat and SMS clients the senders use (platform/wechat, platform/sms). */
export type SubscribeSender = {
  sendSubscribeMessage(msg: {
    touser: string;
    template_id: string;
    page?: string;
    data: Record<string, { value: string }>;
    miniprogram_state?: 'developer' | 'trial' | 'formal';
  }): Promise<{ ok: true; msgid: string | number } | { ok: false; errcode: number; errmsg: string }>;
};
export type SmsSender = {
  send(req: { phones: string[]; templateId: string; params: string[] }): Promise<Array<{ phone: string; ok: boolean; code: string; message: string; serialNo?: string }>>;
};

// WeChat errors that retrying cannot fix: bad openid, bad template, user refused / quota used, bad value, bad page.
const WECHAT_PERMANENT = new Set([40003, 40037, 43101, 47003, 41030]);

export function createSenders(deps: { db: Db; wechat: SubscribeSender; sms: SmsSender; miniprogramState: 'developer' | 'trial' | 'formal' }): Senders {
  return {
    inbox: async (e) => {
      const item: InboxItem = { _id: e.messageId, userId: e.userId, title: e.title, body: e.body, link: e.link, createdAt: e.createdAt };
      await insertNew(deps.db.collection<InboxItem>(INBOX), [item]); // once per message, even if retried
      return { ok: true, providerId: item._id };
    },
    wechat: async (e, user) => {
      if (!e.wechat) return { ok: false, error: 'no wechat template on message', permanent: true };
      if (!user?.openid) return { ok: false, error: 'user has no openid (never logged in through WeChat)', permanent: true };
      const refused = refusalOf(user, e.wechat.templateId); // asked and said no: WeChat would answer 43101
      if (refused) return { ok: false, error: refused, permanent: true };
      const r = await deps.wechat.sendSubscribeMessage({
        touser: user.openid,
        template_id: e.wechat.templateId,
        page: e.wechat.page,
        data: e.wechat.data,
        miniprogram_state: deps.miniprogramState,
      });
      if (r.ok) return { ok: true, providerId: String(r.msgid) };
      return { ok: false, error: `wechat ${r.errcode}: ${r.errmsg}`, permanent: WECHAT_PERMANENT.has(r.errcode), code: String(r.errcode) };
    },
    sms: async (e, user) => {
      if (!e.sms) return { ok: false, error: 'no sms template on message', permanent: true };
      if (!user?.phone) return { ok: false, error: 'user has no phone number', permanent: true, code: 'NoPhone' };
      const budget = e.sms.critical ? null : await takeRoutineSms(deps.db, user.phone, new Date());
      if (!e.sms.critical && !budget) return { ok: false, error: 'routine SMS budget of this phone used up today (kept for alarms); sent by WeChat and inbox', permanent: true, code: 'RoutineSmsBudget' };
      const [r] = await deps.sms.send({ phones: [user.phone], templateId: e.sms.templateId, params: e.sms.params }).catch(async (err: unknown) => {
        await budget?.release(); // not sent: the slot is not spent
        throw err;
      });
      if (r?.ok) return { ok: true, providerId: r.serialNo };
      await budget?.release();
      const code = r?.code ?? 'NoResult';
      return { ok: false, error: `sms ${code}: ${r?.message ?? ''}`, permanent: isPermanentSmsFailure(code), code };
    },
  };
}
