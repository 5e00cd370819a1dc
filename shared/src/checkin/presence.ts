import type { CheckinRecord, PresenceSpan } from './checkin.types';

type SpanInput = Pick<CheckinRecord, 'userId' | 'role' | 'direction' | 'at' | 'inGeofence' | 'faceMatch' | 'flags'> & { faceRequired?: boolean };

/**
 * A site's check-ins as spans of presence per person: each check-in opens a span, the person's next check-out
 * closes it; a second check-in while one is open closes the open one at its time (a re-check-in after, say, a
 * phone restart). A check-out without an open span is ignored (the route refuses them: `not_checked_in`).
 * The span carries its check-in's geofence and face result, and both records' flags.
 * @example presenceSpans([{ userId: 'u1', role: '项目负责人', direction: 'in', at: t9, … }, { …, direction: 'out', at: t12 }])
 *   // [{ userId: 'u1', role: '项目负责人', from: t9, to: t12, inGeofence: true, faceMatch: true, … }]
 */
export function presenceSpans(records: readonly SpanInput[]): PresenceSpan[] {
  const sorted = [...records].sort((a, b) => a.at.getTime() - b.at.getTime());
  const open = new Map<string, PresenceSpan>();
  const spans: PresenceSpan[] = [];
  for (const r of sorted) {
    const current = open.get(r.userId);
    if (r.direction === 'in') {
      if (current) current.to = r.at;
      const span: PresenceSpan = {
        userId: r.userId,
        role: r.role,
        from: r.at,
        to: null,
        inGeofence: r.inGeofence,
        faceMatch: r.faceMatch,
        faceRequired: r.faceRequired ?? true,
        flags: [...r.flags],
      };
      spans.push(span);
      open.set(r.userId, span);
    } else if (current) {
      current.to = r.at;
      for (const f of r.flags) if (!current.flags.includes(f)) current.flags.push(f);
      open.delete(r.userId);
    }
  }
  return spans;
}

/** Whether a span counts as being on site: inside the geofence, the face matched if the site required one, not flagged. */
export function spanCounts(s: PresenceSpan): boolean {
  return s.inGeofence && (s.faceMatch || !s.faceRequired) && s.flags.length === 0;
}

/**
 * Whether the person was on site at `at`: within a span that counts (from ≤ at ≤ to, or still open).
 * @example isPresentAt(spans, 'u1', new Date('2026-12-07T02:00:00Z')) // true between check-in and check-out
 */
export function isPresentAt(spans: readonly PresenceSpan[], userId: string, at: Date): boolean {
  const t = at.getTime();
  return spans.some((s) => s.userId === userId && spanCounts(s) && s.from.getTime() <= t && (s.to === null || t <= s.to.getTime()));
}
