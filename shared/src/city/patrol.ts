/**
 * Patrol rules (巡查规则) → what is due (巡查任务), from the checks already done (巡查记录). Pure: the caller
 * passes `now`; periods are calendar days / ISO weeks (Mon–Sun) / months in Asia/Shanghai.
 */
export type PatrolPeriod = 'day' | 'week' | 'month';
export type PatrolRule = {
  id: string;
  facilityIds: string[];
  per: PatrolPeriod;
  times: number;
  /** local time window in which checks count, 'HH:MM' */
  window: { start: string; end: string };
  patrollerIds: string[];
  active: boolean;
};
export type PatrolCheck = { ruleId?: string; facilityId: string; patrollerId: string; at: Date };
export type DueTask = { ruleId: string; facilityId: string; per: PatrolPeriod; times: number; done: number; remaining: number; periodStart: Date; periodEnd: Date };

const OFFSET = 8 * 3600_000;

/** Start and end (exclusive) of the period containing `at`, Asia/Shanghai. */
export function periodOf(per: PatrolPeriod, at: Date): { start: Date; end: Date } {
  const local = new Date(at.getTime() + OFFSET);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const d = local.getUTCDate();
  let start: number;
  let end: number;
  if (per === 'day') {
    start = Date.UTC(y, m, d);
    end = start + 86_400_000;
  } else if (per === 'week') {
    const dow = (local.getUTCDay() + 6) % 7; // Monday = 0
    start = Date.UTC(y, m, d - dow);
    end = start + 7 * 86_400_000;
  } else {
    start = Date.UTC(y, m, 1);
    end = Date.UTC(y, m + 1, 1);
  }
  return { start: new Date(start - OFFSET), end: new Date(end - OFFSET) };
}

const minutes = (hhmm: string) => {
  const [h, mm] = hhmm.split(':').map(Number);
  return h * 60 + mm;
};

/** Whether a check at `at` falls inside the rule's daily window (local time). */
export function inWindow(rule: Pick<PatrolRule, 'window'>, at: Date): boolean {
  const local = new Date(at.getTime() + OFFSET);
  const t = local.getUTCHours() * 60 + local.getUTCMinutes();
  return t >= minutes(rule.window.start) && t <= minutes(rule.window.end);
}

/**
 * For one patroller (or everyone, with `patrollerId` null): each facility of each active rule with the checks
 * still owed in the current period.
 * @example dueTasks([rule], checks, 'u_pat', now) // [{ facilityId: 'fc_1', remaining: 1, … }]
 */
export function dueTasks(rules: PatrolRule[], checks: PatrolCheck[], patrollerId: string | null, now: Date): DueTask[] {
  const out: DueTask[] = [];
  for (const rule of rules) {
    if (!rule.active) continue;
    if (patrollerId && !rule.patrollerIds.includes(patrollerId)) continue;
    const { start, end } = periodOf(rule.per, now);
    for (const facilityId of rule.facilityIds) {
      const done = checks.filter((c) => c.facilityId === facilityId && c.at >= start && c.at < end && inWindow(rule, c.at) && (!c.ruleId || c.ruleId === rule.id)).length;
      out.push({ ruleId: rule.id, facilityId, per: rule.per, times: rule.times, done, remaining: Math.max(0, rule.times - done), periodStart: start, periodEnd: end });
    }
  }
  return out;
}

/** Coverage of a finished period: due / done / missed per facility of a rule. */
export function missedIn(rule: PatrolRule, checks: PatrolCheck[], periodContaining: Date): { facilityId: string; done: number; missed: number }[] {
  const { start, end } = periodOf(rule.per, periodContaining);
  return rule.facilityIds.map((facilityId) => {
    const done = checks.filter((c) => c.facilityId === facilityId && c.at >= start && c.at < end && inWindow(rule, c.at)).length;
    return { facilityId, done, missed: Math.max(0, rule.times - done) };
  });
}
