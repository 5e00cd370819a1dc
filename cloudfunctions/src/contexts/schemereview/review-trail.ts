import { createHash } from 'node:crypto';
import { CATEGORY_LABELS, EXPERT_SPECIALTIES, INVITATION_STATUS_LABELS, REVIEW_STATE_LABELS, SCHEME_STATE_LABELS } from '@cityloop/shared/dangerous-works/review.limits';
import type { DwProject, Expert, Review, Scheme } from './schemereview.collections';

/** Who reads a review: the regulator (everything), a project party, an expert of the panel, or the public. */
export type TrailAudience = 'regulator' | 'party' | 'expert' | 'public';

const day = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10); // Asia/Shanghai date
/** The experts' names stay hidden from the project parties until the meeting day (Beijing date). */
export const namesVisible = (r: Review, audience: TrailAudience, now: Date) => audience === 'regulator' || audience === 'expert' || (audience === 'party' && day(now) >= day(r.meetingAt));

/** The public part: what a citizen scanning the site board sees (project, sub-item, status). */
export function publicPart(r: Pick<Review, '_id' | 'projectName' | 'itemName' | 'category' | 'state' | 'report'>) {
  return {
    id: r._id,
    projectName: r.projectName,
    itemName: r.itemName,
    category: CATEGORY_LABELS[r.category] ?? r.category,
    state: r.state,
    stateLabel: REVIEW_STATE_LABELS[r.state],
    conclusion: r.report?.conclusion ?? null,
  };
}

const iso = (d?: Date | null) => (d ? d.toISOString() : null);

/** One review for its readers: the draw (commitment, seed once revealed), experts, opinions, report, archive. */
export function presentReview(r: Review, audience: TrailAudience, now: Date, experts?: Map<string, Pick<Expert, 'name' | 'title' | 'employer'>>) {
  const names = namesVisible(r, audience, now);
  const nameOf = (id: string) => (names ? (experts?.get(id)?.name ?? r.invitations.find((i) => i.expertId === id)?.name ?? '专家') : '专家（会议当日公布）');
  return {
    ...publicPart(r),
    version: r.version,
    projectId: r.projectId,
    schemeId: r.schemeId,
    schemeVersion: r.schemeVersion,
    specialty: EXPERT_SPECIALTIES[r.specialty] ?? r.specialty,
    meetingAt: r.meetingAt.toISOString(),
    venue: r.venue,
    namesVisible: names,
    draw: {
      commitment: r.draw.commitment,
      seed: r.draw.seed,
      drawnAt: iso(r.draw.drawnAt),
      eligibleCount: r.draw.eligible.length,
      excludedCount: Object.keys(r.draw.excluded).length,
      ...(audience === 'regulator' ? { participants: r.draw.participants, excluded: Object.entries(r.draw.excluded).map(([id, reason]) => ({ name: nameOf(id), expertId: id, reason })), eligible: r.draw.eligible, order: r.draw.order, declaredConflicts: r.draw.declaredConflicts } : {}),
    },
    invitations: r.invitations.map((i, n) => ({
      n: n + 1,
      ...(names ? { name: i.name, expertId: i.expertId } : { name: `专家 ${n + 1}` }),
      status: i.status,
      statusLabel: INVITATION_STATUS_LABELS[i.status],
      deadline: i.deadline.toISOString(),
    })),
    signIns: r.signIns.map((s) => ({ name: nameOf(s.expertId), at: s.at.toISOString(), distanceM: s.distanceM, ...(audience === 'regulator' ? { photo: s.photo } : {}) })),
    opinions: names ? r.opinions.map((o) => ({ name: nameOf(o.expertId), expertId: o.expertId, text: o.text, conclusion: o.conclusion, signed: o.signed, at: o.at.toISOString() })) : [],
    report: r.report ? { conclusion: r.report.conclusion, summary: r.report.summary, document: r.report.document ?? null, signers: r.report.signers.map(nameOf), nextStep: r.report.nextStep, at: r.report.at.toISOString() } : null,
    informed: r.informed ? { at: r.informed.at.toISOString(), note: r.informed.note, schemeVersion: r.informed.schemeVersion } : null,
    archive: r.archive ? { at: r.archive.at.toISOString(), documents: r.archive.documents, trailHash: r.archive.trailHash } : null,
    consultations: r.consultations.map((c) => ({
      id: c.id, alarmId: c.alarmId, alarmLevel: c.alarmLevel, at: c.at.toISOString(), commitment: c.draw.commitment, seed: c.draw.seed,
      experts: c.experts.map((e) => e.name), supplementary: c.supplementary.length, notInvited: Object.keys(c.notInvited).length,
      opinion: c.opinion ? { text: c.opinion.text, at: c.opinion.at.toISOString() } : null,
    })),
    history: audience === 'public' || !r.history ? [] : r.history.map((e) => ({ action: e.action, at: e.at.toISOString(), role: e.role ?? null, from: e.from ?? null, to: e.to ?? null, reason: e.reason ?? null })),
  };
}

/** A scheme with every version and its sign-offs (the trail shows returns and revisions). */
export function presentScheme(s: Scheme) {
  return {
    id: s._id,
    version: s.version,
    projectId: s.projectId,
    itemId: s.itemId,
    itemName: s.itemName,
    category: CATEGORY_LABELS[s.category] ?? s.category,
    level: s.level,
    state: s.state,
    stateLabel: SCHEME_STATE_LABELS[s.state],
    versions: s.versions.map((v) => ({ no: v.no, scheme: v.scheme, calculations: v.calculations, drawings: v.drawings, note: v.note, uploadedAt: v.uploadedAt.toISOString() })),
    signedVersion: s.signedVersion ?? null,
    approvedVersion: s.approvedVersion ?? null,
    reviewedVersion: s.reviewedVersion ?? null,
    lastConclusion: s.lastConclusion ?? null,
    revisionToInform: s.revisionToInform,
    reviewIds: s.reviewIds,
    history: s.history.map((e) => ({ action: e.action, at: e.at.toISOString(), role: e.role ?? null, from: e.from ?? null, to: e.to ?? null, reason: e.reason ?? null })),
  };
}

export function presentProject(p: DwProject) {
  return {
    id: p._id,
    version: p.version,
    name: p.name,
    address: p.address,
    townId: p.scope.townId,
    location: p.location ?? null,
    projectLevel: p.projectLevel,
    pitProjectId: p.pitProjectId ?? null,
    participants: p.participants,
    items: p.items.map((i) => ({ ...i, categoryLabel: CATEGORY_LABELS[i.category] ?? i.category })),
  };
}

/** Every document of the trail with its hash (37号令 art. 24): each scheme version's files, the report, the sign-in photos. */
export function archiveDocuments(r: Review, s: Scheme): { label: string; sha256: string }[] {
  return [
    ...s.versions.flatMap((v) => [
      { label: `方案第 ${v.no} 版`, sha256: v.scheme },
      { label: `计算书第 ${v.no} 版`, sha256: v.calculations },
      { label: `图纸第 ${v.no} 版`, sha256: v.drawings },
    ]),
    ...(r.report?.document ? [{ label: '论证报告', sha256: r.report.document }] : []),
    ...r.signIns.map((x, i) => ({ label: `签到照片 ${i + 1}`, sha256: x.photo })),
  ];
}

/** The archive's own hash: SHA-256 of the canonical JSON of the documents, the draw and the report. */
export function trailHash(r: Review, documents: { label: string; sha256: string }[]): string {
  const body = { review: r._id, documents, draw: { commitment: r.draw.commitment, seed: r.draw.seed, order: r.draw.order }, invitations: r.invitations.map((i) => [i.expertId, i.status]), opinions: r.opinions.map((o) => [o.expertId, o.conclusion, o.signed, o.text]), report: r.report ? [r.report.conclusion, r.report.summary, r.report.signers] : null };
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}
