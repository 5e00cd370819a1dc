/**
 * 门前三包 scoring (docs/domain/city.md §4.3, our published rule): a rolling 90-day score out of 100; each verified
 * complaint deducts by class (the city's `ScoreRules`); fixed by the shop itself within the deadline → half; a failed check or a
 * repeat of the same class within 30 days → double. Grades A/B/C/D with hysteresis so a shop hovering at a
 * boundary does not flap between patrol frequencies.
 */
export type Grade = 'A' | 'B' | 'C' | 'D';
export type VerifiedComplaint = { classCode: string; at: Date; selfFixedInTime: boolean; checkFailed: boolean };

export const WINDOW_DAYS = 90;
export const REPEAT_DAYS = 30;
/**
 * A city's score rules (docs/domain/city.md §4.3), kept per city as data (`score_rules`, edited by the city's
 * admin): points per counted complaint by the class complaints carry, the default for any other class, how long
 * the complainant has to answer a fix before it settles as confirmed, and how soon the area chief visits a D shop.
 */
export type ScoreRules = { deductions: Record<string, number>; defaultDeduction: number; settleAfterHours: number; chiefVisitDays: number };
/** The published rule, keyed on the plaque complaint classes (0102/0104 sanitation, 0106 greenery, 0201/0502/0503/0504 order). */
export const DEFAULT_SCORE_RULES: ScoreRules = {
  deductions: { '0102': 5, '0104': 4, '0106': 5, '0201': 5, '0502': 8, '0503': 5, '0504': 5 },
  defaultDeduction: 5,
  settleAfterHours: 72,
  chiefVisitDays: 7,
};
/** Lower bound of each grade's score band. */
export const GRADE_FLOORS: Record<Exclude<Grade, 'D'>, number> = { A: 90, B: 75, C: 60 };
/** A shop must clear a band by this margin to move UP into it (moving down is immediate). */
export const HYSTERESIS = 3;

export const GRADE_PATROL: Record<Grade, { per: 'day' | 'week'; times: number; chiefVisit: boolean; label: string }> = {
  A: { per: 'week', times: 1, chiefVisit: false, label: '每周抽查 1 次' },
  B: { per: 'week', times: 2, chiefVisit: false, label: '每周巡查 2 次' },
  C: { per: 'day', times: 1, chiefVisit: false, label: '每日巡查' },
  D: { per: 'day', times: 1, chiefVisit: true, label: '每日巡查，片长走访' },
};

const DAY = 86_400_000;

/**
 * The score on `now` from the verified complaints of the last 90 days.
 * @example scoreOf([{ classCode: '0104', at, selfFixedInTime: true, checkFailed: false }], now) // 98
 */
export function scoreOf(complaints: VerifiedComplaint[], now: Date, rules: Pick<ScoreRules, 'deductions' | 'defaultDeduction'> = DEFAULT_SCORE_RULES): { score: number; deductions: { at: Date; classCode: string; points: number; why: string }[] } {
  const since = now.getTime() - WINDOW_DAYS * DAY;
  const inWindow = complaints.filter((c) => c.at.getTime() > since && c.at <= now).sort((a, b) => a.at.getTime() - b.at.getTime());
  const deductions = inWindow.map((c, i) => {
    const base = rules.deductions[c.classCode] ?? rules.defaultDeduction;
    const repeat = inWindow.slice(0, i).some((p) => p.classCode === c.classCode && c.at.getTime() - p.at.getTime() <= REPEAT_DAYS * DAY);
    const double = c.checkFailed || repeat;
    const points = double ? base * 2 : c.selfFixedInTime ? base / 2 : base;
    const why = c.checkFailed ? '核查未通过，加倍扣分' : repeat ? '30 日内同类重复，加倍扣分' : c.selfFixedInTime ? '按期自行整改，减半扣分' : '未按期整改';
    return { at: c.at, classCode: c.classCode, points, why };
  });
  return { score: Math.max(0, 100 - deductions.reduce((s, d) => s + d.points, 0)), deductions };
}

const bandOf = (score: number): Grade => (score >= GRADE_FLOORS.A ? 'A' : score >= GRADE_FLOORS.B ? 'B' : score >= GRADE_FLOORS.C ? 'C' : 'D');
const RANK: Record<Grade, number> = { A: 0, B: 1, C: 2, D: 3 };
const floorOf = (g: Grade) => (g === 'D' ? 0 : GRADE_FLOORS[g]);

/**
 * The new grade given the previous one: down as soon as the score leaves the band; up only once the score
 * clears the better band's floor by HYSTERESIS points.
 * @example nextGrade('C', 76) // 'C' (needs 78 to become B)
 * @example nextGrade('B', 74) // 'C'
 */
export function nextGrade(previous: Grade | null, score: number): Grade {
  const band = bandOf(score);
  if (!previous || RANK[band] >= RANK[previous]) return band;
  // improving: climb one band at a time, each needing the margin
  let g = previous;
  while (g !== 'A') {
    const better: Grade = g === 'D' ? 'C' : g === 'C' ? 'B' : 'A';
    if (score >= floorOf(better) + HYSTERESIS) g = better;
    else break;
  }
  return g;
}
