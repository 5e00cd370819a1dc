import type { Hono } from 'hono';
import type * as z from 'zod';
import { invalid } from '@cityloop/shared/errors';
import { batchPost, loadPost } from '@cityloop/shared/concrete/concrete.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { ok } from '../../platform/http/respond';
import { readSignedDevicePost } from '../../platform/device/verify-device-post';
import { CONCRETE_DEVICE_PURPOSE, findConcreteDevice } from './concrete-devices';
import { ingestBatch } from './production';
import { ingestLoad } from './press';

const parse = <T>(schema: z.ZodType<T>, body: string): T => {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    throw invalid('请求内容不是有效的 JSON', 'invalid_json');
  }
  return schema.parse(raw);
};

/** Signed posts of plants' batching systems and labs' presses (the same HMAC, timestamp and nonce as pit stations). */
export function concreteIngestRoutes(app: Hono<AppEnv>) {
  app.post('/api/ingest/concrete/devices/:deviceId/batches', async (c) => {
    const deps = c.get('deps');
    const { device, body } = await readSignedDevicePost(c, await findConcreteDevice(deps, c.req.param('deviceId')), CONCRETE_DEVICE_PURPOSE);
    const r = await ingestBatch(deps, device, body, parse(batchPost, body));
    return ok(c, { id: r.batch._id, flagged: r.batch.flagged, deviations: r.batch.deviations.filter((d) => d.exceeded), duplicate: r.duplicate }, { status: r.duplicate ? 200 : 201 });
  });
  app.post('/api/ingest/concrete/devices/:deviceId/loads', async (c) => {
    const deps = c.get('deps');
    const { device, body } = await readSignedDevicePost(c, await findConcreteDevice(deps, c.req.param('deviceId')), CONCRETE_DEVICE_PURPOSE);
    const r = await ingestLoad(deps, device, parse(loadPost, body));
    return ok(c, { groupId: r.group._id, complete: r.complete, state: r.group.state, cubeStrengthsMPa: r.group.result?.cubeStrengthsMPa ?? null, representativeMPa: r.group.result?.representativeMPa ?? null, passed: r.group.passed ?? null }, { status: 201 });
  });
}
