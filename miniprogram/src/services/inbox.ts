/** Pure list logic for the inbox page. */
import type { InboxItem } from './types';

/** Appends a page, dropping items already shown (a new message can shift cursor pages). */
export function mergePage(prev: InboxItem[] | null, next: InboxItem[]): InboxItem[] {
  if (!prev) return next.slice();
  const seen = new Set(prev.map((i) => i.id));
  return prev.concat(next.filter((i) => !seen.has(i.id)));
}

export function markItemRead(items: InboxItem[], id: string, read: boolean): InboxItem[] {
  return items.map((i) => (i.id === id && i.read !== read ? { ...i, read } : i));
}

export const unreadCount = (items: InboxItem[]): number => items.filter((i) => !i.read).length;
