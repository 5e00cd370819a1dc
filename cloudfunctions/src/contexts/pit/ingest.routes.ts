import type { Context, Hono } from 'hono';
import { forbidden, notFound } from '@cityloop/shared/errors';
import { can } from '@cityloop/shared/policy/can';
import { pitUploadRequest, type PitUploadOutcome } from '@cityloop/shared/pit/pit.contract';
import { rateVerdict } from '@cityloop/shared/pit/domain/point-judge';
import { ITEMS } from '@cityloop/shared/pit/domain/items';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import type { PitUpload } from './pit.collections';
import { findDevice } from './device.repository';
import { projectHead, type ProjectHead } from './ingest-heads';
import { solvingProject, type SolvingProject } from './solving-project';
import { readSignedDevicePost } from '../../platform/device/verify-device-post';
import { importPointsRoute } from './import-points.route';
import { ingestEpoch, type IngestInput, type IngestOutcome } from './ingest-epoch';
import { uploadErrorForMonitoringUnit } from './upload-errors';

/** What the monitoring unit reads back: accepted, held or rejected, with the reason and the results. */
export const presentUpload = (u: PitUpload, duplicate = false, alarms: string[] = []) => {
  const view = {
    id: u._id,
    seq: u.seq,
    sha256: u.sha256,
    chainHash: u.chainHash,
    status: u.status,
    reason: u.reason,
    duplicate,
    format: u.format,
    observedAt: u.observedAt.toISOString(),
    receivedAt: u.receivedAt.toISOString(),
    flags: u.flags,
    summary: u.summary,
    // `level` is the point's overall level; a rate with `rateJudged: false` has no level (show 未判定 + `rateNote`).
    // `unit` (mm, kN…): every value a page shows carries its unit, also where the page has no point list
    results: u.results.map((r) => ({ point: r.point, unit: (ITEMS as Record<string, { unit: string } | undefined>)[r.item]?.unit ?? null, value: r.value, change: r.change, intervalDays: r.intervalDays, rate: r.rate, ratio: r.ratio, level: r.finalLevel, ...rateVerdict(r), consecutive: r.consecutive })),
    alarms,
  };
  // not a fresh literal: the extra fields (sha256, chainHash) pass, a drift in the shared ones does not
  return view satisfies PitUploadOutcome;
};

/** Runs the ingest; a refused file's error reaches the monitoring unit in Chinese, the solver's English goes to the log. */
async function ingestForMonitoringUnit(c: Context<AppEnv>, input: IngestInput, read?: { head: ProjectHead; solving: SolvingProject }): Promise<IngestOutcome> {
  try {
    return await ingestEpoch(c.get('deps'), input, read);
  } catch (e) {
    const shown = uploadErrorForMonitoringUnit(e);
    if (shown !== e) c.get('log').info('pit upload refused', { code: (e as { code?: string }).code, message: (e as Error).message, projectId: input.projectId });
    throw shown;
  }
}

export function pitIngestRoutes(app: Hono<AppEnv>) {
  importPointsRoute(app);

  /** Monitoring-unit staff upload a raw instrument file for their project. */
  app.post('/api/ingest/pit/projects/:id/uploads', async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    // The head and the (instance-cached) project are what the ingest reads anyway: read once, checked here.
    const head = await projectHead(deps.db, c.req.param('id'));
    const solving = await solvingProject(deps.db, head);
    const project = solving?.project;
    if (!project || !can(actor, 'pit.read', { kind: 'pit', scope: project.scope }).allow) throw notFound('基坑项目不存在');
    if (!can(actor, 'pit.upload', { kind: 'pit', scope: project.scope }).allow) throw forbidden('只有本项目的监测单位可以上传原始数据');
    const body = await jsonBody(c, pitUploadRequest);
    const r = await ingestForMonitoringUnit(c, { projectId: project._id, ...body, source: { userId: actor.userId, ip: c.get('ip') } }, { head, solving: solving! });
    return ok(c, presentUpload(r.upload, r.duplicate, r.alarms), { status: r.duplicate ? 200 : 201 });
  });

  /** Automatic stations post readings signed with their device key (no user session). */
  app.post('/api/ingest/pit/devices/:deviceId/readings', async (c) => {
    const { device, body } = await readSignedDevicePost(c, await findDevice(c.get('deps').db, c.req.param('deviceId')), 'pit');
    const r = await ingestForMonitoringUnit(c, { projectId: device.projectId, format: device.format, text: body, source: { deviceId: device._id, ip: c.get('ip') } });
    return ok(c, presentUpload(r.upload, r.duplicate, r.alarms), { status: r.duplicate ? 200 : 201 });
  });
}
