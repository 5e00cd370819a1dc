import type { Db } from 'mongodb';
import { ROLE_LABELS } from '@cityloop/shared/identity/roles';
import type { StandinLogEntry } from './standins/standin-log';
import { usersByOpenidsOrPhones } from '../src/platform/auth/users.repository';

const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);

const barePhone = (to: string) => to.replace(/^\+?86/, '');

/**
 * Who each recipient of the log is, `张三（市民） · 市民` by openid or phone (SMS numbers with or without +86);
 * a recipient with no account keeps its address.
 */
export async function recipientNames(db: Db, log: StandinLogEntry[]): Promise<Map<string, string>> {
  const tos = [...new Set(log.map((e) => e.to).filter((t): t is string => !!t))];
  const phones = tos.filter((t) => /^\+?\d{11,13}$/.test(t)).map(barePhone);
  const found = await usersByOpenidsOrPhones(db, tos, [...new Set(phones.flatMap((p) => [p, `+86${p}`]))]);
  const names = new Map<string, string>();
  for (const u of found) {
    const roles = [...new Set((u.roles ?? []).map((b) => ROLE_LABELS[b.role] ?? b.role))];
    const label = `${u.name} · ${roles.length ? roles.join('、') : ROLE_LABELS.citizen}`;
    if (u.openid) names.set(u.openid, label);
    if (u.phone) {
      names.set(barePhone(u.phone), label);
      names.set(`+86${barePhone(u.phone)}`, label);
    }
  }
  return names;
}

/** `/dev/messages`: every message the WeChat and SMS stand-ins received, newest first; recipients by name and role. */
export function messagesPage(log: StandinLogEntry[], names: Map<string, string> = new Map()): string {
  const rows = log
    .filter((e) => e.service !== 'cos')
    .slice()
    .reverse()
    .map((e) => {
      const p = e.payload as Record<string, unknown>;
      const summary = e.service === 'wechat' ? JSON.stringify(p?.data ?? p) : JSON.stringify(p?.TemplateParamSet ?? p);
      return `<tr class="msg ${e.ok ? 'ok' : 'rejected'}" data-service="${e.service}" data-kind="${esc(e.kind)}"><td>${esc(e.at)}</td><td>${e.service}</td><td>${esc(e.kind)}</td><td class="who">${esc((e.to && names.get(e.to)) ?? '（无对应账号）')}</td><td class="to">${esc(e.to ?? '')}</td><td>${e.ok ? '已接收' : '拒绝：' + esc(e.error ?? '')}</td><td class="payload">${esc(summary)}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5"><title>替身服务收到的消息</title>
<style>body{font:14px system-ui,sans-serif;margin:16px}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px 6px;text-align:left;vertical-align:top}.rejected{background:#fee}.payload{font-family:monospace;font-size:12px;word-break:break-all}</style></head>
<body><h1>替身服务收到的消息（微信订阅消息 / 腾讯云短信）</h1><p>共 <span id="count">${log.filter((e) => e.service !== 'cos').length}</span> 条。每 5 秒自动刷新。JSON：<a href="/dev/messages.json">/dev/messages.json</a></p>
<table id="messages"><thead><tr><th>时间</th><th>服务</th><th>接口</th><th>接收人</th><th>地址（openid / 手机号）</th><th>结果</th><th>内容</th></tr></thead><tbody>${rows}</tbody></table></body></html>`;
}
