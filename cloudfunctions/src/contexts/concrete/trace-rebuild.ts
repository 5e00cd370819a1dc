import type { Deps } from '../../platform/deps';
import { BATCHES, GROUPS, IBATCHES, LOTS, POURS, TICKETS, TRACE_EVALUATIONS, TRACE_TICKETS, TRACES, type InspectionBatch, type MaterialLot, type Pour, type ProductionBatch, type SpecimenGroup, type Ticket, type TraceDoc, type TraceEvaluationDoc, type TraceTicketKey } from './concrete.collections';
import { docsByIds, findDocs, insertDocs, putDoc } from './concrete-docs.repository';
import { applyChange, batchEntry, emptyTrace, evaluationEntry, groupEntry, lotEntry, packTrace, pourEntry, ticketEntry, traceIdOf, type TraceBody } from './trace-entries';

const lean = { history: 0, outbox: 0, pendingAudit: 0 } as const;
/** `$in` lists stay this short (FerretDB evaluates each query on every document anyway; this bounds the message). */
const CHUNK = 1000;

async function byIdsChunked<T extends { _id: string }>(deps: Pick<Deps, 'db'>, coll: string, ids: string[], projection?: Readonly<Record<string, 0>>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) out.push(...(await docsByIds<T>(deps.db, coll, unique.slice(i, i + CHUNK), projection)));
  return out;
}

export type RebuildReport = { members: number; changed: number; evaluations: number; evaluationsChanged: number; tickets: number };

/**
 * Recomputes the trace read models (trace-projection.ts) of every member — of one project with `projectId` — from
 * the source collections, with the same entry functions the commands use: pours, trucks with their batches and lots,
 * groups; the inspection batches' evaluations; the ticket lookups. A document already equal is not written; `changed`
 * counts those that differed (0 after commands kept them all, whatever wrote the sources outside them otherwise).
 * Chip bindings made before trace documents existed are answered through their group (trace.ts).
 */
export async function rebuildTraces(deps: Pick<Deps, 'db' | 'now'>, opts: { projectId?: string } = {}): Promise<RebuildReport> {
  const filter = opts.projectId ? { projectId: opts.projectId } : {};
  const [pours, tickets, groups, ibs] = await Promise.all([
    findDocs<Pour>(deps.db, POURS, filter, { projection: lean }),
    findDocs<Ticket>(deps.db, TICKETS, filter, { projection: lean }),
    findDocs<SpecimenGroup>(deps.db, GROUPS, filter, { projection: lean }),
    findDocs<InspectionBatch>(deps.db, IBATCHES, filter, { projection: lean }),
  ]);
  // a whole rebuild reads every batch and lot once instead of by `$in` lists, which FerretDB checks against every
  // document of the collection, once per list (docs/ARCHITECTURE.md §12.10)
  const [batchList, lotList] = opts.projectId
    ? await byIdsChunked<ProductionBatch>(deps, BATCHES, tickets.flatMap((t) => t.batchIds)).then(async (bs) => [bs, await byIdsChunked<MaterialLot>(deps, LOTS, bs.flatMap((b) => b.lotIds), lean)] as const)
    : await Promise.all([findDocs<ProductionBatch>(deps.db, BATCHES, {}), findDocs<MaterialLot>(deps.db, LOTS, {}, { projection: lean })]);
  const batches = new Map(batchList.map((b) => [b._id, b]));
  const lots = new Map(lotList.map((l) => [l._id, l]));

  const members = new Map<string, { projectId: string; member: string; body: TraceBody }>();
  const of = (projectId: string, member: string) => {
    const id = traceIdOf(projectId, member);
    if (!members.has(id)) members.set(id, { projectId, member, body: emptyTrace() });
    return members.get(id)!.body;
  };
  for (const p of pours) of(p.projectId, p.member).pours.push(pourEntry(p));
  for (const t of tickets) {
    const body = of(t.projectId, t.member);
    body.tickets.push(ticketEntry(t));
    for (const b of t.batchIds.map((id) => batches.get(id)).filter((b): b is ProductionBatch => !!b)) {
      body.batches.push(batchEntry(b));
      body.lots.push(...b.lotIds.map((id) => lots.get(id)).filter((l): l is MaterialLot => !!l).map(lotEntry));
    }
  }
  for (const g of groups) of(g.projectId, g.member).groups.push(groupEntry(g));

  const report: RebuildReport = { members: members.size, changed: 0, evaluations: ibs.length, evaluationsChanged: 0, tickets: tickets.length };
  const updatedAt = deps.now();
  const [keptTraces, keptEvaluations, keptKeys] = await Promise.all([
    findDocs<TraceDoc>(deps.db, TRACES, filter),
    findDocs<TraceEvaluationDoc>(deps.db, TRACE_EVALUATIONS, filter),
    findDocs<TraceTicketKey>(deps.db, TRACE_TICKETS, filter),
  ]);
  // applyChange on an empty trace: one entry per id, sorted, exactly as the commands leave it
  const traces = [...members].map(([id, m]) => ({ _id: id, projectId: m.projectId, member: m.member, version: 1, body: packTrace(applyChange(emptyTrace(), m.body)), updatedAt }) satisfies TraceDoc);
  report.changed = await sync(deps, TRACES, traces, keptTraces, (doc, kept) => ({ ...doc, version: kept.version + 1 }));
  const evaluations = ibs.map((ib) => ({ _id: ib._id, projectId: ib.projectId, body: JSON.stringify(evaluationEntry(ib)), updatedAt }) satisfies TraceEvaluationDoc);
  report.evaluationsChanged = await sync(deps, TRACE_EVALUATIONS, evaluations, keptEvaluations, (doc) => doc);
  await sync(deps, TRACE_TICKETS, tickets.map((t) => ({ _id: t._id, projectId: t.projectId, traceId: traceIdOf(t.projectId, t.member) }) satisfies TraceTicketKey), keptKeys, (doc) => doc);
  return report;
}

/** Inserts the missing documents in bulk and rewrites those whose content (`body` or `traceId`) differs; how many did. */
async function sync<T extends { _id: string; body?: string; traceId?: string }>(deps: Pick<Deps, 'db'>, coll: string, docs: T[], kept: T[], replacing: (doc: T, kept: T) => T): Promise<number> {
  const byId = new Map(kept.map((d) => [d._id, d]));
  const missing = docs.filter((d) => !byId.has(d._id));
  const differing = docs.filter((d) => byId.has(d._id) && (byId.get(d._id)!.body !== d.body || byId.get(d._id)!.traceId !== d.traceId));
  await insertDocs(deps.db, coll, missing);
  for (const d of differing) await putDoc(deps.db, coll, replacing(d, byId.get(d._id)!));
  return missing.length + differing.length;
}
