/**
 * The consequence rules of a city, as data (docs/domain/concrete.md §5.4): when a lab result and the plant's
 * retained-sample self-test diverge, and how a plant's credit moves. Stored per city; these are the defaults.
 */
export type ConcreteRules = {
  /** lab fails while the self-test passes → divergence; or the two differ by more than this share of the lab value */
  divergence: { labFailSelfPass: boolean; maxDiffPct: number };
  /** credit points by event (negative lowers); the score is clamped to [0, 100] */
  credit: Record<CreditEvent, number>;
  qualificationConditions: { key: string; label: string }[];
};
export type CreditEvent = 'group_failed' | 'batch_failed' | 'divergence' | 'unticketed' | 'failed_lot_used';

export const DEFAULT_CONCRETE_RULES: Omit<ConcreteRules, 'qualificationConditions'> = {
  divergence: { labFailSelfPass: true, maxDiffPct: 15 },
  credit: { group_failed: -5, batch_failed: -10, divergence: -15, unticketed: -20, failed_lot_used: -10 },
};

export type DivergenceVerdict = { diverges: boolean; reasons: ('lab_fail_self_pass' | 'difference_exceeds')[]; diffPct: number | null };

/**
 * Does the lab's group result diverge from the plant's self-test of the same delivery? Self-test "passes" when
 * its strength reaches f_cu,k (the grade). The difference is |self − lab| / lab in % (to 0.1); strictly more than
 * the limit diverges.
 *
 * @example
 *   judgeDivergence(DEFAULT_CONCRETE_RULES.divergence, { fcuk: 30, labMPa: 26.1, labPassed: false, selfMPa: 33.0 })
 *   // { diverges: true, reasons: ['lab_fail_self_pass', 'difference_exceeds'], diffPct: 26.4 }
 */
export function judgeDivergence(rule: ConcreteRules['divergence'], x: { fcuk: number; labMPa: number; labPassed: boolean; selfMPa: number | null }): DivergenceVerdict {
  if (x.selfMPa == null) return { diverges: false, reasons: [], diffPct: null };
  const reasons: DivergenceVerdict['reasons'] = [];
  if (rule.labFailSelfPass && !x.labPassed && x.selfMPa >= x.fcuk) reasons.push('lab_fail_self_pass');
  const diffPct = x.labMPa > 0 ? Math.round((Math.abs(x.selfMPa - x.labMPa) / x.labMPa) * 1000) / 10 : null;
  if (diffPct != null && diffPct > rule.maxDiffPct) reasons.push('difference_exceeds');
  return { diverges: reasons.length > 0, reasons, diffPct };
}

/** A plant's next credit score after an event: clamped to [0, 100]. */
export const nextCredit = (score: number, rules: Pick<ConcreteRules, 'credit'>, event: CreditEvent): number => Math.max(0, Math.min(100, score + (rules.credit[event] ?? 0)));

/** A plant's status from its conditions: suspended wins; all conditions met → qualified. */
export function plantStatus(conditions: readonly { key: string }[], met: readonly string[], suspended: boolean): 'qualified' | 'unqualified' | 'suspended' {
  if (suspended) return 'suspended';
  return conditions.every((c) => met.includes(c.key)) ? 'qualified' : 'unqualified';
}
