/**
 * When a job runs, in Beijing time (UTC+8, as the SCF cron triggers were written): every `everyMinutes`
 * minutes, at minute `at` of that period (`{ everyMinutes: 60, at: 15 }` is hh:15, `{ everyMinutes: 1440,
 * at: 150 }` is 02:30). `everyMinutes` divides a day or is a whole number of days.
 */
export type Schedule = { everyMinutes: number; at?: number };
export type ScheduleRow = { name: string; schedule: Schedule };

const BEIJING_MS = 8 * 3600_000;

export const minuteOf = (now: Date): number => Math.floor((now.getTime() + BEIJING_MS) / 60_000);

export function isDue(schedule: Schedule, now: Date): boolean {
  const every = Math.max(1, Math.floor(schedule.everyMinutes));
  const at = ((schedule.at ?? 0) % every + every) % every;
  return (minuteOf(now) - at) % every === 0;
}

/** The jobs one tick of the minute timer runs: those whose schedule has a run in the minute `now` falls in. */
export function dueJobs<T extends ScheduleRow>(table: readonly T[], now: Date): T[] {
  return table.filter((row) => isDue(row.schedule, now));
}

/** A readable form for listings and messages: `every 5 min`, `hourly at :15`, `daily at 02:30`. */
export function describeSchedule(s: Schedule): string {
  const at = s.at ?? 0;
  if (s.everyMinutes % 1440 === 0) return `${s.everyMinutes === 1440 ? 'daily' : `every ${s.everyMinutes / 1440} days`} at ${String(Math.floor(at / 60)).padStart(2, '0')}:${String(at % 60).padStart(2, '0')} (UTC+8)`;
  if (s.everyMinutes === 60) return `hourly at :${String(at).padStart(2, '0')}`;
  return at ? `every ${s.everyMinutes} min at +${at}` : `every ${s.everyMinutes} min`;
}
