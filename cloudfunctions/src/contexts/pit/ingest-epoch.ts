import { createHash } from 'node:crypto';
import type { Db } from 'mongodb';
import { conflict, invalid, notFound } from '@cityloop/shared/errors';
import { judgeEpoch, measureEpoch, type UploadFormat } from '@cityloop/shared/pit/domain/epoch.solve';
import type { Previous } from '@cityloop/shared/pit/domain/point-judge';
import type { Deps } from '../../platform/deps';
import type { PitUpload } from './pit.collections';
import { findUpload, insertUpload, uploadsInChainOrder } from './upload.repository';
import { findProject } from './project.repository';
import { raiseAlarmsFor, updatePointsAndProject } from './raise-alarms';
import { advanceHead, chainLink, GENESIS, previousEpoch, projectHead, repairChainHead, type ProjectHead } from './ingest-heads';
import { solvingProject, type SolvingProject } from './solving-project';
const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

export type IngestInput = {
  projectId: string;
  format: UploadFormat;
  text: string;
  observedAt?: string;
  source: PitUpload['source'];
};
export type IngestOutcome = { upload: PitUpload; duplicate: boolean; alarms: string[] };

/**
 * Raw upload → stored as-is → solved → judged → one insert (all-or-nothing) → alarms. `read`: the project
 * head and project the caller already read (for its permission check) for this upload.
 * The same file twice returns the first upload (idempotent). Uploads of a project form a hash chain:
 * chainHash = sha256(prevChainHash + sha256(raw) + receivedAt + status), with a unique (project, seq)
 * index so two concurrent uploads cannot both take the same place in the chain.
 */
export async function ingestEpoch(deps: Deps, input: IngestInput, read?: { head: ProjectHead; solving: SolvingProject }): Promise<IngestOutcome> {
  const { db, blobs, now } = deps;
  const hash = sha256(input.text);
  const firstHead = read?.head ?? (await projectHead(db, input.projectId));
  const solving = read?.solving ?? (await solvingProject(db, firstHead));
  if (!solving) throw notFound('基坑项目不存在');
  const { project, byCode } = solving;
  // a closed (backfilled) pit takes no more data: its record is final (lifecycle changes bump pointsVersion, so this is fresh)
  if (project.status === 'closed') throw conflict('该基坑项目已完工（回填），不再接收监测数据', 'project_closed');
  // The same file twice is caught by the insert's unique `_id` below, not by a read first: on FerretDB a
  // lookup that misses scans every stored upload (the largest cost of an upload before this).
  const id = `${project._id}:${hash}`;

  const t = now();
  // Solved once; its stream's previous epoch then supplies rates, the consecutive count and the identical-upload check.
  const measured = measureEpoch({ format: input.format, text: input.text, observedAt: input.observedAt, nowMs: t.getTime(), project: project.config, points: byCode });
  const judge = async (head: ProjectHead) => {
    const prev = await previousEpoch(db, head, measured.stream, measured.observedAtMs);
    const previous: Record<string, Previous> = {};
    for (const r of prev?.results ?? []) previous[r.point] = { value: r.value, timeMs: prev!.observedAt.getTime(), consecutive: r.consecutive };
    return judgeEpoch(measured, { project: project.config, points: byCode, previous, previousFingerprint: prev?.fingerprint });
  };
  let headDoc = firstHead;
  let outcome = await judge(headDoc);
  // Raw evidence first (content-addressed, harmless if we die before the insert); a refused file stores nothing.
  await blobs.put(`sha256/${hash}`, Buffer.from(input.text, 'utf8'), 'text/plain; charset=utf-8');

  for (let attempt = 0; ; attempt++) {
    if (attempt > 0) {
      // Another upload of the project got in first: judge again against the head as it is now.
      headDoc = await projectHead(db, project._id);
      outcome = await judge(headDoc);
    }
    const head = chainLink(headDoc);
    const seq = head.seq + 1;
    const prevChainHash = head.chainHash;
    const nothingToRaise = outcome.status === 'rejected' || (outcome.status === 'accepted' && outcome.results.every((r) => r.finalLevel === 'normal'));
    const upload: PitUpload = {
      _id: id,
      projectId: project._id,
      seq,
      sha256: hash,
      prevChainHash,
      chainHash: sha256(`${prevChainHash}${hash}${t.toISOString()}${outcome.status}`),
      format: input.format,
      stream: outcome.stream,
      receivedAt: t,
      observedAt: new Date(outcome.observedAtMs),
      source: input.source,
      status: outcome.status,
      reason: outcome.reason,
      flags: outcome.flags,
      fingerprint: outcome.fingerprint,
      summary: outcome.summary,
      results: outcome.results,
      alarmsRaised: nothingToRaise,
      scope: project.scope,
    };
    try {
      await insertUpload(db, upload);
    } catch (e) {
      if ((e as { code?: number }).code !== 11000) throw e;
      const same = await findUpload(db, id);
      if (same) return { upload: same, duplicate: true, alarms: [] }; // the same file raced itself
      await repairChainHead(db, project._id); // another writer (or a crash) left the head behind
      if (attempt < 5) continue;
      throw invalid('上传过于频繁，请稍后重试', 'chain_busy');
    }
    await advanceHead(db, upload, headDoc);
    // Alarms tell people: read the project as it is now (parties and phones), not as this instance cached it.
    const alarms = nothingToRaise ? [] : await raiseAlarmsFor(deps, (await findProject(db, project._id)) ?? project, upload);
    // An all-normal epoch raises nothing but may bring the project's level down (its points are back under their limits).
    if (nothingToRaise && upload.status === 'accepted') await updatePointsAndProject(deps, project, upload, t);
    return { upload, duplicate: false, alarms };
  }
}

/** Re-derives every chain hash of a project; returns the first broken link (seq), or null if intact. */
export async function verifyChain(db: Db, projectId: string): Promise<number | null> {
  let prev = GENESIS;
  for await (const u of uploadsInChainOrder(db, projectId)) {
    const want = sha256(`${prev}${u.sha256}${u.receivedAt.toISOString()}${u.status}`);
    if (u.prevChainHash !== prev || u.chainHash !== want) return u.seq;
    prev = u.chainHash;
  }
  return null;
}
