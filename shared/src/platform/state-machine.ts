import { DomainError, forbidden, invalid, invalidTransition } from '../errors';

/** Where a row leads: a state, the same state (the event is still recorded), or a pass/fail fork on `ctx.outcome`. */
export type Target<S extends string> = S | 'same' | { pass: S; fail: S };

/** What every transition context carries: who acts, and for a fork the outcome. */
export type MachineContext<W extends string> = { by: W; outcome?: 'pass' | 'fail' };

/** One row of a transition table. `check` is a rule on the context (facts, inputs across fields), run last. */
export type Transition<S extends string, A extends string, W extends string, I extends string, C extends MachineContext<W>> = {
  from: readonly S[];
  action: A;
  to: Target<S>;
  who: readonly W[];
  requires: readonly I[];
  check?: (ctx: C) => DomainError | null;
};

/**
 * A state machine as data. Pure: no I/O, no clock (a rule needing the time reads it from the context).
 * `refusals` replaces the generic invalid_transition message (or code) for an action, always with status 409.
 */
export type Machine<S extends string, A extends string, W extends string, I extends string, C extends MachineContext<W>> = {
  name: string;
  states: readonly S[];
  actions: readonly A[];
  stateLabels: Readonly<Record<S, string>>;
  actionLabels: Readonly<Record<A, string>>;
  whoLabels?: Readonly<Partial<Record<W, string>>>;
  rows: readonly Transition<S, A, W, I, C>[];
  /** the error for a missing or wrong input, or null */
  inputError?: (action: A, input: I, ctx: C) => DomainError | null;
  refusals?: Readonly<Partial<Record<A, { message: string; code?: string }>>>;
};

export type AnyMachine = Machine<any, any, any, any, any>;

/** The row for `action` from `state`, if the table has one. */
export function rowFor<S extends string, A extends string, W extends string, I extends string, C extends MachineContext<W>>(
  m: Machine<S, A, W, I, C>,
  state: S,
  action: A,
): Transition<S, A, W, I, C> | undefined {
  return m.rows.find((r) => r.action === action && r.from.includes(state));
}

/** The 409 a table gives for an action the state does not allow. */
export function refusal<S extends string, A extends string>(m: Machine<S, A, string, string, never>, state: S, action: A): DomainError {
  const r = m.refusals?.[action];
  const from = m.stateLabels[state] ?? String(state);
  const label = m.actionLabels[action];
  if (!r) return invalidTransition(from, label);
  return new DomainError(r.code ?? 'invalid_transition', 409, r.message, { from, action: label });
}

/**
 * The state after `action`, or a DomainError: 409 `invalid_transition` (or the action's refusal) when the
 * state does not allow it, 403 `<name>_action_forbidden` for the wrong actor, the input's 400 code for a
 * missing input, or the row check's error.
 * @example next(CASE_MACHINE, 'received', 'accept', { by: 'areaChief' }) // 'accepted'
 */
export function next<S extends string, A extends string, W extends string, I extends string, C extends MachineContext<W>>(m: Machine<S, A, W, I, C>, state: S, action: A, ctx: C): S {
  if (!m.actions.includes(action)) throw invalid(`未知的操作：${String(action)}`, `unknown_${m.name}_action`);
  const row = rowFor(m, state, action);
  if (!row) throw refusal(m as never, state, action);
  if (!row.who.includes(ctx.by)) {
    throw forbidden(`${m.whoLabels?.[ctx.by] ?? String(ctx.by)}不能执行“${m.actionLabels[action]}”`, `${m.name}_action_forbidden`);
  }
  for (const input of row.requires) {
    const e = m.inputError?.(action, input, ctx);
    if (e) throw e;
  }
  const e = row.check?.(ctx);
  if (e) throw e;
  if (row.to === 'same') return state;
  if (typeof row.to === 'string') return row.to;
  if (ctx.outcome !== 'pass' && ctx.outcome !== 'fail') throw invalid('请选择结果：通过或不通过', 'outcome_required');
  return row.to[ctx.outcome];
}

/**
 * Actions the state allows, in table order; narrowed to one actor (and the row checks on the given
 * context) when `ctx` is given. Inputs are not checked.
 */
export function allowed<S extends string, A extends string, W extends string, I extends string, C extends MachineContext<W>>(m: Machine<S, A, W, I, C>, state: S, ctx?: C): A[] {
  const out: A[] = [];
  for (const action of m.actions) {
    const row = rowFor(m, state, action);
    if (!row) continue;
    if (ctx && !row.who.includes(ctx.by)) continue;
    if (ctx && row.check?.(ctx)) continue;
    out.push(action);
  }
  return out;
}

const targetText = (m: AnyMachine, to: Target<string>): string =>
  to === 'same' ? '(same)' : typeof to === 'string' ? `${m.stateLabels[to]} ${to}` : `pass → ${m.stateLabels[to.pass]} ${to.pass}; fail → ${m.stateLabels[to.fail]} ${to.fail}`;

/** The table as markdown: one line per row, states and actions with their Chinese labels. */
export function printTable(m: AnyMachine): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [`### ${m.name}`, '', '| from | action | to | who | requires | check |', '| --- | --- | --- | --- | --- | --- |'];
  for (const r of m.rows) {
    const from = r.from.map((s) => `${m.stateLabels[s]} ${s}`).join(', ');
    const row = [from, `${m.actionLabels[r.action]} ${r.action}`, targetText(m, r.to), r.who.join(', '), r.requires.join(', ') || '-', r.check ? 'yes' : '-'];
    lines.push(`| ${row.map(cell).join(' | ')} |`);
  }
  return lines.join('\n');
}
