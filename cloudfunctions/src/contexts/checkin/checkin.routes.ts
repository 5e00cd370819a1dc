import type { Hono } from 'hono';
import { can } from '@cityloop/shared/policy/can';
import { notFound } from '@cityloop/shared/errors';
import { verifyCheckinChain } from '@cityloop/shared/checkin/chain';
import { checkinListQuery, checkinRequest, enrolmentRequest, faceSessionRequest, type CheckinListView, type CheckinView } from '@cityloop/shared/checkin/checkin.contract';
import type { AppEnv } from '../../platform/http/app-env';
import { jsonBody, ok, query, touched } from '../../platform/http/respond';
import { requireActor } from '../../platform/auth/authenticate';
import { resolveSite } from './checkin-sites';
import { listCheckins } from './list-checkins';
import { presentCheckin } from './checkin-view';
import { CHECKIN_PEOPLE, CHECKINS } from './checkin.collections';
import { findPerson, recordOf } from './checkin.repository';
import { enrolPerson, presentEnrolment } from './enrol-person';
import { openFaceSession } from './face-session';
import { recordCheckin } from './record-checkin';

export function checkinRoutes(app: Hono<AppEnv>) {
  const ctxOf = (c: { get(k: 'requestId'): string; get(k: 'ip'): string }) => ({ requestId: c.get('requestId'), ip: c.get('ip') });

  /** The person's own enrolment (masked), or null. */
  app.get('/api/checkins/enrolment', async (c) => {
    const actor = requireActor(c);
    const p = await findPerson(c.get('deps').db, actor.userId);
    return ok(c, p ? presentEnrolment(p) : null);
  });

  /** Enrol (or re-enrol) oneself: name, ID number (sealed; answered masked), a photo of one's face. */
  app.post('/api/checkins/enrolment', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, enrolmentRequest);
    const p = await enrolPerson(c.get('deps'), actor, b, ctxOf(c));
    touched(c, CHECKIN_PEOPLE, p._id);
    return ok(c, presentEnrolment(p), { status: 201 });
  });

  /** How to prove one's face at this site now: a WeChat verify_id, a photo, or nothing. */
  app.post('/api/checkins/face-session', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, faceSessionRequest);
    return ok(c, await openFaceSession(c.get('deps'), actor, b, ctxOf(c)));
  });

  /** Check in or out: every refusal specific, nothing written on one. */
  app.post('/api/checkins', async (c) => {
    const actor = requireActor(c);
    const b = await jsonBody(c, checkinRequest);
    const { doc, site } = await recordCheckin(c.get('deps'), actor, b, ctxOf(c));
    // a check-in is never written again: its audit row is copied now, its pending marks emptied by the sweep
    touched(c, CHECKINS, doc._id, { written: doc, sweepClears: true });
    const data: CheckinView = presentCheckin(recordOf(doc), site.name);
    return ok(c, data, { status: 201 });
  });

  /** A site's check-ins: for the people who have a role at it, and the regulators of its area. */
  app.get('/api/checkins', async (c) => {
    const actor = requireActor(c);
    const deps = c.get('deps');
    const q = query(c, checkinListQuery);
    const site = await resolveSite(deps, q.siteKind, q.siteId, actor);
    const scope = { cityId: site.cityId, townId: site.townId };
    if (!site.role && !can(actor, 'checkin.read', { kind: 'checkin_site', scope }).allow) throw notFound('签到场所不存在', 'site_not_found');
    const records = await listCheckins(deps, q);
    const data: CheckinListView = {
      site: { kind: site.kind, siteId: site.siteId, name: site.name, role: site.role },
      checkins: records.map((r) => ({ ...presentCheckin(r, site.name), userName: r.userName, seq: r.seq })),
      chainIntact: verifyCheckinChain(records) === null,
    };
    return ok(c, data);
  });
}
