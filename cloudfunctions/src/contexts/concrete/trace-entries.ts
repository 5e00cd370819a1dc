import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { InspectionBatch, MaterialLot, Pour, ProductionBatch, SpecimenGroup, Ticket } from './concrete.collections';

/**
 * The entries of a member's trace document (trace-projection.ts): each source document as the trace shows it, made
 * by one function used both when a command keeps the document up to date and when `rebuildTraces` recomputes it, so
 * the two agree by construction. Dates are ISO strings (the document holds them as JSON).
 */
const iso = (d?: Date) => (d ? new Date(d).toISOString() : null);

export const pourEntry = (p: Pour) => ({ id: p._id, grade: p.grade, volumeM3: p.volumeM3, date: iso(p.date), requiredGroups: p.requiredGroups, sampledGroups: p.groupIds.length, shortfall: p.shortfall, groupIds: p.groupIds });
export const ticketEntry = (t: Ticket) => ({ id: t._id, plant: t.plantName, grade: t.grade, volumeM3: t.volumeM3, departAt: iso(t.departAt), state: t.state, slumpMm: t.acceptance.contractor?.slumpMm ?? null, selfTestMPa: t.selfTest?.strengthMPa ?? null, certificateBlocked: t.certificate.blocked, batchIds: t.batchIds });
export const batchEntry = (b: ProductionBatch) => ({ id: b._id, batchNo: b.batchNo, at: iso(b.at), volumeM3: b.volumeM3, flagged: b.flagged, lotIds: b.lotIds, deviations: b.deviations.filter((d) => d.exceeded) });
/** A lot used by a batch has passed its incoming test, and a result once given never changes (registry.ts). */
export const lotEntry = (l: MaterialLot) => ({ id: l._id, material: l.material, lotNo: l.lotNo, supplier: l.supplierName, test: l.test.result });
export const groupEntry = (g: SpecimenGroup) => ({ id: g._id, ticketId: g.ticketId, chips: g.chips, state: g.state, loadsKN: g.loads.map((l) => ({ chip: l.chip, kN: l.loadKN })), cubeStrengthsMPa: g.result?.cubeStrengthsMPa ?? null, representativeMPa: g.result?.representativeMPa ?? null, valid: g.result?.valid ?? null, passed: g.passed ?? null, inspectionBatchId: g.inspectionBatchId });
export const evaluationEntry = (b: InspectionBatch) => ({ id: b._id, grade: b.grade, groups: b.strengthsMPa.length, result: b.evaluation && 'result' in b.evaluation ? b.evaluation.result : null, evaluation: b.evaluation ?? null });

export type PourEntry = ReturnType<typeof pourEntry>;
export type TicketEntry = ReturnType<typeof ticketEntry>;
export type BatchEntry = ReturnType<typeof batchEntry>;
export type LotEntry = ReturnType<typeof lotEntry>;
export type GroupEntry = ReturnType<typeof groupEntry>;
export type EvaluationEntry = ReturnType<typeof evaluationEntry>;

/** Everything of one member: each list sorted by id, one entry per id. */
export type TraceBody = { pours: PourEntry[]; tickets: TicketEntry[]; batches: BatchEntry[]; lots: LotEntry[]; groups: GroupEntry[] };
export type TraceChange = { [K in keyof TraceBody]?: TraceBody[K] };

export const emptyTrace = (): TraceBody => ({ pours: [], tickets: [], batches: [], lots: [], groups: [] });

/**
 * The trace document of a member: its id follows from the project and the member as written, so a member trace reads
 * it without a lookup.
 * @example traceIdOf('pj_a', '3F 板 B2') // 'tr_pj_a_…' (22 url-safe chars of the member's SHA-256)
 */
export const traceIdOf = (projectId: string, member: string) => `tr_${projectId}_${createHash('sha256').update(member).digest('base64url').slice(0, 22)}`;

/**
 * A trace document keeps its body deflated, in base64: FerretDB scans the whole collection's JSON text for an `_id`
 * read (docs/ARCHITECTURE.md §12.10), and the deflated text is a fraction of it. The JSON is the one `applyChange` made
 * (sorted, one entry per id), so equal bodies pack to equal text.
 */
export const packTrace = (body: TraceBody) => deflateRawSync(JSON.stringify(body)).toString('base64');
export const unpackTrace = (text: string): TraceBody => JSON.parse(inflateRawSync(Buffer.from(text, 'base64')).toString('utf8'));

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Puts the changed entries in (the last with an id wins); every list stays sorted by id, one entry per id. */
export function applyChange(body: TraceBody, change: TraceChange): TraceBody {
  const out = { ...body };
  for (const key of Object.keys(change) as (keyof TraceBody)[]) {
    const merged = new Map((body[key] as { id: string }[]).map((e) => [e.id, e]));
    for (const e of change[key] as { id: string }[]) merged.set(e.id, e);
    out[key] = [...merged.values()].sort(byId) as never;
  }
  return out;
}

const uniq = (ids: string[]) => [...new Set(ids)];
const pick = <T extends { id: string }>(list: T[], ids: string[]) => {
  const m = new Map(list.map((e) => [e.id, e]));
  return ids.map((id) => m.get(id)).filter((e): e is T => !!e);
};

/** The inspection batches the member's groups belong to, in the order the groups name them. */
export const evaluationIdsOf = (body: TraceBody) => uniq(pick(body.groups, body.pours.flatMap((p) => p.groupIds)).map((g) => g.inspectionBatchId));

/**
 * The chain as the trace API answers it: pours → their groups, trucks → their batches → lots, groups → evaluations.
 */
export function presentTrace(body: TraceBody, evaluations: EvaluationEntry[]) {
  const groups = pick(body.groups, body.pours.flatMap((p) => p.groupIds));
  const batches = pick(body.batches, uniq(body.tickets.flatMap((t) => t.batchIds)));
  return {
    pours: body.pours.map(({ groupIds: _g, ...p }) => p),
    tickets: body.tickets,
    batches,
    lots: pick(body.lots, uniq(batches.flatMap((b) => b.lotIds))),
    groups: groups.map(({ inspectionBatchId: _i, ...g }) => g),
    evaluations: pick(evaluations, uniq(groups.map((g) => g.inspectionBatchId))),
  };
}
