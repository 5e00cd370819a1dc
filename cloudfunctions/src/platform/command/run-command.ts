import type { OutboxMessage } from '@cityloop/shared/notify/message';
import { conflict, invalid, notFound } from '@cityloop/shared/errors';
import { next, type Machine, type MachineContext } from '@cityloop/shared/platform/state-machine';
import type { Deps } from '../deps';
import { eventWrites, type AggregateBase, type DomainEvent } from '../aggregate';
import { versionedUpdate } from '../db/versioned';
import { newId } from '../ids';
import { MISSING_VERSION } from '@cityloop/shared/platform/request.limits';
import { requestScope } from '../http/request-scope';

/** Where the runner reads and writes an aggregate; a context's repository module provides it. */
export type AggregateRepository<T extends AggregateBase> = {
  collectionName: string;
  load(deps: Deps, id: string): Promise<T | null>;
};


/** The actor as the runner sees it: a signed-in person, or `null` for the system (jobs, automation rules). */
export type CommandActor = { userId: string } | null;

/** What a command changes besides the state, and the messages it causes. */
export type CommandEffect = {
  set?: Record<string, unknown>;
  unset?: Record<string, ''>;
  messages?: OutboxMessage[];
  /** fields of the event besides id, action, at, actor, role, from, to */
  event?: Partial<DomainEvent>;
};

/** The facts `apply` gets: the loaded aggregate, the acting role, the states and the event id to link messages to. */
export type Applied<T, S, W> = { agg: T; who: W; from: S | null; to: S | null; at: Date; eventId: string };

/** The state step of a command: which machine, where the aggregate keeps its state, and what the rules see. */
export type StateStep<T, S extends string, A extends string, W extends string, C extends MachineContext<W>> = {
  machine: Machine<S, A, W, any, C>;
  stateOf(agg: T): S;
  /** the field `to` is written to; none when the state lives elsewhere (derived) */
  stateField?: string;
  context(agg: T, who: W, at: Date): C;
  /** false when the aggregate's history speaks of another state (an appeal inside a complaint) */
  eventStates?: boolean;
};

/**
 * One state-changing command. `authorize` answers the acting role or throws (404 to hide the record, 403 to
 * refuse); `version: 'none'` marks a command whose API carries no record version (only concurrent writers
 * are guarded against).
 */
export type Command<T extends AggregateBase, S extends string, A extends string, W extends string, C extends MachineContext<W>> = {
  repo: AggregateRepository<T>;
  id: string;
  /** the event's action, e.g. `case.accept` */
  eventAction: string;
  action?: A;
  actor: CommandActor;
  version: number | undefined | 'none';
  notFoundMessage: string;
  staleMessage: string;
  authorize(agg: T): W | Promise<W>;
  /** a snapshot the caller has just read (system commands): not read again, a change since then is a `conflict` */
  loaded?: T;
  /** whether the caller's version is stale; by default any change since they read it */
  isStale?(agg: T, version: number): boolean;
  step?: StateStep<T, S, A, W, C>;
  /** checks needing I/O (the actor's own evidence), after the transition is known to be allowed */
  precheck?(agg: T): Promise<void>;
  apply(x: Applied<T, S, W>): CommandEffect | Promise<CommandEffect>;
  /** work after the write (caches, counters, other aggregates); may answer the aggregate read again */
  after?(agg: T): Promise<T | void>;
  ctx: { requestId?: string; ip?: string };
};

const isVersion = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;

/**
 * Runs a command: load → authorize → check the record version → apply the transition → one versioned update
 * holding the state change, the event, its outbox messages and the audit row. Stale version → 409
 * `stale_version`; a transition the table refuses → 409 `invalid_transition`; a writer that got there
 * between load and write → 409 `conflict`.
 * @example await runCommand(deps, { repo: caseRepository, id, eventAction: 'case.accept', action: 'accept', ... })
 */
export async function runCommand<T extends AggregateBase, S extends string, A extends string, W extends string, C extends MachineContext<W>>(
  deps: Deps,
  cmd: Command<T, S, A, W, C>,
): Promise<T> {
  if (cmd.version !== 'none' && !isVersion(cmd.version)) throw invalid(MISSING_VERSION, 'version_required');
  const agg = cmd.loaded ?? (await cmd.repo.load(deps, cmd.id));
  if (!agg) throw notFound(cmd.notFoundMessage);
  const who = await cmd.authorize(agg);
  // A retry of a command this request key already applied (its answer was lost): the same result, not a 409.
  const requestKey = requestScope()?.idempotencyKey;
  if (requestKey && agg.history?.some((e) => e.requestKey === requestKey)) return (await cmd.after?.(agg)) ?? agg;
  if (cmd.version !== 'none' && (cmd.isStale ? cmd.isStale(agg, cmd.version) : cmd.version !== agg.version)) throw conflict(cmd.staleMessage, 'stale_version');
  const at = deps.now();
  const step = cmd.step;
  const from = step ? step.stateOf(agg) : null;
  const to = step && cmd.action ? next(step.machine, from as S, cmd.action, step.context(agg, who, at)) : null;
  await cmd.precheck?.(agg);

  const eventId = newId('ev');
  const effect = await cmd.apply({ agg, who, from, to, at, eventId });
  const event: DomainEvent = {
    id: eventId,
    action: cmd.eventAction,
    at,
    actorId: cmd.actor?.userId ?? null,
    role: who,
    ...(step && step.eventStates !== false ? { from: from!, to: to! } : {}),
    ...effect.event,
    ...(requestKey ? { requestKey } : {}),
  };
  const scope = (agg as { scope?: Record<string, unknown> }).scope;
  const w = eventWrites(cmd.repo.collectionName, agg._id, event, effect.messages ?? [], { ...cmd.ctx, scope });
  const set = { ...w.$set, ...(step?.stateField ? { [step.stateField]: to } : {}), ...effect.set };
  const coll = deps.db.collection<T>(cmd.repo.collectionName);
  await versionedUpdate(coll, agg, { $set: set, $push: w.$push, ...(effect.unset && Object.keys(effect.unset).length ? { $unset: effect.unset } : {}) } as never);
  const after = (await cmd.repo.load(deps, agg._id))!;
  return (await cmd.after?.(after)) ?? after;
}
