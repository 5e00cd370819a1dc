import { messagesFor, type OutboxMessage } from '@cityloop/shared/notify/message';
import { SMS_TEMPLATES } from '@cityloop/shared/notify/templates';
import { ROLE_LABELS, type Role } from '@cityloop/shared/identity/roles';

/**
 * The SMS (and inbox copy) telling the invited person their code. Addressed to their contact account: the SMS sender
 * finds the phone on it. Tencent's template variables stay short, so the name is cut to 10 characters.
 */
export function invitationMessages(eventId: string, contactId: string, name: string, role: Role, code: string, at: Date): OutboxMessage[] {
  const label = ROLE_LABELS[role];
  return messagesFor(eventId, [contactId], at, {
    channels: ['sms'],
    title: `岗位邀请：${label}`,
    body: `您被邀请担任${label}，邀请码 ${code}。请在登录页输入邀请码完成绑定。`,
    link: '/pages/login/index',
    sms: { templateId: SMS_TEMPLATES.invitation.id, params: [name.slice(0, 10), label, code] },
  });
}
