import type { Deps } from '../../platform/deps';
import { LOTS, TRACE_EVALUATIONS, TRACE_STALE, TRACE_TICKETS, TRACES, type TraceStaleMark, type InspectionBatch, type MaterialLot, type Pour, type ProductionBatch, type SpecimenGroup, type Ticket, type TraceDoc, type TraceTicketKey } from './concrete.collections';
import { docsByIds, findDoc, insertDoc, putDoc, setIfVersion } from './concrete-docs.repository';
import { applyChange, batchEntry, emptyTrace, evaluationEntry, groupEntry, lotEntry, packTrace, pourEntry, ticketEntry, traceIdOf, unpackTrace, type TraceChange } from './trace-entries';

/**
 * Tries before a busy trace document is left to `rebuildTraces` (each try is a read and a versioned write; of writers
 * racing, one wins each round, so this many at once all get through).
 */
const TRIES = 16;

/**
 * Keeps the member's trace document up to date: the command that changed a pour, a truck or a group calls this right
 * after its own versioned write, with the changed entries. The document is a projection (docs/ARCHITECTURE.md §4):
 * read, change, write guarded by its version, again when another command wrote it in between. If it stays busy the
 * command still succeeds (its own write is done), the miss is logged and the project marked stale; the repair job
 * (trace-repair.ts) rebuilds it, as `npx cityloop concrete traces` does by hand.
 */
export async function amendTrace(deps: Deps, projectId: string, member: string, change: TraceChange): Promise<void> {
  const id = traceIdOf(projectId, member);
  try {
    if (await tryAmend(deps, id, projectId, member, change)) return;
    deps.log.error('concrete trace not updated: busy; the trace repair job rebuilds the project', { traceId: id, projectId });
  } catch (e) {
    deps.log.error('concrete trace not updated; the trace repair job rebuilds the project', { traceId: id, projectId, error: (e as Error).message });
  }
  await putDoc(deps.db, TRACE_STALE, { _id: projectId, at: deps.now(), traceId: id } satisfies TraceStaleMark).catch((e) => deps.log.error('concrete trace stale mark not written', { projectId, error: (e as Error).message }));
}

async function tryAmend(deps: Deps, id: string, projectId: string, member: string, change: TraceChange): Promise<boolean> {
  for (let i = 0; i < TRIES; i++) {
    const doc = await findDoc<TraceDoc>(deps.db, TRACES, id);
    const updatedAt = deps.now();
    if (!doc) {
      const body = packTrace(applyChange(emptyTrace(), change));
      if (await insertDoc(deps.db, TRACES, { _id: id, projectId, member, version: 1, body, updatedAt } satisfies TraceDoc)) return true;
    } else if (await setIfVersion(deps.db, TRACES, id, doc.version, { body: packTrace(applyChange(unpackTrace(doc.body), change)), updatedAt })) return true;
  }
  return false;
}

/** A pour registered, or its sampled groups changed. */
export const tracePour = (deps: Deps, p: Pour) => amendTrace(deps, p.projectId, p.member, { pours: [pourEntry(p)] });

/** A ticket issued: the truck with its batches and their material lots, and the ticket's key for a trace by its code. */
export async function traceTicketIssued(deps: Deps, t: Ticket, batches: ProductionBatch[]): Promise<void> {
  const lots = await docsByIds<MaterialLot>(deps.db, LOTS, batches.flatMap((b) => b.lotIds), { history: 0, outbox: 0, pendingAudit: 0 });
  await amendTrace(deps, t.projectId, t.member, { tickets: [ticketEntry(t)], batches: batches.map(batchEntry), lots: lots.map(lotEntry) });
  await insertDoc(deps.db, TRACE_TICKETS, { _id: t._id, projectId: t.projectId, traceId: traceIdOf(t.projectId, t.member) } satisfies TraceTicketKey);
}

/** Trucks accepted, self-tested or their certificates blocked (one write per member). */
export async function traceTickets(deps: Deps, tickets: Ticket[]): Promise<void> {
  const byMember = new Map<string, Ticket[]>();
  for (const t of tickets) byMember.set(traceIdOf(t.projectId, t.member), [...(byMember.get(traceIdOf(t.projectId, t.member)) ?? []), t]);
  for (const ts of byMember.values()) await amendTrace(deps, ts[0].projectId, ts[0].member, { tickets: ts.map(ticketEntry) });
}

/** A group sampled (with its pour's new count), received or loaded at the press. */
export const traceGroup = (deps: Deps, g: SpecimenGroup, pour?: Pour) => amendTrace(deps, g.projectId, g.member, { groups: [groupEntry(g)], ...(pour ? { pours: [pourEntry(pour)] } : {}) });

/** An inspection batch (re-)evaluated: one document shared by the traces of all its members. */
export const traceEvaluation = (deps: Deps, ib: InspectionBatch) => putDoc(deps.db, TRACE_EVALUATIONS, { _id: ib._id, projectId: ib.projectId, body: JSON.stringify(evaluationEntry(ib)), updatedAt: deps.now() });
